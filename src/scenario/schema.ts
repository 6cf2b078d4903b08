/**
 * The scenario file format: one zod schema per input shape, TypeScript types
 * derived from them. Keys carry their unit (`_b` billions, `_gb`, `_tb_per_s`,
 * `_ms`, `_usd`, `_tokens`, `_w`). Every object is strict: an unknown key is an
 * error (the loader adds a "did you mean").
 */
import * as z from 'zod';
import { PRECISIONS } from './precision.js';
import {
  arrivalRules,
  attentionRules,
  autoscalingRules,
  distributionRules,
  hasFewerExpertsPerToken,
  isOneLine,
  type IssueSink,
  modelRules,
  percentileLimitRules,
  prefixCacheRules,
  reasoningRules,
  requestLengthRules,
  trafficRules,
} from './refinements.js';
import {
  DEFAULT_ACCELERATORS_PER_NODE,
  DEFAULT_ACTIVATION_PASSES,
  DEFAULT_ALL_REDUCE_LATENCY_US,
  DEFAULT_ATTENTION_COMPUTE_EFFICIENCY,
  DEFAULT_COMPUTE_EFFICIENCY,
  DEFAULT_EXPERT_OVERHEAD_US,
  DEFAULT_FOUR_BIT_EFFICIENCY,
  DEFAULT_EXPERT_IMBALANCE,
  DEFAULT_GEMM_HALF_ROWS,
  DEFAULT_KV_BANDWIDTH_EFFICIENCY,
  DEFAULT_LAYER_OVERHEAD_US,
  DEFAULT_LINK_EFFICIENCY,
  DEFAULT_MAX_BATCH,
  DEFAULT_MEMORY_BANDWIDTH_EFFICIENCY,
  DEFAULT_MEMORY_USABLE_FRACTION,
  DEFAULT_MOE_LAYER_OVERHEAD_US,
  DEFAULT_PREFILL_CHUNK_TOKENS,
  DEFAULT_LOAD_GB_PER_S,
  DEFAULT_SCALE_DOWN_AFTER_S,
  DEFAULT_SCALE_OUT_GB_PER_S,
  DEFAULT_SCALE_OUT_LATENCY_US,
  DEFAULT_SCALE_UP_GB_PER_S,
  DEFAULT_STEP_OVERHEAD_MS,
  DEFAULT_TPOT_P99_OVER_MEAN,
  DEFAULT_UTILIZATION,
} from './defaults.js';

/** A finite number > 0 (zod 4 numbers reject NaN and ±Infinity). */
const positive = () => z.number().positive();
const nonNegative = () => z.number().nonnegative();
const count = () => z.number().int().positive();
/**
 * A hardware figure (price per hour, TB/s, GB, TFLOP/s, W, GB/s): at least a
 * millionth of the unit. No real accelerator is below it, and a subnormal
 * value (1e-320) would make every cost round to $0 and every ratio infinite.
 */
const figure = () => z.number().min(1e-6);
/** A fraction in [0.001, 1]: below 0.1% no deployment is meant, and the arithmetic would overflow. */
const fraction = () => z.number().min(0.001).lte(1);
/**
 * Which refinements.ts rules each refined schema carries, in order, for the validator that
 * scripts/scenario-check.mjs generates from these schemas (zod keeps a superRefine's function only
 * inside a closure of its own).
 */
export const RULES = new WeakMap<z.ZodType, readonly ((value: never, ctx: IssueSink) => void)[]>();

/** `schema.superRefine(rule)`, the rule recorded in RULES. */
function refined<T extends z.ZodType>(schema: T, rule: (value: z.output<T>, ctx: IssueSink) => void): T {
  const s = schema.superRefine(rule);
  RULES.set(s, [...(RULES.get(schema) ?? []), rule]);
  return s;
}

/**
 * A name: shown inside one line of every output (a table heading, a CSV cell, a CI log), so no
 * line break, which in a CI log would start a line of its own (`::error` is a GitHub Actions
 * workflow command). A description may run over lines.
 */
export const nameText = () =>
  z.string().min(1).refine(isOneLine, { message: 'expected a name on one line, got a line break in it' });

