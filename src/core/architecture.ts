/**
 * What a model's architecture implies for memory and arithmetic, independent
 * of hardware: bytes of weights, bytes of KV cache per token, FLOPs per token.
 */
import { BYTES_PER_ELEMENT } from '../scenario/precision.js';
import type { Model } from '../scenario/schema.js';

const BILLION = 1e9;

/** Bytes to hold every weight. A mixture of experts keeps all experts resident. */
export function weightsBytes(model: Model): number {
  return model.total_params_b * BILLION * BYTES_PER_ELEMENT[model.weight_precision];
}

/**
 * KV-cache bytes one token occupies across all layers.
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
