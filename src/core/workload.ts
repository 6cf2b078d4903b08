/**
 * The token workload requests put on a replica: one scenario's traffic and
 * reasoning mix, or several workloads served together by one fleet
 * deployment. The one place output tokens after compression, the mix and its
 * mean context are computed.
 */
import { REASONING_LEVELS, type ReasoningLevel } from '../scenario/levels.js';
import { longestOf, meanOf, samplerOf, secondMomentOf } from './lengths.js';
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
  /** Prompt tokens per request that are prefilled (not found in the prefix cache), averaged. */
  readonly prefillTokens: number;
  /**
   * Mean context a prefilled token attends to, over the prefilled tokens: the
   * cached part of its prompt plus half the part prefilled with it (input / 2
   * without a cache).
   */
  readonly prefillAttendedTokens: number;
  /** How prompts meet the prefix cache: each case's share of requests, tokens prefilled and found cached. */
  readonly promptCases: readonly PromptCase[];
  /** KV-cache tokens of shared prefixes, held once per replica (each data-parallel group): 0 without. */
  readonly sharedPrefixTokens: number;
  /**
   * Draws of one request's prompt and output tokens at a level, where the
   * counts are distributions or the requests come from several sources (a
   * fleet deployment's workloads); null where every request of a level is
   * the mean one (core/latency.ts's simulation).
   */
  readonly draws: {
    /** One request at `level`: its source (by its share of the level's requests), then its prompt and output. */
    readonly draw: (level: ReasoningLevel, random: () => number) => { input: number; output: number };
  } | null;
  /**
   * KV-cache tokens a decode slot holds of its own on average: the mean
   * context less the shared prefix it points at (meanContextTokens without one).
   */
  readonly meanSlotKvTokens: number;
}

export interface PromptCase {
  readonly share: number;
  readonly prefillTokens: number;
  readonly cachedTokens: number;
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
  /** Prompt tokens per slot, on average, that point at its source's shared prefix instead of a copy of their own. */
  readonly sharedTokens: number;
  /**
   * Where the counts are distributions (core/lengths.ts): E[output²], the
   * longest prompt and output, E[input²]; absent for plain counts (then the
   * means are exact and every formula keeps its plain form).
   */
  readonly spread:
    | {
        readonly outputSecond: number;
        readonly inputSecond: number;
        readonly longestInput: number;
        readonly longestOutput: number;
      }
    | undefined;
}

/**
 * A request that finds the shared prefix cached points at its one copy; one
 * that misses prefills and holds its own (a miss means the copy was evicted):
 * h × P tokens per slot on average, and the copy held only when h > 0.
 */
function sharedSlotTokens(t: Traffic): number {
  const c = t.prefix_cache;
  return c?.shared_prefix_tokens === undefined || c.hit_rate === undefined ? 0 : c.hit_rate * c.shared_prefix_tokens;
}

/**
 * How one source's prompts meet the prefix cache. A shared prefix of P tokens
 * is found by `hit_rate` h of the requests, which prefill the other i − P; the
 * rest prefill all i (a prefix cache matches whole prefixes, so nothing after
 * a missed prefix is found either). A cached share s: every prompt finds s × i
 * of its tokens (its conversation's earlier turns) and prefills the rest.
 */
function promptCasesOf(t: Traffic): PromptCase[] {
  const i = meanOf(t.input_tokens);
  const c = t.prefix_cache;
  if (c?.shared_prefix_tokens !== undefined && c.hit_rate !== undefined) {
    const p = c.shared_prefix_tokens;
    return [
      { share: c.hit_rate, prefillTokens: i - p, cachedTokens: p },
      { share: 1 - c.hit_rate, prefillTokens: i, cachedTokens: 0 },
    ];
  }
  const s = c?.cached_input_share ?? 0;
  return [
    s > 0
      ? { share: 1, prefillTokens: i * (1 - s), cachedTokens: i * s }
      : { share: 1, prefillTokens: i, cachedTokens: 0 },
  ];
}

/**
 * Each source's share of all requests; with no traffic at all, each counts
 * equally (costs per query stay defined).
 */
export function sourceWeights(sources: readonly WorkloadSource[]): number[] {
  let total = 0;
  for (const w of sources) total += w.traffic.requests_per_day;
  return sources.map((w) => (total > 0 ? w.traffic.requests_per_day / total : 1 / sources.length));
}