export const PrecisionSchema = z.enum(PRECISIONS);

export { REASONING_LEVELS, type ReasoningLevel } from './levels.js';

// ---------------------------------------------------------------- model
/** Fields only; the refined schema below adds the cross-field rules. */
export const AttentionFields = z.strictObject({
  type: z.enum(['mha', 'gqa', 'mla']),
  heads: count(),
  kv_heads: count(),
  head_dim: count(),
  /** MLA only: rank of the compressed KV latent (DeepSeek-V2, arXiv:2405.04434). */
  kv_lora_rank: count().nullable().optional(),
  /** MLA only: dimension of the decoupled RoPE key cached beside the latent. */
  qk_rope_head_dim: count().nullable().optional(),
  /**
   * Sliding-window attention: this many of the model's layers attend over at
   * most `sliding_window_tokens` past tokens and cache no more (gpt-oss: 18 of
   * 36 layers, window 128). Absent = every layer attends over the full context.
   */
  sliding_window_layers: z.number().int().nonnegative().optional(),
  sliding_window_tokens: count().optional(),
});
export const AttentionSchema = refined(AttentionFields, attentionRules);
export type Attention = z.infer<typeof AttentionSchema>;

export const MoeFields = z.strictObject({
  /** Routed experts per MoE layer. */
  experts: count(),
  /** Routed experts each token uses (top-k). */
  experts_per_token: count(),
  /** Always-on shared experts (counted in the dense part of the parameters). */
  shared_experts: z.number().int().nonnegative().default(0),
  /**
   * Layers that route to experts, when some are dense (DeepSeek-V3: the first
   * 3 of 61, first_k_dense_replace; Llama 4 Maverick: every second,
   * interleave_moe_layer_step 2). Absent = every layer.
   */
  layers: count().optional(),
});
export const MoeSchema = MoeFields.refine(hasFewerExpertsPerToken, {
  path: ['experts_per_token'],
  message: 'expected fewer experts per token than experts',
});
export type Moe = z.infer<typeof MoeSchema>;

export const ModelFields = z.strictObject({
  name: nameText().optional(),
  total_params_b: positive(),
  active_params_b: positive(),
  layers: count(),
  hidden_size: count(),
  attention: AttentionSchema,
  /** null (or absent) for a dense model. */
  moe: MoeSchema.nullable().default(null),
  /** Longest context the model supports; a workload beyond it is an error. */
  context_tokens: count().optional(),
  /** Storage precision of the weights. */
  weight_precision: PrecisionSchema.default('bf16'),
  /**
   * Storage precision of the always-active weights (attention, embeddings,
   * router, shared experts) when the checkpoint keeps them wider than
   * `weight_precision`, which then applies to the routed experts (gpt-oss:
   * MXFP4 experts, BF16 attention). Absent = `weight_precision` for all.
   */
  dense_weight_precision: PrecisionSchema.optional(),
  /**
   * Narrowest precision the checkpoint's activations run at, when it is
   * wider than the weights' (a weight-only quantised checkpoint): the GEMMs
   * then run at this precision where the hardware has it, not at the
   * weights' (gpt-oss: MXFP4 weights with MXFP8 activations on Blackwell,
   * TensorRT-LLM's MoE support matrix). Absent = the weight precision.
   */
  activation_precision: PrecisionSchema.optional(),
  /** Storage precision of the KV cache (vLLM `kv_cache_dtype` "auto" keeps the activation dtype, bf16). */
  kv_cache_precision: PrecisionSchema.default('bf16'),
});
export const ModelSchema = refined(ModelFields, modelRules);
export type Model = z.infer<typeof ModelSchema>;

// ---------------------------------------------------------------- hardware
export const TflopsSchema = z.strictObject(
  Object.fromEntries(PRECISIONS.map((p) => [p, figure().nullable().optional()])) as Record<
    (typeof PRECISIONS)[number],
    z.ZodOptional<z.ZodNullable<z.ZodNumber>>
  >,
);
export type Tflops = z.infer<typeof TflopsSchema>;

