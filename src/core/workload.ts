/**
 * The token workload a scenario's traffic and reasoning mix put on a replica.
 */
import { REASONING_LEVELS, type ReasoningLevel } from '../scenario/levels.js';
import type { Scenario } from '../scenario/schema.js';

export interface LevelWorkload {
  readonly level: ReasoningLevel;
  readonly share: number;
  /** Thinking tokens after compression: thinking_tokens × (1 − compression). */
  readonly thinkingTokens: number;
  /** Answer tokens + thinking tokens after compression. */
  readonly outputTokens: number;
}

export interface Workload {
  readonly inputTokens: number;
  readonly levels: readonly LevelWorkload[];
  /** Output tokens per request, averaged over the mix. */
  readonly meanOutputTokens: number;
  /**
   * Context a decode slot holds on average. A request of level L holds a slot
   * for its L output tokens, during which its context grows from input to
   * input + output, i.e. input + output/2 on average; slots are shared in
   * proportion to share × output tokens.
   */
  readonly meanContextTokens: number;
  /** Longest context any request in the mix (share > 0) reaches. */
  readonly maxContextTokens: number;
}

export function workloadOf(scenario: Scenario): Workload {
  const { traffic, reasoning } = scenario;
  const keep = 1 - reasoning.compression;
  const levels: LevelWorkload[] = [];
  for (const level of REASONING_LEVELS) {
    const mix = reasoning.levels[level];
    if (mix === undefined) continue;
    const thinkingTokens = mix.thinking_tokens * keep;
    levels.push({ level, share: mix.share, thinkingTokens, outputTokens: traffic.output_tokens + thinkingTokens });
  }
  let meanOutput = 0;
  let slotWeightedContext = 0;
  let maxOutput = 0;
  for (const l of levels) {
    meanOutput += l.share * l.outputTokens;
    slotWeightedContext += l.share * l.outputTokens * (traffic.input_tokens + l.outputTokens / 2);
    if (l.share > 0) maxOutput = Math.max(maxOutput, l.outputTokens);
  }
  return {
    inputTokens: traffic.input_tokens,
    levels,
    meanOutputTokens: meanOutput,
    meanContextTokens: slotWeightedContext / meanOutput,
    maxContextTokens: traffic.input_tokens + maxOutput,
  };
}
