/** Reasoning effort levels, as the Mistral Small 4 API names them (reasoning_effort none / medium / high). */
export const REASONING_LEVELS = ['none', 'medium', 'high'] as const;
export type ReasoningLevel = (typeof REASONING_LEVELS)[number];