export const HardwareSchema = z.strictObject({
  name: nameText().optional(),
  /** Dense (no 2:4 sparsity) peak tensor throughput per precision, TFLOP/s per accelerator. */
  dense_tflops: TflopsSchema,
  memory_gb: figure(),
  memory_bandwidth_tb_per_s: figure(),
  /** Board power at full load, W (for energy per query); unknown = null. */
  power_w: figure().nullable().optional(),
  /** Price of one accelerator for one hour, USD; needed for any cost figure. */
  price_usd_per_hour: figure().nullable().optional(),
  /** Which listed offer for the preset's chip the price is (`aws-on-demand`, `lambda`, …: `infercost presets show <id>` lists them); sets price_usd_per_hour. */
  price_offer: z.string().min(1).optional(),
  /** Accelerators joined by the scale-up link (NVLink, Infinity Fabric): 8 for an HGX board, 72 for NVL72. */
  accelerators_per_node: count().default(DEFAULT_ACCELERATORS_PER_NODE),
  /** Scale-up link bandwidth per accelerator, per direction, GB/s (NVLink 4: 450). */
  scale_up_gb_per_s: figure().default(DEFAULT_SCALE_UP_GB_PER_S),
  /** Scale-out network bandwidth per accelerator, per direction, GB/s (one 400 Gb/s NIC: 50). */
  scale_out_gb_per_s: figure().default(DEFAULT_SCALE_OUT_GB_PER_S),
  /**
   * Measured share of dense_tflops a large GEMM reaches in the vendor's tuned library (MI300X: 0.50).
   * Absent = the reference chips' share, at which the efficiencies were fitted (REFERENCE_GEMM_FRACTION).
   */
  gemm_fraction_of_peak: fraction().optional(),
  /** Measured share of memory_bandwidth_tb_per_s a large streaming read reaches; absent = REFERENCE_MEMORY_FRACTION. */
  memory_fraction_of_peak: fraction().optional(),
  /**
   * Rows of the chip's matrix-multiply instruction tile (Hopper wgmma: 64; Blackwell tcgen05: 128): a GEMM over
   * fewer rows leaves the tile partly empty, so the knee of its efficiency curve scales with it (core/replica.ts).
   * Absent = REFERENCE_MMA_TILE_ROWS, the Hopper tile efficiency.gemm_half_rows was set for.
   */
  mma_tile_rows: count().max(1024).optional(),
});
export type Hardware = z.infer<typeof HardwareSchema>;

