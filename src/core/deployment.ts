/**
 * Sizing one replica: how many accelerators hold the model, which batch they
 * run, and how much replica time one query takes in each phase.
 */
import type { Precision } from '../scenario/precision.js';
import type { Model, Scenario } from '../scenario/schema.js';
import { InfeasibleError } from '../errors.js';
import { acceptedLength, drafterOf, speculativeStep, type Speculative, type SpeculativeStep } from './speculative.js';
import { replicaWeightsBytes } from './architecture.js';
import { chooseBatch, type BatchChoice, type NoBatch } from './batch.js';
import { splitParameters, type ParameterSplit } from './experts.js';
import type { Parallelism } from './parallelism.js';
import { cachedReplicaRates, type ReplicaRates } from './replica.js';
import { prefillStep, promptAloneS, type StepTime } from './steps.js';
import type { PromptCase, Workload } from './workload.js';

export interface Deployment {
  readonly ok: true;
  readonly rates: ReplicaRates;
  readonly weightsBytes: number;
  readonly kvBudgetBytes: number;
  readonly batch: BatchChoice;
  /** Replica time per prompt token when prompts are packed into full prefill passes, s. */
  readonly prefillSecondsPerToken: number;
  readonly prefillStep: StepTime;
  /** Time to first token for one prompt processed on its own, s (no queueing). */
  readonly timeToFirstTokenS: number;
  /** Replica time per output token of one sequence: step time / batch, s. */
  readonly decodeSecondsPerToken: number;
  /** Replica time one average query of the mix takes, s. */
  readonly replicaSecondsPerQuery: number;
}

export type Rejection = {
  readonly ok: false;
  readonly accelerators: number;
  readonly parallelism: Parallelism;
} & (
  | { readonly reason: 'weights'; readonly usableMemoryBytes: number }
  | { readonly reason: 'kv-cache'; readonly kvBudgetBytes: number }
  | { readonly reason: 'time-per-output-token'; readonly stepS: number }
  | { readonly reason: 'time-to-first-token'; readonly ttftS: number }
);

export interface SizingContext {
  readonly scenario: Scenario;
  readonly workload: Workload;
  readonly split: ParameterSplit;
  readonly computePrecision: Precision;
  /** Speculative decoding as set, with its drafter and accepted length (undefined: off). */
  readonly speculative: SpeculativeSetting | undefined;
}

export function sizingContext(scenario: Scenario, workload: Workload, computePrecision: Precision): SizingContext {
  return {
    scenario,
    workload,
    split: splitParameters(scenario.model),
    computePrecision,
    speculative: speculativeSetting(scenario),
  };
}

/**
 * What a replica serves: both phases (co-located), or only decode (the decode
 * pool of a disaggregated deployment: prompts arrive prefilled, so no TTFT
 * limit and no prefill time per query).
 */
export type Phase = 'both' | 'decode';

