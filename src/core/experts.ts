/**
 * Mixture-of-experts weight traffic: how many experts a batch touches, and so
 * how many weight bytes one forward step must read.
 */
import { BYTES_PER_ELEMENT } from '../scenario/precision.js';
import type { Model } from '../scenario/schema.js';
import { attentionFlopsPerContextToken, kvBytesPerToken, linearFlopsPerToken } from './architecture.js';

const BILLION = 1e9;

export interface ParameterSplit {
  /** Per-model constants the step functions use on every call, computed once here. */
  readonly bytesPerWeight: number;
  readonly kvBytesPerToken: number;
  readonly linearFlopsPerToken: number;
  readonly attentionFlopsPerContextToken: number;
  /** Parameters every token uses: attention, embeddings, norms, dense layers, shared experts. */
  readonly alwaysActiveParams: number;
  /** Parameters of one routed expert, summed over all MoE layers. */
  readonly paramsPerExpert: number;
  readonly experts: number;
  readonly expertsPerToken: number;
}

/**
 * Split the parameter count using only what vendors publish (total, active,
 * experts E, top-k): total = always + E·e and active = always + k·e, so
 * e = (total − active) / (E − k) and always = active − k·e.
 */
export function splitParameters(model: Model): ParameterSplit {
  const total = model.total_params_b * BILLION;
  const active = model.active_params_b * BILLION;
  const experts = model.moe?.experts ?? 0;
  const k = model.moe?.experts_per_token ?? 0;
  const paramsPerExpert = model.moe === null ? 0 : (total - active) / (experts - k);
  // One literal of one shape (no spreads): the step functions read it millions of times in a sweep.
  return {
    bytesPerWeight: BYTES_PER_ELEMENT[model.weight_precision],
    kvBytesPerToken: kvBytesPerToken(model),
    linearFlopsPerToken: linearFlopsPerToken(model),
    attentionFlopsPerContextToken: attentionFlopsPerContextToken(model),
    alwaysActiveParams: model.moe === null ? total : Math.max(0, active - k * paramsPerExpert),
    paramsPerExpert,
    experts,
    expertsPerToken: k,
  };
}

/**
 * Expected number of distinct experts a layer routes `tokens` tokens to, when
 * each token picks k of E experts uniformly: E × (1 − (1 − k/E)^tokens).
 * Real routers are not uniform; skewed routing touches fewer experts, so this
 * is an upper estimate of bytes read.
 */
export function expectedDistinctExperts(experts: number, expertsPerToken: number, tokens: number): number {
  if (experts === 0) return 0;
  return experts * (1 - Math.pow(1 - expertsPerToken / experts, tokens));
}

/** Weight bytes one forward step over `tokens` tokens reads from memory. */
export function weightBytesReadPerStep(_model: Model, split: ParameterSplit, tokens: number): number {
  const touched = expectedDistinctExperts(split.experts, split.expertsPerToken, tokens);
  return (split.alwaysActiveParams + touched * split.paramsPerExpert) * split.bytesPerWeight;
}