// ---------------------------------------------------------------- serving
export const EfficiencySchema = z.strictObject({
  /** Ceiling of GEMM efficiency (fraction of peak FLOP/s at many rows); η(M) = compute × M / (M + gemm_half_rows) (core/gemm.ts). */
  compute: fraction().default(DEFAULT_COMPUTE_EFFICIENCY),
  /** Rows (tokens, or tokens per expert) at which a GEMM reaches half its ceiling. */
  gemm_half_rows: nonNegative().max(100_000).default(DEFAULT_GEMM_HALF_ROWS),
  /** Fraction of peak FLOP/s attention kernels reach on their FLOPs. */
  attention_compute: fraction().default(DEFAULT_ATTENTION_COMPUTE_EFFICIENCY),
  /** Fraction of peak memory bandwidth reached streaming weights and KV cache. */
  memory_bandwidth: fraction().default(DEFAULT_MEMORY_BANDWIDTH_EFFICIENCY),
  /** Fraction of peak memory bandwidth attention kernels reach reading the KV cache. */
  kv_bandwidth: fraction().default(DEFAULT_KV_BANDWIDTH_EFFICIENCY),
  memory_usable: fraction().default(DEFAULT_MEMORY_USABLE_FRACTION),
  /** Hidden-vector reads/writes per token per layer outside the GEMMs (norms, residuals, rotary), on every tensor-parallel rank. */
  activation_passes: nonNegative().max(1000).default(DEFAULT_ACTIVATION_PASSES),
  /** Fixed time per transformer layer per step (launches, norms, small kernels), µs. */
  layer_overhead_us: nonNegative().max(1_000_000).default(DEFAULT_LAYER_OVERHEAD_US),
  /** Extra fixed time per mixture-of-experts layer per step (routing, permutation, grouped GEMM launch), µs. */
  moe_layer_overhead_us: nonNegative().max(1_000_000).default(DEFAULT_MOE_LAYER_OVERHEAD_US),
  /** Fixed time per routed expert a step touches, per MoE layer (grouped-GEMM tile setup), µs. */
  expert_overhead_us: nonNegative().max(1_000_000).default(DEFAULT_EXPERT_OVERHEAD_US),
  /** Fixed time per forward step, once (scheduling, sampling), ms. */
  step_overhead_ms: nonNegative().max(1_000_000).default(DEFAULT_STEP_OVERHEAD_MS),
  /** Latency of one tensor-parallel all-reduce inside the scale-up domain, µs. */
  all_reduce_latency_us: nonNegative().max(1_000_000).default(DEFAULT_ALL_REDUCE_LATENCY_US),
  /** Extra latency of an all-reduce that crosses nodes, µs. */
  scale_out_latency_us: nonNegative().max(1_000_000).default(DEFAULT_SCALE_OUT_LATENCY_US),
  /** Fraction of the link bandwidth (per direction) an all-reduce reaches. */
  link: fraction().default(DEFAULT_LINK_EFFICIENCY),
  /** Fraction of `compute` that matmuls at compute precision fp4 reach (core/replica.ts). */
  four_bit: fraction().default(DEFAULT_FOUR_BIT_EFFICIENCY),
  /** Routed tokens on the busiest expert-parallel rank over the mean (1 = perfectly balanced; EPLB ≈ 1.1). */
  expert_imbalance: z.number().min(1).max(16).default(DEFAULT_EXPERT_IMBALANCE),
  /** p99 time per output token over its mean, for latency limits given as a p99 (MLPerf server). */
  tpot_p99_over_mean: z.number().min(1).max(10).default(DEFAULT_TPOT_P99_OVER_MEAN),
});
export type Efficiency = z.infer<typeof EfficiencySchema>;

/** How a replica splits the model (core/parallelism.ts); any field may be omitted. */
export const ParallelismSchema = z.strictObject({
  tensor: count().max(4096).optional(),
  expert: count().max(4096).optional(),
  data: count().max(4096).optional(),
  pipeline: count().max(4096).optional(),
});

/** One pool of a disaggregated deployment: what differs from the scenario's own serving. */
export const PoolSchema = z.strictObject({
  hardware: HardwareSchema.optional(),
  parallelism: ParallelismSchema.optional(),
  accelerators_per_replica: count().optional(),
});
export type Pool = z.infer<typeof PoolSchema>;

/** Percentile limits on one latency, ms: at least one of p50, p90, p95, p99, each at least the one below it. */
import { PERCENTILES, type PercentileKey } from './percentiles.js';
export { PERCENTILES, type PercentileKey };
export const PercentileLimitsSchema = refined(
  z.strictObject({
    p50: positive().optional(),
    p90: positive().optional(),
    p95: positive().optional(),
    p99: positive().optional(),
  }),
  percentileLimitRules,
);
export type PercentileLimits = z.infer<typeof PercentileLimitsSchema>;

/**
 * Latency SLOs as percentiles at the peak (core/latency.ts): the fleet is
 * sized so each holds under simulated Poisson (or `traffic.arrival`) load.
 */
export const SloSchema = z.strictObject({
  ttft_ms: PercentileLimitsSchema.optional(),
  tpot_ms: PercentileLimitsSchema.optional(),
  e2e_ms: PercentileLimitsSchema.optional(),
});
export type Slo = z.infer<typeof SloSchema>;

