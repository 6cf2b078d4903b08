/**
 * Defaults a scenario gets for what it does not say. Every figure names its
 * source; where the figure is an assumption, it says so. The table output lists
 * which of these a run used, so nothing is hidden.
 */

/**
 * Achievable fraction of peak dense FLOP/s for the compute-bound phases
 * (prefill, large-batch decode). Measured: bf16 GEMM 8192^3 reaches 742 of
 * 989.5 TFLOP/s (75%) on H100 SXM, fp8 73% (shared/reference/measured-kernels.md).
 */
export const DEFAULT_COMPUTE_EFFICIENCY = 0.75;

/**
 * Achievable fraction of peak memory bandwidth in decode. Measured: a decode
 * layer's skinny GEMM (M = 1..16) streams weights at 2,803 of 3,350 GB/s (84%)
 * on H100 and 3,825 of 4,800 GB/s (80%) on H200 (measured-kernels.md).
 */
export const DEFAULT_MEMORY_BANDWIDTH_EFFICIENCY = 0.8;

/**
 * Fraction of accelerator memory the engine may use for weights and KV cache.
 * vLLM's `gpu_memory_utilization` default is 0.9 (vLLM engine arguments docs).
 */
export const DEFAULT_MEMORY_USABLE_FRACTION = 0.9;

/**
 * Fixed time per decode step beyond moving bytes and doing FLOPs (kernel
 * launches, scheduling, sampling). 0 until calibrated against measured serving
 * throughput (shared/calibration, issue 11); set it per scenario.
 */
export const DEFAULT_STEP_OVERHEAD_MS = 0;

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
