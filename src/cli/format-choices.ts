/** The --format choices of the commands whose options main.ts declares and whose implementations type them (no import back into main.ts). */
export const FORMATS = ['table', 'json'] as const;
export type Format = (typeof FORMATS)[number];
/** simulate's formats: the common ones plus CSV and the HTML report. */
export const SIMULATE_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type SimulateFormat = (typeof SIMULATE_FORMATS)[number];
export const EXPLAIN_FORMATS = ['table', 'json', 'html'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];
