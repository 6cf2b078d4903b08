/**
 * Defaults a scenario gets for what it does not say. Every figure names its
 * source; where the figure is an assumption, it says so. The table output lists
 * which of these a run used, so nothing is hidden.
 */

// Efficiency parameters are KERNEL, ENGINE or FITTED (marked on each); how each was set, and on which rows: docs/methodology.md §8.

/**
 * Ceiling of GEMM efficiency: the fraction of peak dense FLOP/s a matmul
 * reaches when it sees many rows (tokens, or tokens per expert). η(M) =
 * compute × M / (M + gemm_half_rows) (core/gemm.ts). FITTED within the kernel
 * bound: a bf16 GEMM 8192³ reaches 0.75 of peak on H100 and 0.79 on H200, fp8
 * 0.73 (docs/kernels.md); a serving engine's whole forward pass (norms,
 * activations, sampling between the GEMMs) reaches less. FITTED: 0.545 (refitted on the fit set (109 rows, test/unit/calibration-public.test.ts FIT_SET) with the other FITTED parameters after Blackwell's 128-row MMA tile moved its GEMM knee (REFERENCE_MMA_TILE_ROWS) and A100, B200, GB200 and B300 took their measured GEMM shares;
 * 0.608 before). The kernel figure under a sustained load is near it: the 8192³ GEMM reaches
 * 0.75-0.79 in a short burst, and the clocks drop under the 700 W cap during
 * long GEMMs (SM 1650-1905 MHz of 1980: docs/kernels.md), 0.77 × 1650 /
 * 1980 = 0.64. At 2,048 rows it gives η = 0.53 of peak.
 */
export const DEFAULT_COMPUTE_EFFICIENCY = 0.545;

/**
 * Rows at which a GEMM reaches half its ceiling. KERNEL, from two tables
 * (docs/sources-interconnect.md, §4): the bf16 skinny-GEMM curve of
 * docs/kernels.md (M × 4096 × 14336 on H200: 0.69 of peak at M = 256,
 * 0.79 at M = 1024) puts the knee at ~20-40 rows; DeepGEMM's FP8 tables on
 * H800 (N = 4096, K = 7168: 287 TFLOP/s at M = 64, 533 at M = 128, 1,265 at
 * M = 4096 of 1,979) put it at ~200-290. 64 is one Hopper wgmma tile of rows
 * (m64) and lies between the two (their geometric mean is ~85). Not fitted:
 * the serving rows are nearly all at large batch and cannot place the knee.
 */
export const DEFAULT_GEMM_HALF_ROWS = 64;

/**
 * Fraction of peak FLOP/s attention kernels reach on their FLOPs. KERNEL:
 * FlashAttention-3 forward reaches 740 of 989 TFLOP/s (0.75) in BF16 on H100
 * (Shah et al., arXiv:2407.08608, §4.1); FlashMLA decode reaches 660 TFLOP/s
 * (0.67) compute-bound on H800 (deepseek-ai/FlashMLA README). 0.67: decode
 * attention is where the FLOPs matter (MLA).
 */
export const DEFAULT_ATTENTION_COMPUTE_EFFICIENCY = 0.67;

/**
 * Achievable fraction of peak memory bandwidth when streaming weights and KV
 * cache. KERNEL: a decode layer's skinny GEMM (M = 1..16) streams weights at
 * 2,803 of 3,350 GB/s (0.84) on H100 and 3,825 of 4,800 GB/s (0.80) on H200
 * (docs/kernels.md); 0.82 is between the two.
 */
export const DEFAULT_MEMORY_BANDWIDTH_EFFICIENCY = 0.82;

/**
 * Fraction of peak memory bandwidth attention kernels reach reading the KV
 * cache (paged, per-sequence blocks: a different access pattern from streaming
 * one weight matrix). KERNEL, provisionally: the weight-streaming figure
 * (0.82, above) until a decode-attention measurement against batch × context
 * replaces it (docs/methodology.md §8, "Device measurements"). Freed in the
 * fit it rises to 0.88 for a 1% lower mean |log error|: the rows do not pin it.
 */
export const DEFAULT_KV_BANDWIDTH_EFFICIENCY = 0.82;

/**
 * Fraction of accelerator memory the engine may use for weights and KV cache.
 * ENGINE: vLLM's `gpu_memory_utilization` default is 0.9 (vLLM engine
 * arguments docs). Not fitted.
 */
