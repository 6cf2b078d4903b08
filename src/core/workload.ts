/**
 * The token workload requests put on a replica: one scenario's traffic and
 * reasoning mix, or several workloads served together by one fleet
 * deployment. The one place output tokens after compression, the mix and its
 * mean context are computed.
 */
import { REASONING_LEVELS, type ReasoningLevel } from '../scenario/levels.js';
import type { Reasoning, Traffic } from '../scenario/schema.js';

export interface LevelWorkload {
  readonly level: ReasoningLevel;
  readonly share: number;
  /** Thinking tokens after compression: thinking_tokens × (1 − compression). */
  readonly thinkingTokens: number;
  /** Answer tokens + thinking tokens after compression. */
  readonly outputTokens: number;
}

export interface Workload {
  /** Prompt tokens per request, averaged over the requests. */
  readonly inputTokens: number;
  readonly levels: readonly LevelWorkload[];
  /** Output tokens per request, averaged over the mix. */
  readonly meanOutputTokens: number;
  /**
   * Context a decode slot holds on average. A request of `o` output tokens
   * holds a slot for `o` steps, during which its context grows from its input
   * `i` to `i + o`, i.e. `i + o/2` on average; slots are shared in proportion
   * to (share of requests) × o.
   */
  readonly meanContextTokens: number;
  /** Longest context any request in the mix (share > 0) reaches. */
  readonly maxContextTokens: number;
}

/** What a workload is made of: its traffic and reasoning mix (a scenario is one). */
export interface WorkloadSource {
  readonly traffic: Traffic;
  readonly reasoning: Reasoning;
}

/** One kind of request: one source's prompt at one reasoning level, and its share of all requests. */
interface RequestKind {
  readonly weight: number;
  readonly level: ReasoningLevel;
  readonly inputTokens: number;
  readonly thinkingTokens: number;
  readonly outputTokens: number;
}

/** Every (source, level) pair as a kind of request. Plain loops: a sweep calls this for every point. */
function requestKinds(sources: readonly WorkloadSource[]): RequestKind[] {
  let total = 0;
  for (const w of sources) total += w.traffic.requests_per_day;
  const kinds: RequestKind[] = [];
  for (const w of sources) {
    // With no traffic at all, each source counts equally (costs per query stay defined).
    const weight = total > 0 ? w.traffic.requests_per_day / total : 1 / sources.length;
    const keep = 1 - w.reasoning.compression;
    for (const level of REASONING_LEVELS) {
      const l = w.reasoning.levels[level];
      if (l === undefined) continue;
      const thinkingTokens = l.thinking_tokens * keep;
      kinds.push({
        weight: weight * l.share,
        level,
        inputTokens: w.traffic.input_tokens,
        thinkingTokens,
        outputTokens: w.traffic.output_tokens + thinkingTokens,
      });
    }
  }
  return kinds;
}

/**
 * One level's share and weight-averaged tokens over its kinds (one kind: its
 * own values, exactly; no weight: the plain mean).
 */
function levelOf(level: ReasoningLevel, kinds: readonly RequestKind[]): LevelWorkload | undefined {
  let n = 0;
  let share = 0;
  let thinking = 0;
  let output = 0;
  let plainThinking = 0;
  let plainOutput = 0;
  let only: RequestKind | undefined;
  for (const k of kinds) {
    if (k.level !== level) continue;
    n++;
    only = k;
    share += k.weight;
    thinking += k.weight * k.thinkingTokens;
    output += k.weight * k.outputTokens;
    plainThinking += k.thinkingTokens;
    plainOutput += k.outputTokens;
  }
  if (only === undefined) return undefined;
  if (n === 1) return { level, share, thinkingTokens: only.thinkingTokens, outputTokens: only.outputTokens };
  return share === 0
    ? { level, share, thinkingTokens: plainThinking / n, outputTokens: plainOutput / n }
    : { level, share, thinkingTokens: thinking / share, outputTokens: output / share };
}

/**
 * The exact mix of several sources on one replica: every (source, level) pair
 * is a kind of request with its own prompt and output length, weighted by its
 * share of all requests. A level any source defines is listed (share 0 too).
 */
export function workloadMix(sources: readonly WorkloadSource[]): Workload {
  const kinds = requestKinds(sources);
  const levels: LevelWorkload[] = [];
  for (const level of REASONING_LEVELS) {
    const l = levelOf(level, kinds);
    if (l !== undefined) levels.push(l);
  }
  let meanOutputTokens = 0;
  let slotWeightedContext = 0;
  let inputTokens = 0;
  // The longest request among those that occur (share > 0); if none has a share, among all.
  let longest = -Infinity;
  let longestAny = -Infinity;
  for (const k of kinds) {
    meanOutputTokens += k.weight * k.outputTokens;
    slotWeightedContext += k.weight * k.outputTokens * (k.inputTokens + k.outputTokens / 2);
    inputTokens += k.weight * k.inputTokens;
    const context = k.inputTokens + k.outputTokens;
    if (k.weight > 0 && context > longest) longest = context;
    if (context > longestAny) longestAny = context;
  }
  const [one] = sources;
  return {
    inputTokens: sources.length === 1 && one !== undefined ? one.traffic.input_tokens : inputTokens,
    levels,
    meanOutputTokens,
    meanContextTokens: slotWeightedContext / meanOutputTokens,
    maxContextTokens: longest > -Infinity ? longest : longestAny,
  };
}

/** The workload of one scenario. */
export function workloadOf(scenario: WorkloadSource): Workload {
  return workloadMix([scenario]);
}
