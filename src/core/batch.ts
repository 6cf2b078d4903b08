/**
 * Decode batch selection: the largest batch that fits the KV-cache memory,
 * stays within the engine's max batch, and meets the time-per-output-token SLO.
 * A bigger batch spreads each step's weight reads over more tokens, so within
 * those limits bigger is cheaper.
 */
import type { Model } from '../scenario/schema.js';
import { kvBytesPerToken } from './architecture.js';
import type { ParameterSplit } from './experts.js';
import type { ReplicaRates } from './replica.js';
import { decodeStep, type StepTime } from './steps.js';
import type { Workload } from './workload.js';

export type BatchLimit = 'max_batch' | 'max_concurrency' | 'memory' | 'latency';

export interface BatchChoice {
  readonly ok: true;
  readonly batch: number;
  readonly limitedBy: BatchLimit;
  /** The decode step alone. */
  readonly step: StepTime;
  /** Time per output token: the decode step plus the prompt work interleaved with it, s. */
  readonly timePerOutputTokenS: number;
  /** Tokens each sequence gains per step (1; the expected accepted length with speculative decoding). */
  readonly tokensPerStep: number;
  /** Largest batch the KV-cache memory holds at the mean context. */
  readonly memoryBatch: number;
}

export interface NoBatch {
  readonly ok: false;
  readonly limitedBy: 'memory' | 'latency';
  /** Decode step at batch 1, to say how far the SLO is. */
  readonly step?: StepTime;
}

export function chooseBatch(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  kvBudgetBytes: number,
  workload: Workload,
  maxBatch: number,
  maxStepS: number | undefined,
  maxConcurrency = Infinity,
  /**
   * Prefill seconds each decoding sequence adds to every step, on a replica that
   * serves both phases: the prompts arriving at the batch's pace (batch × prompt
   * / output tokens per step) are prefilled between or inside its decode steps,
   * and every sequence waits for that work (calibration/predict.ts prices TPOT
   * the same way). 0 for a decode-only replica.
   */
  prefillPerSequenceS = 0,
  /** Speculative decoding: the step at a batch (verify + drafts) and the tokens it yields per sequence. */
  speculative?: { readonly stepAt: (batch: number) => StepTime; readonly tokensPerStep: number },
): BatchChoice | NoBatch {
  // Memory is reserved for the full context in every layer, sliding-window layers included: not every
  // engine sizes their cache by the window, so the memory check does not count on it (docs/methodology.md §1).
  const kvPerToken = kvBytesPerToken(model);
  if (kvBudgetBytes < workload.maxContextTokens * kvPerToken) return { ok: false, limitedBy: 'memory' };
  // A shared prefix's KV cache is held once per data-parallel group; each slot holds the rest of its context.
  const slotsBytes =
    workload.sharedPrefixTokens === 0
      ? kvBudgetBytes
      : kvBudgetBytes - workload.sharedPrefixTokens * kvPerToken * rates.parallelism.data;
  if (slotsBytes <= 0) return { ok: false, limitedBy: 'memory' };
  const memoryBatch = Math.floor(slotsBytes / (workload.meanSlotKvTokens * kvPerToken));
  const cap = Math.min(maxBatch, maxConcurrency, memoryBatch);
  const context = workload.meanContextTokens;
  const perStep = speculative?.tokensPerStep ?? 1;
  // Plain calls, no closures: this runs for every candidate replica of every evaluation.
  const capStep = stepAt(model, split, rates, cap, context, speculative);
  const capLimit: BatchLimit = cap === maxBatch ? 'max_batch' : cap === maxConcurrency ? 'max_concurrency' : 'memory';
  if (maxStepS === undefined || timePerOutputTokenS(capStep, cap, perStep, prefillPerSequenceS) <= maxStepS)
    return chosen(cap, capLimit, capStep, perStep, prefillPerSequenceS, memoryBatch);
  const one = stepAt(model, split, rates, 1, context, speculative);
  if (timePerOutputTokenS(one, 1, perStep, prefillPerSequenceS) > maxStepS)
    return { ok: false, limitedBy: 'latency', step: one };
  // Time per token rises with the batch (more KV, more experts, more FLOPs, more prompts): bisect.
  let lo = 1;
  let hi = cap;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (
      timePerOutputTokenS(stepAt(model, split, rates, mid, context, speculative), mid, perStep, prefillPerSequenceS) <=
      maxStepS
    )
      lo = mid;
    else hi = mid;
  }
  const step = stepAt(model, split, rates, lo, context, speculative);
  return chosen(lo, 'latency', step, perStep, prefillPerSequenceS, memoryBatch);
}

/** Time per output token: the step over the tokens it yields, plus the prompt work each sequence waits for, s. */
function timePerOutputTokenS(step: StepTime, batch: number, tokensPerStep: number, prefillPerSequenceS: number) {
  return step.seconds / tokensPerStep + batch * prefillPerSequenceS;
}

function chosen(
  batch: number,
  limitedBy: BatchLimit,
  step: StepTime,
  tokensPerStep: number,
  prefillPerSequenceS: number,
  memoryBatch: number,
): BatchChoice {
  return {
    ok: true,
    batch,
    limitedBy,
    step,
    timePerOutputTokenS: timePerOutputTokenS(step, batch, tokensPerStep, prefillPerSequenceS),
    tokensPerStep,
    memoryBatch,
  };
}

/** The decode step at a batch: speculative decoding's (verify + drafts) when it is on. */
function stepAt(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
  speculative: { readonly stepAt: (batch: number) => StepTime } | undefined,
): StepTime {
  return speculative === undefined ? decodeStep(model, split, rates, batch, contextTokens) : speculative.stepAt(batch);
}