export const DEFAULT_MEMORY_USABLE_FRACTION = 0.9;

/**
 * Hidden-vector reads and writes per token per layer outside the GEMMs, on
 * every tensor-parallel rank (core/steps.ts). FITTED (bounded 0-40): 6.44 (refitted on the fit set (109 rows, test/unit/calibration-public.test.ts FIT_SET) with the other FITTED parameters after Blackwell's 128-row MMA tile moved its GEMM knee (REFERENCE_MMA_TILE_ROWS) and A100, B200, GB200 and B300 took their measured GEMM shares;
 * 16.4 before: the rows trade it against `compute`). For scale, an unfused layer counts ~12:
 * two RMSNorms (read + write each: 4), two residual adds (read two, write one: 6), rotary
 * embedding on the query/key (~2); fused kernels (TensorRT-LLM's norm + quantise, residual +
 * norm) do fewer.
 */
export const DEFAULT_ACTIVATION_PASSES = 6.44;

/**
 * Fixed time per transformer layer per forward step, beyond its bytes and
 * FLOPs: kernel launches and the small memory-bound kernels between the
 * GEMMs (norms, rotary embedding, residual adds, activation), which a batch of
 * a few tokens cannot amortise; it is what sets small-batch decode above the
 * weight-streaming time. MEASURED, not fitted: 35 µs. Single-GPU dense decode
 * at batch 1-16 on H100 runs up to 18% slower than weight streaming alone
 * (own step-time measurements of a Llama-3.1-8B-shaped model, quoted in docs/methodology.md §8: ~1.1 ms on a
 * 32-layer step); SGLang reports Llama-3-8B at batch 1 at 7.06 ms per step
 * with CUDA graphs (sgl-project/sglang#1401) against 5.85 ms of bf16 weight
 * streaming at 0.82 × 3.35 TB/s: 1.2 ms / 32 layers = 38 µs. Freed in the fit
 * it rises to ~65 µs and the all-reduce latency falls to ~10 µs (the
 * multi-GPU rows cannot tell the two apart; mean |log error| 0.182 against
 * 0.186), against the single-GPU evidence: so it is held.
 */
export const DEFAULT_LAYER_OVERHEAD_US = 35;

/**
 * Extra fixed time per mixture-of-experts layer per step: router GEMM, top-k,
 * token permutation and un-permutation, the grouped-GEMM launch over many
 * small expert matrices. FITTED (bounded 0-300 µs): 46.8 per MoE layer
 * (`moe.layers`: DeepSeek-V3/R1 58 of 61), refitted on the fit set (109 rows, test/unit/calibration-public.test.ts FIT_SET) with the other FITTED parameters after Blackwell's 128-row MMA tile moved its GEMM knee (REFERENCE_MMA_TILE_ROWS) and A100, B200, GB200 and B300 took their measured GEMM shares; 44.3 before. With
 * expert_overhead_us it is what makes a fine-grained MoE at small batch
 * several times slower than its active parameters' bytes imply.
 */
export const DEFAULT_MOE_LAYER_OVERHEAD_US = 46.8;

/**
 * Fixed time per routed expert a step's tokens touch, per MoE layer: each
 * expert's matrices are their own tiles of the grouped GEMM, set up and
 * loaded whatever rows they get, so a step that touches all 256 experts of
 * DeepSeek-V3 pays 256 of these per MoE layer and one token's step 8.
 * FITTED (bounded 0-5 µs): 0.77 per MoE layer, refitted on the fit set (109 rows, test/unit/calibration-public.test.ts FIT_SET) with the other FITTED parameters after Blackwell's 128-row MMA tile moved its GEMM knee (REFERENCE_MMA_TILE_ROWS) and A100, B200, GB200 and B300 took their measured GEMM shares; 0.977 before.
 */
export const DEFAULT_EXPERT_OVERHEAD_US = 0.77;

/**
 * Fixed time per forward step, once (scheduling, sampling, host work not
 * hidden by CUDA graphs). HELD at 0: the rows cannot tell it from the per-layer
 * cost (fitted freely it lands anywhere from 0.3 to 3.8 ms, trading against
 * layer_overhead_us at the same error). Fit your own with `calibrate --fit
 * --fit-params step_overhead_ms` on low-batch measurements of your engine.
 */
export const DEFAULT_STEP_OVERHEAD_MS = 0;

