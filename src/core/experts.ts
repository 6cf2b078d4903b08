/**
 * Mixture-of-experts weight traffic: how many experts a batch touches, and so
 * how many weight bytes one forward step must read.
 */
import { BYTES_PER_ELEMENT } from '../scenario/precision.js';
import type { Model } from '../scenario/schema.js';
import { denseBytesPerWeight, parameterSplitOf } from './architecture.js';

export interface ParameterSplit {
  /** Bytes per always-active weight, and per routed-expert weight. */
  readonly denseBytesPerWeight: number;
  readonly expertBytesPerWeight: number;
  /** Parameters every token uses: attention, embeddings, norms, dense layers, shared experts. */
  readonly alwaysActiveParams: number;
  /** Parameters of one routed expert, summed over all MoE layers. */
  readonly paramsPerExpert: number;
  readonly experts: number;
  readonly expertsPerToken: number;
  /** Layers that route to experts (the rest are dense); 0 for a dense model. */
  readonly moeLayers: number;
  /** ln(1 − k/E): the log-probability that one token misses a given expert (0 for a dense model). */
  readonly logMissPerToken: number;
}

/** The per-model constants the step functions use on every call, computed once (architecture.ts parameterSplitOf). */
export function splitParameters(model: Model): ParameterSplit {
  const { alwaysActive, perExpert } = parameterSplitOf(model);
  // One literal of one shape (no spreads): the step functions read it millions of times in a sweep.
  return {
    denseBytesPerWeight: denseBytesPerWeight(model),
    expertBytesPerWeight: BYTES_PER_ELEMENT[model.weight_precision],
    alwaysActiveParams: alwaysActive,
    paramsPerExpert: perExpert,
    experts: model.moe?.experts ?? 0,
    expertsPerToken: model.moe?.experts_per_token ?? 0,
    moeLayers: model.moe === null ? 0 : (model.moe.layers ?? model.layers),
    logMissPerToken: model.moe === null ? 0 : Math.log1p(-model.moe.experts_per_token / model.moe.experts),
  };
}

/**
 * Expected number of distinct experts a layer routes `tokens` tokens to, when
 * each token picks k of E experts uniformly: E × (1 − (1 − k/E)^tokens).
 * Real routers are not uniform; skewed routing touches fewer experts, so this
 * is an upper estimate of bytes read.
 */
export function expectedDistinctExperts(split: ParameterSplit, tokens: number): number {
  if (split.experts === 0) return 0;
  // E × (1 − (1 − k/E)^T), with the logarithm taken once per model.
  return -split.experts * Math.expm1(tokens * split.logMissPerToken);
}

/** Weight bytes one forward step over `tokens` tokens reads from memory. */
export function weightBytesReadPerStep(split: ParameterSplit, tokens: number): number {
  const touched = expectedDistinctExperts(split, tokens);
  return (
    split.alwaysActiveParams * split.denseBytesPerWeight + touched * split.paramsPerExpert * split.expertBytesPerWeight
  );
}
