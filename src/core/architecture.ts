/**
 * What a model's architecture implies for memory and arithmetic, independent
 * of hardware: bytes of weights, bytes of KV cache per token, FLOPs per token.
 */
import { BYTES_PER_ELEMENT } from '../scenario/precision.js';
import type { Model } from '../scenario/schema.js';

const BILLION = 1e9;

/** Bytes per always-active weight: `dense_weight_precision` where the checkpoint keeps those wider, else the weight precision. */
export function denseBytesPerWeight(model: Model): number {
  return BYTES_PER_ELEMENT[model.dense_weight_precision ?? model.weight_precision];
}

/**
 * Parameters every token uses and those of one routed expert (summed over
 * layers), from what vendors publish (total, active, experts E, top-k):
 * total = always + E·e and active = always + k·e, so e = (total − active) /
 * (E − k) and always = active − k·e.
 */
export function parameterSplitOf(model: Model): { alwaysActive: number; perExpert: number } {
  const total = model.total_params_b * BILLION;
  if (model.moe === null) return { alwaysActive: total, perExpert: 0 };
  const active = model.active_params_b * BILLION;
  const k = model.moe.experts_per_token;
  const perExpert = (total - active) / (model.moe.experts - k);
  return { alwaysActive: Math.max(0, active - k * perExpert), perExpert };
}

/** Bytes to hold every weight. A mixture of experts keeps all experts resident. */
export function weightsBytes(model: Model): number {
  const { alwaysActive } = parameterSplitOf(model);
  const total = model.total_params_b * BILLION;
  return alwaysActive * denseBytesPerWeight(model) + (total - alwaysActive) * BYTES_PER_ELEMENT[model.weight_precision];
}

/**
 * Bytes of weights a replica holds: each of its `data` attention groups keeps
 * its own copy of the always-active weights (attention, dense layers, shared
 * experts, embeddings), the routed experts are held once across the replica
 * (SGLang DP attention and TensorRT-LLM attention DP replicate the attention
 * weights per data-parallel rank).
 */
export function replicaWeightsBytes(model: Model, data: number): number {
  if (data <= 1) return weightsBytes(model);
  return weightsBytes(model) + (data - 1) * parameterSplitOf(model).alwaysActive * denseBytesPerWeight(model);
}

/**
 * Context tokens summed over layers, as a multiple of one layer's worth: the
 * full-attention layers hold and attend over all `contextTokens`, the
 * sliding-window layers over at most their window. Divided by layers, it is
 * the share of a full-attention KV cache the model holds at this context.
 */
export function attendedLayerTokens(model: Model, contextTokens: number): number {
  const a = model.attention;
  const windowLayers = a.sliding_window_layers ?? 0;
  const window = a.sliding_window_tokens ?? Infinity;
  return (model.layers - windowLayers) * contextTokens + windowLayers * Math.min(contextTokens, window);
}

/**
 * KV-cache bytes one token occupies across all layers, as if every layer
 * held the full context (the memory check counts sliding-window layers in
 * full; their reads are bounded by the window: attendedLayerTokens).
 * - MHA/GQA: a key and a value vector per KV head per layer:
 *   2 × layers × kv_heads × head_dim elements (GQA, arXiv:2305.13245).
 * - MLA: one compressed latent plus a decoupled RoPE key per layer:
 *   layers × (kv_lora_rank + qk_rope_head_dim) elements (DeepSeek-V2, arXiv:2405.04434, §2.1.2).
 */
export function kvBytesPerToken(model: Model): number {
  const a = model.attention;
  const elements =
    a.type === 'mla'
      ? model.layers * ((a.kv_lora_rank ?? 0) + (a.qk_rope_head_dim ?? 0))
      : 2 * model.layers * a.kv_heads * a.head_dim;
  return elements * BYTES_PER_ELEMENT[model.kv_cache_precision];
}

/**
 * Attention FLOPs one new token spends per token of context it attends to,
 * summed over layers: a query·key product and a weights·value product, each a
 * multiply-add (2 FLOPs) per element of the per-layer attention width.
 * - MHA/GQA: 2 × layers × (2 × heads × head_dim).
 * - MLA in its weight-absorbed decode form attends over the latent:
 *   QK width heads × (kv_lora_rank + rope dim), V width heads × kv_lora_rank
 *   (DeepSeek-V2 §2.1.2, "absorb W_UK into W_Q").
 */
export function attentionFlopsPerContextToken(model: Model): number {
  const a = model.attention;
  const width =
    a.type === 'mla' ? a.heads * (2 * (a.kv_lora_rank ?? 0) + (a.qk_rope_head_dim ?? 0)) : 2 * a.heads * a.head_dim;
  return 2 * model.layers * width;
}

/** Dense matmul FLOPs per token: 2 per active parameter (one multiply-add; Kaplan et al. 2020, arXiv:2001.08361, §2.1). */
export function linearFlopsPerToken(model: Model): number {
  return 2 * model.active_params_b * BILLION;
}