export const ServingSchema = z.strictObject({
  /** Latency SLO: the slowest acceptable time per output token (decode step), ms. Absent = no limit. */
  max_time_per_output_token_ms: positive().optional(),
  /** Latency SLO for the prompt: the slowest acceptable time to first token, ms. Absent = no limit. */
  max_time_to_first_token_ms: positive().optional(),
  /** Most sequences one engine instance decodes at once (vLLM max_num_seqs): per data-parallel attention group. */
  max_batch: count().default(DEFAULT_MAX_BATCH),
  /**
   * Most requests in flight on one replica (closed loop, as `vllm bench serve
   * --max-concurrency` runs): caps the decode batch, and prompts are then
   * prefilled one at a time. Absent = as many as memory, max_batch and the
   * SLOs allow.
   */
  max_concurrency: count().optional(),
  /** Prompt tokens one prefill pass processes (prompts packed or chunked to this size). */
  prefill_chunk_tokens: count().default(DEFAULT_PREFILL_CHUNK_TOKENS),
  /** Pin the accelerators per replica; absent = the cheapest power of two that fits. */
  accelerators_per_replica: count().optional(),
  /**
   * How a replica splits the model (core/parallelism.ts): tensor-parallel
   * groups of `tensor`, `data` of them serving attention for their own
   * requests, the routed experts over `expert` ranks, `pipeline` stages. Any
   * may be omitted (chosen by the calculator, and shown).
   */
  parallelism: ParallelismSchema.optional(),
  /**
   * Speculative decoding (core/speculative.ts): a drafter proposes
   * `draft_tokens` per sequence and one target step verifies them. Per-token
   * acceptance (`acceptance_rate`) or the measured accepted length
   * (`accepted_tokens_per_step`, tokens per target step); absent: the method's
   * cited default where one exists (mtp). Absent = off.
   */
  speculative: z
    .strictObject({
      method: z.enum(['mtp', 'eagle', 'draft_model', 'ngram']),
      draft_tokens: count().max(16),
      acceptance_rate: fraction().optional(),
      accepted_tokens_per_step: z.number().min(1).max(17).optional(),
      /** The draft model (method draft_model): a model preset or inline fields. */
      draft_model: ModelSchema.optional(),
    })
    .optional(),
  /**
   * Prefill and decode on separate pools of replicas (core/disaggregation.ts):
   * each pool may have its own hardware (a preset or inline), parallelism and
   * replica size (absent: the scenario's). The KV cache of each prompt moves
   * from its prefill replica to a decode replica; TTFT includes the transfer.
   */
  disaggregation: z
    .strictObject({
      prefill: PoolSchema.prefault({}),
      decode: PoolSchema.prefault({}),
    })
    .optional(),
  /**
   * Replicas follow traffic.daily_profile (core/autoscale.ts): each hour the
   * replicas its load needs, between min_replicas and max_replicas; a new
   * replica serves after scale_up_delay_s plus loading its weights at
   * load_gb_per_s; one no longer needed is held scale_down_after_s more.
   */
  autoscaling: refined(
    z.strictObject({
      min_replicas: z.number().int().nonnegative().max(100_000).default(1),
      max_replicas: count().max(100_000).optional(),
      scale_up_delay_s: nonNegative().max(86_400).default(0),
      scale_down_after_s: nonNegative().max(86_400).default(DEFAULT_SCALE_DOWN_AFTER_S),
      load_gb_per_s: figure().default(DEFAULT_LOAD_GB_PER_S),
    }),
    autoscalingRules,
  ).optional(),
  /** Percentile latency targets at the peak (core/latency.ts); absent = the mean limits above only. */
  slo: SloSchema.optional(),
  /** Arithmetic precision; absent = the weight precision, or the next wider one the hardware has. */
  compute_precision: PrecisionSchema.optional(),
  utilization: fraction().default(DEFAULT_UTILIZATION),
  /**
   * Fewest replicas the fleet keeps (availability); absent = 1 with traffic,
   * none without. A fleet with traffic always keeps at least one replica all
   * month: scale-to-zero (paying only the hours with traffic) is not modelled.
   */
  min_replicas: z.number().int().nonnegative().max(100_000).optional(),
  efficiency: EfficiencySchema.prefault({}),
});
export type Serving = z.infer<typeof ServingSchema>;

// ---------------------------------------------------------------- reasoning
/**
 * A token count's distribution (core/lengths.ts): a lognormal by its mean and
 * 90th percentile, a uniform by its bounds, or a histogram of
 * [tokens, share] buckets whose shares sum to 1.
 */