export function evaluateReplica(
  ctx: SizingContext,
  layout: Parallelism | number,
  phase: Phase = 'both',
): Deployment | Rejection {
  const { scenario, workload, split } = ctx;
  const { model, serving } = scenario;
  const rates = cachedReplicaRates(scenario.hardware, serving, ctx.computePrecision, layout, scenario.extra_factors);
  const { accelerators, parallelism } = rates;
  const weights = replicaWeightsBytes(model, parallelism.data);
  const kvBudgetBytes = rates.usableMemoryBytes - weights;
  if (kvBudgetBytes <= 0)
    return { ok: false, accelerators, parallelism, reason: 'weights', usableMemoryBytes: rates.usableMemoryBytes };

  const maxStepS =
    serving.max_time_per_output_token_ms === undefined ? undefined : serving.max_time_per_output_token_ms / 1000;
  const input = workload.inputTokens;
  const { fullPass, timeToFirstTokenS, prefillSecondsPerToken } = prefillOf(ctx, rates);
  // Serving both phases, each step also carries the prompts that arrive at the batch's pace.
  const prefillPerSequenceS =
    phase === 'both' && workload.meanOutputTokens > 0
      ? (input / workload.meanOutputTokens) * prefillSecondsPerToken
      : 0;
  const batch: BatchChoice | NoBatch = chooseBatch(
    model,
    split,
    rates,
    kvBudgetBytes,
    workload,
    // max_batch is per engine instance: each data-parallel attention group runs its own batch (vLLM max_num_seqs,
    // SGLang max_running_requests are per DP rank).
    serving.max_batch * rates.parallelism.data,
    maxStepS,
    serving.max_concurrency,
    prefillPerSequenceS,
    ctx.speculative === undefined
      ? undefined
      : {
          stepAt: (b: number) => speculativeStepAt(ctx, rates, b).step,
          tokensPerStep: ctx.speculative.accepted,
        },
  );
  if (!batch.ok) {
    return batch.limitedBy === 'memory'
      ? { ok: false, accelerators, parallelism, reason: 'kv-cache', kvBudgetBytes }
      : {
          ok: false,
          accelerators,
          parallelism,
          reason: 'time-per-output-token',
          stepS: batch.step === undefined ? Infinity : batch.step.seconds + prefillPerSequenceS,
        };
  }

  const ttftLimitS =
    serving.max_time_to_first_token_ms === undefined ? Infinity : serving.max_time_to_first_token_ms / 1000;
  if (phase === 'both' && timeToFirstTokenS > ttftLimitS)
    return { ok: false, accelerators, parallelism, reason: 'time-to-first-token', ttftS: timeToFirstTokenS };

  const decodeSecondsPerToken = batch.step.seconds / (batch.batch * batch.tokensPerStep);
  const replicaSecondsPerQuery = replicaSecondsFor(
    { prefillSecondsPerToken: phase === 'both' ? prefillSecondsPerToken : 0, decodeSecondsPerToken },
    input,
    workload.meanOutputTokens,
  );
  return {
    ok: true,
    rates,
    weightsBytes: weights,
    kvBudgetBytes,
    batch,
    prefillSecondsPerToken,
    prefillStep: fullPass,
    timeToFirstTokenS,
    decodeSecondsPerToken,
    replicaSecondsPerQuery,
  };
}

export interface SpeculativeSetting {
  readonly setting: Speculative;
  readonly drafter: Model | undefined;
  readonly accepted: number;
}

/** A scenario's speculative decoding, checked: a located error when its accepted length or draft model is missing. */
export function speculativeSetting(scenario: Scenario): SpeculativeSetting | undefined {
  const s = scenario.serving.speculative;
  if (s === undefined) return undefined;
  const accepted = acceptedLength(s);
  if (accepted === undefined)
    throw new InfeasibleError(
      `no published acceptance rate for ${s.method} is built in: give serving.speculative.acceptance_rate (per draft token) or accepted_tokens_per_step (measured)`,
      'serving.speculative',
    );
  if (accepted > s.draft_tokens + 1)
    throw new InfeasibleError(
      `accepted_tokens_per_step ${accepted} is more than draft_tokens + 1 = ${s.draft_tokens + 1}: a step keeps at most its drafts and one token of its own`,
      'serving.speculative.accepted_tokens_per_step',
    );
  if (s.method === 'draft_model' && s.draft_model === undefined)
    throw new InfeasibleError(
      'method draft_model needs serving.speculative.draft_model (a model preset or inline fields)',
      'serving.speculative',
    );
  return { setting: s, drafter: drafterOf(s, scenario.model, s.draft_model), accepted };
}

/** The speculative step of this replica at a batch. */
export function speculativeStepAt(ctx: SizingContext, rates: ReplicaRates, batch: number): SpeculativeStep {
  const sp = ctx.speculative;
  if (sp === undefined) throw new Error('speculativeStepAt: speculative decoding is off');
  return speculativeStep(
    ctx.scenario.model,
    ctx.split,
    rates,
    batch,
    ctx.workload.meanContextTokens,
    sp.setting,
    sp.drafter,
    sp.accepted,
  );
}

/**
 * Prefill on a replica: one full pass of `prefill_chunk_tokens`, one prompt
 * processed alone (its passes of at most a chunk each: the time to first
 * token without queueing), and the replica time per prompt token. Under open
 * traffic prompts are packed into full chunks, and packed passes overlap
 * across pipeline stages (intervalS); with max_concurrency set, few prompts
 * wait at once, so each is prefilled on its own.
 */
