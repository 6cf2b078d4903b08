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

function requestKinds(sources: readonly WorkloadSource[]): RequestKind[] {
  const total = sources.reduce((s, w) => s + w.traffic.requests_per_day, 0);
  return sources.flatMap((w) => {
    // With no traffic at all, each source counts equally (costs per query stay defined).
    const weight = total > 0 ? w.traffic.requests_per_day / total : 1 / sources.length;
    const keep = 1 - w.reasoning.compression;
    return REASONING_LEVELS.flatMap((level) => {
      const l = w.reasoning.levels[level];
      if (l === undefined) return [];
      const thinkingTokens = l.thinking_tokens * keep;
      return [
        {
          weight: weight * l.share,
          level,
          inputTokens: w.traffic.input_tokens,
          thinkingTokens,
          outputTokens: w.traffic.output_tokens + thinkingTokens,
        },
      ];
    });
  });
}

/** The weight-averaged `value` of `kinds` (one kind: its own value, exactly; no weight: the plain mean). */
function meanOf(kinds: readonly RequestKind[], value: (k: RequestKind) => number): number {
  if (kinds.length === 1) return value(kinds[0] as RequestKind);
  const weight = kinds.reduce((s, k) => s + k.weight, 0);
  if (weight === 0) return kinds.reduce((s, k) => s + value(k), 0) / kinds.length;
  return kinds.reduce((s, k) => s + k.weight * value(k), 0) / weight;
}

/**
 * The exact mix of several sources on one replica: every (source, level) pair
 * is a kind of request with its own prompt and output length, weighted by its
 * share of all requests. A level any source defines is listed (share 0 too).
 */
export function workloadMix(sources: readonly WorkloadSource[]): Workload {
  const kinds = requestKinds(sources);
  const levels = REASONING_LEVELS.flatMap((level): LevelWorkload[] => {
    const mine = kinds.filter((k) => k.level === level);
    if (mine.length === 0) return [];
    return [
      {
        level,
        share: mine.reduce((s, k) => s + k.weight, 0),
        thinkingTokens: meanOf(mine, (k) => k.thinkingTokens),
        outputTokens: meanOf(mine, (k) => k.outputTokens),
      },
    ];
  });
  let meanOutputTokens = 0;
  let slotWeightedContext = 0;
  let inputTokens = 0;
  for (const k of kinds) {
    meanOutputTokens += k.weight * k.outputTokens;
    slotWeightedContext += k.weight * k.outputTokens * (k.inputTokens + k.outputTokens / 2);
    inputTokens += k.weight * k.inputTokens;
  }
  const present = kinds.some((k) => k.weight > 0) ? kinds.filter((k) => k.weight > 0) : kinds;
  return {
    inputTokens: sources.length === 1 ? (sources[0] as WorkloadSource).traffic.input_tokens : inputTokens,
    levels,
    meanOutputTokens,
    meanContextTokens: slotWeightedContext / meanOutputTokens,
    maxContextTokens: Math.max(...present.map((k) => k.inputTokens + k.outputTokens)),
  };
}

/** The workload of one scenario. */
export function workloadOf(scenario: WorkloadSource): Workload {
  return workloadMix([scenario]);
}