export const TokensDistributionSchema = refined(
  z.strictObject({
    distribution: z.enum(['lognormal', 'uniform']).optional(),
    mean: positive().optional(),
    p90: positive().optional(),
    min: nonNegative().optional(),
    max: positive().optional(),
    buckets: z
      .array(z.tuple([positive(), nonNegative()]))
      .min(1)
      .max(10_000)
      .optional(),
  }),
  distributionRules,
);
export type { TokenCount, TokensDistribution } from '../core/lengths.js';

/** A request's prompt or answer length: at least one token (a thinking length may be 0). */
const requestTokens = () => z.union([count(), refined(TokensDistributionSchema, requestLengthRules)]);

export const ReasoningLevelSchema = z.strictObject({
  /** Share of requests at this level, 0..1; the shares of all levels sum to 1. */
  share: z.number().min(0).max(1),
  /** Thinking tokens one request at this level emits before its answer (before compression). */
  thinking_tokens: z.union([nonNegative(), TokensDistributionSchema]),
});
export type ReasoningLevelMix = z.infer<typeof ReasoningLevelSchema>;

export { SHARE_SUM_TOLERANCE } from './refinements.js';

export const ReasoningFields = z.strictObject({
  /** Fraction of thinking tokens removed by compression/distillation, 0..1 (e.g. OPSDC 0.57-0.59). */
  compression: z.number().min(0).lt(1).default(0),
  levels: z
    .strictObject({
      none: ReasoningLevelSchema.optional(),
      medium: ReasoningLevelSchema.optional(),
      high: ReasoningLevelSchema.optional(),
    })
    .default({ none: { share: 1, thinking_tokens: 0 } }),
});
export const ReasoningSchema = refined(ReasoningFields, reasoningRules);
export type Reasoning = z.infer<typeof ReasoningSchema>;

// ---------------------------------------------------------------- traffic
/**
 * Prompt tokens found in the engine's prefix cache (core/workload.ts): they
 * skip prefill but their KV cache is still attended to. Either a prefix every
 * request shares (a system prompt: `shared_prefix_tokens`, found cached by
 * `hit_rate` of the requests, its KV cache held once per replica), or the
 * share of prompt tokens found cached on average (`cached_input_share`: the
 * earlier turns of a conversation, each request's own).
 */
export const PrefixCacheSchema = refined(
  z.strictObject({
    shared_prefix_tokens: count().optional(),
    /** Share of requests that find the shared prefix cached (the rest prefill all of it). */
    hit_rate: z.number().min(0).max(1).optional(),
    /** Share of prompt tokens found cached, averaged over the requests. */
    cached_input_share: z.number().min(0).lt(1).optional(),
  }),
  prefixCacheRules,
);
export type PrefixCache = z.infer<typeof PrefixCacheSchema>;

export const TrafficSchema = refined(
  z.strictObject({
    requests_per_day: nonNegative(),
    /** Peak request rate over the average rate; capacity is provisioned for the peak. */
    peak_to_average: z.number().min(1).default(1),
    /** Prompt tokens per request (system prompt, context, question): a number, or a distribution. */
    input_tokens: requestTokens(),
    /** Answer tokens per request, excluding thinking tokens: a number, or a distribution. */
    output_tokens: requestTokens(),
    prefix_cache: PrefixCacheSchema.optional(),
    /**
     * The day's requests by hour (24 shares of requests_per_day, hour 0-23,
     * summing to 1): the peak hour replaces peak_to_average, and an autoscaled
     * fleet follows the curve (core/autoscale.ts).
     */
    daily_profile: z.array(nonNegative()).optional(),
    /**
     * How requests arrive, for latency percentiles (core/queueing.ts): Poisson
     * (independent arrivals), or gamma-distributed gaps with coefficient of
     * variation `cv` (> 1: burstier than Poisson; < 1: more regular).
     */
    arrival: refined(
      z.strictObject({
        process: z.enum(['poisson', 'gamma']).default('poisson'),
        cv: z.number().min(0.05).max(10).optional(),
      }),
      arrivalRules,
    ).optional(),
  }),
  trafficRules,
);
export type Traffic = z.infer<typeof TrafficSchema>;