/**
 * Latency of one tensor-parallel all-reduce inside the scale-up domain, µs
 * (the α of α + bytes / bandwidth). FITTED (bounded 2-60 µs): 27.6 (refitted on the fit set (109 rows, test/unit/calibration-public.test.ts FIT_SET) with the other FITTED parameters after Blackwell's 128-row MMA tile moved its GEMM knee (REFERENCE_MMA_TILE_ROWS) and A100, B200, GB200 and B300 took their measured GEMM shares; 26.8 before). For
 * scale: NCCL all-reduce on 8 × H100 takes 20.7-23.1 µs at 16-64 KB
 * (Triton-distributed#57); custom one-shot kernels 4.5-14 µs
 * (sgl-project/sglang#2904, symm-mem-recipes#3); with kernel launch and
 * synchronisation around it, a serving step sees more (docs/sources-interconnect.md §3).
 */
export const DEFAULT_ALL_REDUCE_LATENCY_US = 27.6;

/**
 * Extra latency of an all-reduce that crosses nodes (InfiniBand/Ethernet),
 * µs, added to the scale-up latency. ASSUMPTION from nccl-tests multi-node
 * small-message all-reduce times (tens of µs: docs/sources-interconnect.md);
 * no serving row spans nodes with tensor parallelism, so it cannot be fitted.
 */
export const DEFAULT_SCALE_OUT_LATENCY_US = 25;

/**
 * Fraction of the link's per-direction bandwidth an all-reduce reaches (bus
 * bandwidth over link bandwidth). KERNEL: nccl-tests on 8 × H100 reaches
 * 365-370 GB/s bus bandwidth with rings (nvidia/nccl#1455; ~480 with NVLink
 * SHARP) against 450 GB/s per direction of NVLink 4 (0.82), 8 × A100 ~230
 * of 300 (0.77; nccl-tests#149) (docs/sources-interconnect.md §3): 0.8.
 */
export const DEFAULT_LINK_EFFICIENCY = 0.8;

/**
 * Fraction of the 4-bit (FP4) tensor-core peak 4-bit matmuls reach, relative
 * to `compute`. FITTED: the FP4 peak is twice the FP8 one, but measured FP4
 * rows on B200 fall short of it: 0.818 (refitted on the fit set (109 rows, test/unit/calibration-public.test.ts FIT_SET) with the other FITTED parameters after Blackwell's 128-row MMA tile moved its GEMM knee (REFERENCE_MMA_TILE_ROWS) and A100, B200, GB200 and B300 took their measured GEMM shares; 0.708 before). One factor for the precision, not per
 * chip or model; int4 weights computed at a wider precision (W4A16) do not use it.
 */
export const DEFAULT_FOUR_BIT_EFFICIENCY = 0.818;

/**
 * Expert parallelism's load imbalance: routed tokens on the busiest
 * expert-parallel rank over the mean, per MoE layer (the busiest rank sets the
 * layer's time). From TensorRT-LLM's "Scaling Expert Parallelism in
 * TensorRT-LLM (Part 1)" (docs/source/blogs/tech_blog/
 * blog4_Scaling_Expert_Parallelism_in_TensorRT-LLM.md, Table 1; DeepSeek-R1
 * decode at EP32 on GB200): without a load balancer the hottest rank gets
 * (max − mean)/mean = 0.46-0.54 on the less skewed layers and 1.56 averaged
 * over all layers (max/mean 2.56); with EPLB's redundant experts 0.11 (1.11).
 * Imbalance grows with the EP size (LMSYS, "Large-scale EP", 2025-05-05), so
 * for the EP 4-16 replicas this calculator mostly sizes: 1.5. A deployment
 * with EPLB sets 1.1. Not fitted by default (`--fit-params expert_imbalance`).
 */
export const DEFAULT_EXPERT_IMBALANCE = 1.5;

/**
 * 99th-percentile time per output token over its mean, for an MLPerf server
 * run (its TPOT limit is a p99: mlcommons/inference loadgen/mlperf.conf
 * `target_latency_percentile = 99`). FITTED on the MLPerf server rows of the fit set
 * (bounded 1-3): 2.02, refitted with the other FITTED parameters after Blackwell's MMA tile
 * moved its GEMM knee and the NVIDIA chips took their measured GEMM shares (1.79 before). NOT the engines' tail: the SGLang closed-loop rows in
 * test/fixtures/calibration/concurrency.yaml print P99 / mean TPOT of 1.0-1.6, and the MLPerf
 * v5.1 server and interactive logs of holdout-v4.yaml 0.93-1.48 (median ~1.2). Fitted, it also
 * carries what the model misses at the batch a latency limit allows (its mean step under load
 * is faster than the engines'), so read it as the ratio of a p99 limit to the model's mean.
 */
