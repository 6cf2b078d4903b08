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
  readonly step: StepTime;
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
): BatchChoice | NoBatch {
  // Memory is reserved for the full context in every layer, sliding-window layers included: not every
  // engine sizes their cache by the window, so the memory check does not count on it (docs/methodology.md §1).
  const kvPerToken = kvBytesPerToken(model);
  if (kvBudgetBytes < workload.maxContextTokens * kvPerToken) return { ok: false, limitedBy: 'memory' };
  const memoryBatch = Math.floor(kvBudgetBytes / (workload.meanContextTokens * kvPerToken));
  const cap = Math.min(maxBatch, maxConcurrency, memoryBatch);
  const stepAt = (b: number): StepTime => decodeStep(model, split, rates, b, workload.meanContextTokens);
  const capStep = stepAt(cap);
  const capLimit: BatchLimit = cap === maxBatch ? 'max_batch' : cap === maxConcurrency ? 'max_concurrency' : 'memory';
  if (maxStepS === undefined || capStep.seconds <= maxStepS)
    return { ok: true, batch: cap, limitedBy: capLimit, step: capStep, memoryBatch };
  const one = stepAt(1);
  if (one.seconds > maxStepS) return { ok: false, limitedBy: 'latency', step: one };
  // Step time rises with the batch (more KV, more experts, more FLOPs): bisect.
  let lo = 1;
  let hi = cap;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (stepAt(mid).seconds <= maxStepS) lo = mid;
    else hi = mid;
  }
  return { ok: true, batch: lo, limitedBy: 'latency', step: stepAt(lo), memoryBatch };
}
