/**
 * The scenario `infercost simulate` runs with no arguments, and `infercost
 * init` writes as a starting point. Kept as YAML text so it documents the file
 * format by example and goes through the same loader as any user file.
 */
export const DEFAULT_SCENARIO_NAME = '<embedded default scenario>';

export const DEFAULT_SCENARIO_YAML = `# infercost scenario: Mistral Small 4 on NVIDIA H100 SXM, mixed reasoning workload.
# Every figure below is either a public spec (via the presets, which cite their
# sources: \`infercost presets show <id>\`) or an assumption marked ASSUMPTION.
name: Mistral Small 4 on H100 SXM, mixed reasoning
description: >-
  119B-parameter mixture of experts (128 experts, 4 routed + 1 shared per token,
  ~6B active) served in FP8 on H100 SXM, with the reasoning_effort dial set per request.

model:
  # 119B total / 6B active, 36 MLA layers, 256K context, FP8 checkpoint
  # (huggingface.co/mistralai/Mistral-Small-4-119B-2603; Mistral AI, "Introducing Mistral Small 4").
  preset: mistral-small-4
  weight_precision: fp8
  kv_cache_precision: fp8

hardware:
  # 80 GB HBM3 at 3.35 TB/s, 989.5 dense BF16 / 1979 dense FP8 TFLOP/s (NVIDIA H100 datasheet);
  # $2.95 per GPU-hour: median on-demand price across 37 providers, May 2026 (aimultiple.com/gpu-index).
  preset: h100-sxm

serving:
  # ASSUMPTION: 50 ms per output token (20 tokens/s per stream, faster than people read).
  max_time_per_output_token_ms: 50
  # ASSUMPTION: the fleet averages 70% of its capacity (headroom for bursts and restarts).
  utilization: 0.7

reasoning:
  # ASSUMPTION: thinking tokens per level are workload-specific; these are placeholders
  # to replace with your own measurements (reasoning_effort none / medium / high,
  # per the Mistral Small 4 API). compression 0 = no reasoning-token compression.
  compression: 0
  levels:
    none:   { share: 0.6, thinking_tokens: 0 }
    medium: { share: 0.3, thinking_tokens: 1500 }
    high:   { share: 0.1, thinking_tokens: 6000 }

traffic:
  # ASSUMPTION: a mid-sized product: one million requests a day, peak hour at twice the average.
  requests_per_day: 1000000
  peak_to_average: 2
  input_tokens: 1000
  output_tokens: 400

budget:
  # ASSUMPTION: example limits; \`infercost simulate\` exits 1 when one is breached.
  max_cost_per_query_usd: 0.002
  max_monthly_cost_usd: 60000
`;
