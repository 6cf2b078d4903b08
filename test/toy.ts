/**
 * A dense toy model on a toy accelerator with round numbers and every
 * efficiency at 1, so each figure of a test can be worked out by hand:
 * 10B parameters in bf16 (20 GB), KV 4,000 B per token, 1,000 TFLOP/s,
 * 2 TB/s, 100 GB, $3.6 an hour ($0.001 a second).
 */
/**
 * The step model reduced to plain rooflines: every efficiency 1, the GEMM knee at 0 rows (η = 1 at any
 * rows), no activation traffic, no fixed or communication cost. Each operator is then max(bytes /
 * bandwidth, FLOPs / peak) and a step their sum, which a test can work out by hand.
 */
export const PLAIN_EFFICIENCY = {
  compute: 1,
  gemm_half_rows: 0,
  attention_compute: 1,
  four_bit: 1,
  memory_bandwidth: 1,
  kv_bandwidth: 1,
  memory_usable: 1,
  activation_passes: 0,
  layer_overhead_us: 0,
  moe_layer_overhead_us: 0,
  expert_overhead_us: 0,
  step_overhead_ms: 0,
  all_reduce_latency_us: 0,
  scale_out_latency_us: 0,
  link: 1,
  expert_imbalance: 1,
} as const;

export const TOY_DEPLOYMENT = `model:
  total_params_b: 10
  active_params_b: 10
  layers: 10
  hidden_size: 800
  attention: { type: gqa, heads: 8, kv_heads: 1, head_dim: 100 }
  moe: null
  weight_precision: bf16
  kv_cache_precision: bf16
hardware:
  name: toy
  dense_tflops: { bf16: 1000 }
  memory_gb: 100
  memory_bandwidth_tb_per_s: 2
  power_w: 1000
  price_usd_per_hour: 3.6
  accelerators_per_node: 1
serving:
  max_batch: 10
  prefill_chunk_tokens: 1000
  utilization: 1
  efficiency: ${JSON.stringify(PLAIN_EFFICIENCY)}
`;

/** The toy deployment, one reasoning level, one request a second: $0.000120226 per query, worked in test/unit/simulate.test.ts. */
export const TOY_HAND_SCENARIO = `
name: hand-checked
${TOY_DEPLOYMENT}reasoning:
  levels: { none: { share: 1, thinking_tokens: 0 } }
traffic:
  requests_per_day: 86400
  peak_to_average: 1
  input_tokens: 1000
  output_tokens: 100
`;