// ---------------------------------------------------------------- budget
export const BudgetSchema = z.strictObject({
  max_cost_per_query_usd: positive().optional(),
  max_cost_per_million_tokens_usd: positive().optional(),
  max_monthly_cost_usd: positive().optional(),
  max_accelerators: count().optional(),
  max_time_per_output_token_ms: positive().optional(),
  /**
   * Percentile gates on the latencies simulated under load at the peak
   * (core/latency.ts): checked, never used to size the fleet (that is
   * `serving.slo`). Setting one runs the simulation.
   */
  max_ttft_ms: PercentileLimitsSchema.optional(),
  max_tpot_ms: PercentileLimitsSchema.optional(),
  max_e2e_ms: PercentileLimitsSchema.optional(),
});
export type Budget = z.infer<typeof BudgetSchema>;
export { PERCENTILE_BUDGETS, type PercentileBudget } from './percentiles.js';

// ---------------------------------------------------------------- extra factors
export const PHASES = ['prefill', 'decode', 'both'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * A claimed speed-up the physical model does not represent (speculative
 * decoding, latent-space prediction such as LLM-JEPA's "2.85× fewer decoding
 * operations"), applied as a multiplier on a phase's time. Always reported as
 * an assumption.
 */
export const ExtraFactorSchema = z.strictObject({
  name: nameText(),
  /**
   * Multiplier on the phase's time: 0.5 halves it; 1/2.85 ≈ 0.351 for "2.85× fewer operations".
   * At least 0.001 (a 1,000× speed-up): no claimed technique comes near it, and 1e-300 made every
   * figure overflow.
   */
  time_ratio: z.number().min(0.001).max(10),
  phase: z.enum(PHASES),
  source: z.string().optional(),
});
export type ExtraFactor = z.infer<typeof ExtraFactorSchema>;

// ---------------------------------------------------------------- hosted API comparison
export const ApiPricingSchema = z.strictObject({
  /** Label for the comparison line, e.g. "Mistral API (2026-03 list price)". */
  name: nameText().default('hosted API'),
  input_usd_per_million_tokens: z.number().nonnegative(),
  /** Thinking tokens are billed as output tokens (as DeepSeek's API documents for its reasoner). */
  output_usd_per_million_tokens: z.number().nonnegative(),
});
export type ApiPricing = z.infer<typeof ApiPricingSchema>;

// ---------------------------------------------------------------- scenario
/**
 * A complete scenario: presets resolved (see resolve.ts), defaults filled in.
 * This is the calculator's input.
 */
export const ScenarioSchema = z.strictObject({
  name: nameText(),
  description: z.string().optional(),
  model: ModelSchema,
  hardware: HardwareSchema,
  serving: ServingSchema.prefault({}),
  reasoning: ReasoningSchema.prefault({}),
  traffic: TrafficSchema,
  budget: BudgetSchema.optional(),
  extra_factors: z.array(ExtraFactorSchema).max(32).default([]),
  api_pricing: ApiPricingSchema.optional(),
  /**
   * Your own measurements that the figures' ranges come from instead of the
   * project's published rows (simulate, check, explain): a measurements file,
   * benchmark outputs or a folder, paths relative to this file. A benchmark
   * output without a sidecar is taken to be this scenario's model, accelerator
   * and weight precision (and `serving.accelerators_per_replica`, when set). The
   * `--calibration` flag overrides it.
   */
  calibration: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(64)]).optional(),
  /**
   * What `infercost explain` measures savings against; each part defaults to a
   * documented baseline (core/explain.ts). model/hardware may name presets.
   */
  baseline: z
    .strictObject({
      model: ModelSchema.optional(),
      hardware: HardwareSchema.optional(),
      weight_precision: PrecisionSchema.optional(),
      compression: z.number().min(0).lt(1).optional(),
    })
    .optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
/** What a user may write once presets are resolved (defaults still unapplied). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
