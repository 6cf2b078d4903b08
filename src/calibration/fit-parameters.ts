/**
 * The names of the parameters `calibrate --fit` fits, apart from the fitter
 * (the CLI's help text reads them without loading the calibration code).
 */
/**
 * The parameters `--fit` fits by default: those marked FITTED in
 * scenario/defaults.ts. memory_usable is an engine setting, never fitted.
 */
export const FIT_PARAMETERS = [
  'compute',
  'activation_passes',
  'moe_layer_overhead_us',
  'expert_overhead_us',
  'all_reduce_latency_us',
  'four_bit',
  'tpot_p99_over_mean',
] as const;
/** Every parameter `--fit-params` may name: FIT_PARAMETERS plus those taken from kernel data by default. */
export const ALL_FIT_PARAMETERS = [
  ...FIT_PARAMETERS,
  'layer_overhead_us',
  'step_overhead_ms',
  'memory_bandwidth',
  'kv_bandwidth',
  'gemm_half_rows',
  'attention_compute',
  'link',
  'scale_out_latency_us',
  'expert_imbalance',
] as const;
export type FitParameter = (typeof ALL_FIT_PARAMETERS)[number];

export const FIT_PARAMETERS_TEXT = FIT_PARAMETERS.join(',');
export const EXTRA_FIT_PARAMETERS_TEXT = ALL_FIT_PARAMETERS.filter(
  (p) => !(FIT_PARAMETERS as readonly string[]).includes(p),
).join(', ');