export const DEFAULT_TPOT_P99_OVER_MEAN = 2.02;

/**
 * Every `serving.efficiency` default by key, as the schema applies them (a
 * test checks the two agree): what the shipped calibration rows' error was
 * measured with (src/data/error-rows.ts).
 */
export const DEFAULT_EFFICIENCY = {
  compute: DEFAULT_COMPUTE_EFFICIENCY,
  gemm_half_rows: DEFAULT_GEMM_HALF_ROWS,
  attention_compute: DEFAULT_ATTENTION_COMPUTE_EFFICIENCY,
  memory_bandwidth: DEFAULT_MEMORY_BANDWIDTH_EFFICIENCY,
  kv_bandwidth: DEFAULT_KV_BANDWIDTH_EFFICIENCY,
  memory_usable: DEFAULT_MEMORY_USABLE_FRACTION,
  activation_passes: DEFAULT_ACTIVATION_PASSES,
  layer_overhead_us: DEFAULT_LAYER_OVERHEAD_US,
  moe_layer_overhead_us: DEFAULT_MOE_LAYER_OVERHEAD_US,
  expert_overhead_us: DEFAULT_EXPERT_OVERHEAD_US,
  step_overhead_ms: DEFAULT_STEP_OVERHEAD_MS,
  all_reduce_latency_us: DEFAULT_ALL_REDUCE_LATENCY_US,
  scale_out_latency_us: DEFAULT_SCALE_OUT_LATENCY_US,
  link: DEFAULT_LINK_EFFICIENCY,
  four_bit: DEFAULT_FOUR_BIT_EFFICIENCY,
  expert_imbalance: DEFAULT_EXPERT_IMBALANCE,
  tpot_p99_over_mean: DEFAULT_TPOT_P99_OVER_MEAN,
} as const;

/**
 * Efficiency factors of 0.2.0 that the serving model v2 removed, with what
 * replaced each: a scenario that still sets one gets this message at its line.
 */
const REMOVED_EFFICIENCY_FACTORS: Readonly<Record<string, string>> = {
  decode_compute:
    'was removed in 0.3.0: decode and prefill efficiency now follow from the rows each GEMM sees (efficiency.compute is the ceiling, efficiency.gemm_half_rows the knee)',
  fine_grained_moe:
    'was removed in 0.3.0: routed-expert GEMMs now run at the efficiency of the tokens each expert sees (efficiency.compute, efficiency.gemm_half_rows), plus efficiency.moe_layer_overhead_us per MoE layer',
};

/** What replaced a removed efficiency factor, if `key` is one (its own keys only: `__proto__` is not one). */
export function removedEfficiencyFactor(key: string): string | undefined {
  return Object.hasOwn(REMOVED_EFFICIENCY_FACTORS, key) ? REMOVED_EFFICIENCY_FACTORS[key] : undefined;
}

/**
 * The share of its spec-sheet dense FLOP/s a large GEMM reaches on the chips the
 * efficiencies were fitted on. KERNEL: 8192³ on H100 bf16 0.75, fp8 0.73; H200
 * bf16 0.79, fp8 0.73 (../shared/reference/measured-kernels.md): mean 0.75. Almost
 * every calibration row ran on NVIDIA Hopper or Blackwell, whose library GEMMs reach
 * 0.7-0.8 of spec (stas00/ml-engineering compute/accelerator/README.md @744d01e1:
 * H100 0.80 bf16, B200 0.78). A chip whose measured share differs
 * (`hardware.gemm_fraction_of_peak`: AMD's CDNA 3 reaches ~0.5) has every FLOP rate
 * scaled by its share over this one (core/replica.ts).
 */
export const REFERENCE_GEMM_FRACTION = 0.75;

/**
 * The share of its spec-sheet memory bandwidth a large streaming read reaches on
 * the reference chips. KERNEL: a 4 GiB read reaches 0.92 of spec on H100 and 0.90
 * on H200 (../shared/reference/measured-kernels.md): 0.91. A chip with a measured
 * `hardware.memory_fraction_of_peak` has its bandwidths scaled by its share over this one.
 */