export function prefillOf(ctx: SizingContext, rates: ReplicaRates): Prefill {
  const { model, serving } = ctx.scenario;
  const { workload } = ctx;
  const chunk = serving.prefill_chunk_tokens;
  const packed = serving.max_concurrency === undefined;
  const last = PREFILLS.get(rates);
  if (
    last !== undefined &&
    last.model === model &&
    last.chunk === chunk &&
    last.packed === packed &&
    samePrompts(last.workload, workload)
  )
    return last.prefill;
  const prefill = computePrefill(ctx, rates, chunk, packed);
  PREFILLS.set(rates, { model, chunk, packed, workload, prefill });
  return prefill;
}

export interface Prefill {
  readonly fullPass: StepTime;
  readonly timeToFirstTokenS: number;
  readonly prefillSecondsPerToken: number;
}

/**
 * The last prefill of each replica (a cached ReplicaRates: core/replica.ts),
 * with what it was computed from: the model, the chunk, whether prompts are
 * packed, and the prompts. A sweep point that moves none of them (an axis
 * on the decode side: the batch, the reasoning mix, the output tokens) is
 * prefilled as the point before it, and so is every candidate replica that
 * the scenario before it also tried. Scenarios are immutable, so the same
 * model object is the same model.
 */
const PREFILLS = new WeakMap<
  ReplicaRates,
  {
    readonly model: Model;
    readonly chunk: number;
    readonly packed: boolean;
    readonly workload: Workload;
    readonly prefill: Prefill;
  }
>();

/** Whether two workloads' prompts prefill alike: every figure of a workload that prefill reads. */
function samePrompts(a: Workload, b: Workload): boolean {
  if (a === b) return true;
  if (
    a.inputTokens !== b.inputTokens ||
    a.prefillTokens !== b.prefillTokens ||
    a.prefillAttendedTokens !== b.prefillAttendedTokens ||
    a.promptCases.length !== b.promptCases.length
  )
    return false;
  for (let i = 0; i < a.promptCases.length; i++) {
    const x = a.promptCases[i] as PromptCase;
    const y = b.promptCases[i] as PromptCase;
    if (x.share !== y.share || x.prefillTokens !== y.prefillTokens || x.cachedTokens !== y.cachedTokens) return false;
  }
  return true;
}

function computePrefill(ctx: SizingContext, rates: ReplicaRates, chunk: number, packed: boolean): Prefill {
  const { model } = ctx.scenario;
  const { workload } = ctx;
  const input = workload.inputTokens;
  const fullPass = prefillStep(model, ctx.split, rates, chunk, workload.prefillAttendedTokens);
  // A prompt prefilled alone: the mean over how prompts meet the prefix cache (one case without one).
  let timeToFirstTokenS = 0;
  for (const c of workload.promptCases) {
    if (c.share === 0) continue;
    const attended = c.cachedTokens + c.prefillTokens / 2;
    const pass =
      attended === workload.prefillAttendedTokens ? fullPass : prefillStep(model, ctx.split, rates, chunk, attended);
    const alone = promptAloneS(model, ctx.split, rates, c.prefillTokens, chunk, pass, c.cachedTokens);
    timeToFirstTokenS += c.share * alone;
  }
  // Per prompt token, cached ones included (they cost nothing): packed passes carry only the tokens prefilled.
  const prefillSecondsPerToken = packed
    ? (fullPass.intervalS / chunk) * (workload.prefillTokens / input)
    : timeToFirstTokenS / input;
  return { fullPass, timeToFirstTokenS, prefillSecondsPerToken };
}

/** Replica time for one query with `outputTokens` output tokens, s. */
export function replicaSecondsFor(
  d: Pick<Deployment, 'prefillSecondsPerToken' | 'decodeSecondsPerToken'>,
  inputTokens: number,
  outputTokens: number,
): number {
  return inputTokens * d.prefillSecondsPerToken + outputTokens * d.decodeSecondsPerToken;
}