/** Every (source, level) pair as a kind of request. Plain loops: a sweep calls this for every point. */
function requestKinds(sources: readonly WorkloadSource[]): RequestKind[] {
  const weights = sourceWeights(sources);
  const kinds: RequestKind[] = [];
  for (let j = 0; j < sources.length; j++) {
    const w = sources[j] as WorkloadSource;
    const weight = weights[j] as number;
    const keep = 1 - w.reasoning.compression;
    for (const level of REASONING_LEVELS) {
      const l = w.reasoning.levels[level];
      if (l === undefined) continue;
      const { input_tokens: input, output_tokens: answer } = w.traffic;
      const thinking = l.thinking_tokens;
      const thinkingTokens = meanOf(thinking) * keep;
      const plain = typeof input === 'number' && typeof answer === 'number' && typeof thinking === 'number';
      const answerMean = meanOf(answer);
      const kind: RequestKind = {
        weight: weight * l.share,
        level,
        inputTokens: meanOf(input),
        thinkingTokens,
        outputTokens: answerMean + thinkingTokens,
        sharedTokens: sharedSlotTokens(w.traffic),
        // Answer and thinking drawn independently: E[o²] = E[a²] + 2 E[a] E[t] + E[t²] (t after compression).
        // Set only for spread lengths, by assignment: a spread of a conditional literal is one of V8's slow paths.
        spread: plain
          ? undefined
          : {
              outputSecond:
                secondMomentOf(answer) + 2 * answerMean * thinkingTokens + keep * keep * secondMomentOf(thinking),
              inputSecond: secondMomentOf(input),
              longestInput: longestOf(input),
              longestOutput: longestOf(answer) + keep * longestOf(thinking),
            },
      };
      kinds.push(kind);
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
    // A slot is held for o steps at context i + o/2 on average: E[o (i + o/2)] = E[o] E[i] + E[o²] / 2
    // (independent prompt and output), o (i + o/2) for plain counts.
    slotWeightedContext +=
      k.spread === undefined
        ? k.weight * k.outputTokens * (k.inputTokens + k.outputTokens / 2)
        : k.weight * (k.outputTokens * k.inputTokens + k.spread.outputSecond / 2);
    inputTokens += k.weight * k.inputTokens;
    const context =
      k.spread === undefined ? k.inputTokens + k.outputTokens : k.spread.longestInput + k.spread.longestOutput;
    if (k.weight > 0 && context > longest) longest = context;
    if (context > longestAny) longestAny = context;
  }
  const [one] = sources;
  const meanContextTokens = slotWeightedContext / meanOutputTokens;
  const meanInputTokens = sources.length === 1 && one !== undefined ? meanOf(one.traffic.input_tokens) : inputTokens;
  // Explicit fields, not a spread: a spread of a returned object is a slow path in V8, on every evaluation.
  const p = prefillOfMix(sources, kinds, meanInputTokens, meanContextTokens);
  return {
    inputTokens: meanInputTokens,
    levels,
    meanOutputTokens,
    meanContextTokens,
    maxContextTokens: longest > -Infinity ? longest : longestAny,
    prefillTokens: p.prefillTokens,
    prefillAttendedTokens: p.prefillAttendedTokens,
    promptCases: p.promptCases,
    sharedPrefixTokens: p.sharedPrefixTokens,
    meanSlotKvTokens: p.meanSlotKvTokens,
    draws: sources.length > 1 || kinds.some((k) => k.spread !== undefined) ? drawsOfMix(sources) : null,
  };
}

/** Samplers of one source's prompt and output lengths (answer + thinking after compression, drawn apart). */
function drawsOf(w: WorkloadSource) {
  const input = samplerOf(w.traffic.input_tokens);
  const answer = samplerOf(w.traffic.output_tokens);
  const keep = 1 - w.reasoning.compression;
  const thinking = new Map(
    REASONING_LEVELS.map((level) => [level, samplerOf(w.reasoning.levels[level]?.thinking_tokens ?? 0)] as const),
  );
  return {
    input,
    output: (level: ReasoningLevel, random: () => number) =>
      answer(random) + keep * (thinking.get(level)?.(random) ?? 0),
  };
}

/**
 * Draws over several sources: a request at a level comes from source s with
 * probability ∝ s's share of requests × its share at that level (one source:
 * no draw for it, so a scenario's draws are the same with or without a fleet).
 */
function drawsOfMix(sources: readonly WorkloadSource[]): NonNullable<Workload['draws']> {
  const each = sources.map(drawsOf);
  const weights = sourceWeights(sources);
  const byLevel = new Map(
    REASONING_LEVELS.map((level) => {
      const w = sources.map((src, i) => (weights[i] as number) * (src.reasoning.levels[level]?.share ?? 0));
      return [level, { w, total: w.reduce((a, b) => a + b, 0) }] as const;
    }),
  );
  return {
    draw: (level, random) => {
      let k = 0;
      if (each.length > 1) {
        const { w, total } = byLevel.get(level) ?? { w: [], total: 0 };
        let u = random() * total;
        while (k < w.length - 1 && u >= (w[k] as number)) u -= w[k++] as number;
      }
      const d = each[k] as (typeof each)[number];
      const input = d.input(random);
      return { input, output: d.output(level, random) };
    },
  };
}

/**
 * The prefix-cache side of a mix: prompt cases weighted by their source's
 * share of requests, tokens prefilled and attended to, and the KV cache
 * shared prefixes hold. Without a prefix cache anywhere: the prompts as they
 * are (inputTokens, input / 2 attended, meanContextTokens per slot), exactly.
 */
function prefillOfMix(
  sources: readonly WorkloadSource[],
  kinds: readonly RequestKind[],
  inputTokens: number,
  meanContextTokens: number,
): Pick<
  Workload,
  'prefillTokens' | 'prefillAttendedTokens' | 'promptCases' | 'sharedPrefixTokens' | 'meanSlotKvTokens'
> {
  // A prompt token attends to half its prompt on average; over prompts of spread lengths, token-weighted:
  // E[i²] / (2 E[i]) (longer prompts hold more of the tokens).
  let inputSecond = 0;
  let inputMean = 0;
  let spread = false;
  for (const k of kinds) {
    inputSecond += k.weight * (k.spread?.inputSecond ?? k.inputTokens * k.inputTokens);
    inputMean += k.weight * k.inputTokens;
    if (k.spread !== undefined) spread = true;
  }
  if (sources.every((w) => w.traffic.prefix_cache === undefined))
    return {
      prefillTokens: inputTokens,
      prefillAttendedTokens: spread ? inputSecond / (2 * inputMean) : inputTokens / 2,
      // The mean prompt stands for all (a fleet's mix is priced at its mean prompt, as before prefix caching).
      promptCases: [{ share: 1, prefillTokens: inputTokens, cachedTokens: 0 }],
      sharedPrefixTokens: 0,
      meanSlotKvTokens: meanContextTokens,
    };
  const weights = sourceWeights(sources);
  const promptCases: PromptCase[] = [];
  let sharedPrefixTokens = 0;
  for (let j = 0; j < sources.length; j++) {
    const w = sources[j] as WorkloadSource;
    const weight = weights[j] as number;
    for (const c of promptCasesOf(w.traffic))
      promptCases.push({ share: weight * c.share, prefillTokens: c.prefillTokens, cachedTokens: c.cachedTokens });
    if (sharedSlotTokens(w.traffic) > 0) sharedPrefixTokens += w.traffic.prefix_cache?.shared_prefix_tokens ?? 0;
  }
  let prefillTokens = 0;
  let attended = 0;
  for (const c of promptCases) {
    prefillTokens += c.share * c.prefillTokens;
    attended += c.share * c.prefillTokens * (c.cachedTokens + c.prefillTokens / 2);
  }
  let slotWeighted = 0;
  let slots = 0;
  for (const k of kinds) {
    slotWeighted +=
      k.spread === undefined
        ? k.weight * k.outputTokens * (k.inputTokens - k.sharedTokens + k.outputTokens / 2)
        : k.weight * (k.outputTokens * (k.inputTokens - k.sharedTokens) + k.spread.outputSecond / 2);
    slots += k.weight * k.outputTokens;
  }
  return {
    prefillTokens,
    prefillAttendedTokens: attended / prefillTokens,
    promptCases,
    sharedPrefixTokens,
    meanSlotKvTokens: slotWeighted / slots,
  };
}

/**
 * The workload of one scenario. The last one is kept with the traffic and
 * reasoning objects it came from (scenarios are immutable): a sweep point
 * that moves neither (an axis on the model, the hardware or the serving) has
 * the workload of the point before it.
 */
export function workloadOf(scenario: WorkloadSource): Workload {
  const { traffic, reasoning } = scenario;
  if (last !== undefined && last.traffic === traffic && last.reasoning === reasoning) return last.workload;
  const workload = workloadMix([scenario]);
  last = { traffic, reasoning, workload };
  return workload;
}

let last: { readonly traffic: Traffic; readonly reasoning: Reasoning; readonly workload: Workload } | undefined;