export const REFERENCE_MEMORY_FRACTION = 0.91;

/**
 * Rows of the matrix-multiply tile that efficiency.gemm_half_rows (64) was set for: one Hopper
 * wgmma instruction computes an m64 × n × k16 tile (PTX ISA, "Asynchronous Warpgroup Level Matrix
 * Multiply-Accumulate", wgmma.mma_async shapes: M = 64). A chip with a larger tile
 * (`hardware.mma_tile_rows`: Blackwell's tcgen05.mma computes M = 128 per CTA, 256 across a CTA pair,
 * PTX ISA "tcgen05.mma" shapes) fills it only at more rows, so its knee is gemm_half_rows × its
 * tile / this one (core/replica.ts).
 */
export const REFERENCE_MMA_TILE_ROWS = 64;

/** Default scale-up (NVLink, Infinity Fabric) bandwidth per accelerator and direction when hardware does not say, GB/s: PCIe Gen4 x16, 32 GB/s per direction (PCI-SIG PCIe 4.0 spec: 16 GT/s × 16 lanes, 128b/130b). */
export const DEFAULT_SCALE_UP_GB_PER_S = 32;

/** Default scale-out bandwidth per accelerator and direction, GB/s: one 400 Gb/s NIC per GPU, as in DGX H100 (8 × ConnectX-7 400 Gb/s; NVIDIA DGX H100 user guide) = 50 GB/s. */
export const DEFAULT_SCALE_OUT_GB_PER_S = 50;

/** Bytes per activation element in tensor-parallel all-reduces: engines reduce in bf16 (2 bytes) even for fp8/fp4 weights. */
export const ACTIVATION_BYTES = 2;

/** Largest decode batch: vLLM's `max_num_seqs` default is 256 (vLLM engine arguments docs). */
export const DEFAULT_MAX_BATCH = 256;

/**
 * Average fraction of provisioned capacity that does useful work.
 * ASSUMPTION (no public source fits every fleet): 0.7 leaves ~30% headroom for
 * bursts and rolling restarts. Set `serving.utilization` to your own figure.
 */
export const DEFAULT_UTILIZATION = 0.7;

/** Accelerators in one server node, when a hardware profile does not say: an 8-GPU HGX/DGX board. */
export const DEFAULT_ACCELERATORS_PER_NODE = 8;

/**
 * Largest accelerator count per replica that is tried: one GB200/GB300/Vera
 * Rubin NVL72 NVLink domain has 72 GPUs; the next power of two below-or-at 72
 * is 64 (NVIDIA GB200 NVL72 specifications).
 */
export const MAX_ACCELERATORS_PER_REPLICA = 64;

/** Average days in a month: 365.25 / 12 (Gregorian calendar). */
export const DAYS_PER_MONTH = 30.4375;

export const SECONDS_PER_DAY = 86_400;

/**
 * Tokens one prefill forward pass processes (prompts are packed or chunked to
 * this size): TensorRT-LLM's default `max_num_tokens` is 8192 (TensorRT-LLM
 * performance tuning guide, "Tuning Max Batch Size and Max Num Tokens").
 */
export const DEFAULT_PREFILL_CHUNK_TOKENS = 8192;

/**
 * Seconds a replica no longer needed is kept before it is removed: the
 * Kubernetes Horizontal Pod Autoscaler's default scale-down stabilization
 * window, 5 minutes (kubernetes.io, "Horizontal Pod Autoscaling",
 * --horizontal-pod-autoscaler-downscale-stabilization, default 5m0s).
 */
export const DEFAULT_SCALE_DOWN_AFTER_S = 300;

/**
 * Bytes a new replica reads its weights at, GB/s: the Run:ai Model Streamer
 * benchmark (Run:ai / NVIDIA, "Run:ai Model Streamer: Performance
 * Benchmarks", 2024-10-29) loaded its Llama 3 8B test model (~15 GB of bf16
 * safetensors, an estimate from the parameter count) in 7.53 s from an AWS
 * io2 SSD at 8 concurrent readers: about 2 GB/s. Network storage is slower,
 * local NVMe faster: set yours.
 */
export const DEFAULT_LOAD_GB_PER_S = 2;
