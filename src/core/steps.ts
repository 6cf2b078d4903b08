/**
 * Time of one forward step, as a roofline: the step takes as long as the
 * slower of moving its bytes and doing its FLOPs, plus a fixed overhead, times
 * any extra factor the scenario claims for the phase.
 * (Williams, Waterman, Patterson, "Roofline", CACM 2009.)
 */
import type { Model } from '../scenario/schema.js';
import { weightBytesReadPerStep, type ParameterSplit } from './experts.js';
import type { ReplicaRates } from './replica.js';

export type Bound = 'memory-bandwidth' | 'compute';

export interface StepTime {
  readonly seconds: number;
  readonly bound: Bound;
  readonly bytes: number;
  readonly flops: number;
}

function roofline(rates: ReplicaRates, bytes: number, flops: number, timeFactor: number): StepTime {
  const memoryS = bytes / rates.bytesPerS;
  const computeS = flops / rates.flopsPerS;
  return {
    seconds: (Math.max(memoryS, computeS) + rates.stepOverheadS) * timeFactor,
    bound: memoryS >= computeS ? 'memory-bandwidth' : 'compute',
    bytes,
    flops,
  };
}

/**
 * One decode step for `batch` sequences that each attend to `contextTokens`:
 * reads the always-active weights, the experts the batch touches and the
 * batch's KV cache; computes 2 FLOPs per active parameter per sequence plus
 * attention over the context.
 */
export function decodeStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
): StepTime {
  const bytes = weightBytesReadPerStep(model, split, batch) + batch * contextTokens * split.kvBytesPerToken;
  const flops = batch * (split.linearFlopsPerToken + contextTokens * split.attentionFlopsPerContextToken);
  return roofline(rates, bytes, flops, rates.decodeTimeFactor);
}

/**
 * One prefill pass over `tokens` prompt tokens taken from prompts of
 * `promptTokens` each: linear FLOPs per token, causal attention over half the
 * prompt on average, the weights those tokens route to, and the KV written.
 */
export function prefillStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  tokens: number,
  promptTokens: number,
): StepTime {
  const bytes = weightBytesReadPerStep(model, split, tokens) + tokens * split.kvBytesPerToken;
  const flops = tokens * (split.linearFlopsPerToken + (promptTokens / 2) * split.attentionFlopsPerContextToken);
  return roofline(rates, bytes, flops, rates.prefillTimeFactor);
}
