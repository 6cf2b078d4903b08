/**
 * MLPerf Inference LLM benchmarks: the sequence lengths and latency limits a
 * row of MLPerf results implies. MLPerf rows leave input/output lengths to the
 * benchmark's dataset (variable per sample), so calibration uses the dataset
 * means from this table.
 *
 * Sources:
 * - Latency limits (99th percentile, ms): mlcommons/inference loadgen/mlperf.conf
 *   @001712e9daf80386e0dda43f97b8f36981d792c4 (`<benchmark>.Server.ttft_latency`
 *   / `tpot_latency`; `*.Server.target_latency_percentile = 99`).
 * - Mean output tokens: the reference run's mean generated tokens per sample
 *   ("tokens per sample" accuracy target, which submissions must reach within
 *   0.9-1.1x): mlcommons/inference tools/submission/submission_checker/constants.py
 *   @9e3d1054ec143c87c06a0a305f6eca4a37fe662e (llama2-70b 294.45, mixtral-8x7b
 *   144.84, llama3.1-405b 684.68, deepseek-r1 3886.2274); also
 *   language/llama2-70b/README.md and language/llama3.1-405b/README.md. A run's
 *   mean output is close to these: NVIDIA H200 llama2-70b Offline v4.1 logged
 *   31,302.7 tokens/s at 107.477 samples/s = 291 tokens per sample.
 * - Mean input tokens: DERIVED, not published. No MLCommons, NVIDIA or AMD
 *   document states a mean prompt length (the reference code publishes only
 *   limits: llama2-70b prompts < 1024 tokens, processorca.py `--seqlen_limit=1024`).
 *   The means below are the averages of the per-sample token counts that
 *   github.com/openshift-psap/performance-dashboard copied from the official
 *   dataset pickles into mlperf-data/summaries/<benchmark>.csv @71007029fb5bced1d79808e7e64dc4c2af82ea55
 *   (column `input_length`, each model's own tokenizer; averaged here, not by
 *   that repository): llama2-70b 222.33 over 24,576 samples, mixtral-8x7b
 *   427.39 over 15,000, llama3.1-405b 9,428.64 over 8,313, llama3.1-8b 870.73
 *   over 13,368, deepseek-r1 803.79 over 4,388. The same files' output means
 *   match the official ones where both exist (mixtral 144.84, 405b 684.68),
 *   which is the check that they hold the official samples.
 */

export interface MlperfBenchmark {
  readonly id: string;
  readonly dataset: string;
  readonly meanInputTokens: number;
  readonly meanOutputTokens: number;
  /** Server-scenario limits, 99th percentile. */
  readonly ttftLimitMs: number;
  readonly tpotLimitMs: number;
}

/** Each benchmark's dataset and its mean lengths, once: the server and interactive scenarios share them. */
const LLAMA2_70B = {
  dataset: 'OpenOrca (GPT-4 subset), 24,576 samples, prompts < 1,024 tokens',
  meanInputTokens: 222.33,
  meanOutputTokens: 294.45,
};
const MIXTRAL_8X7B = {
  dataset: 'OpenOrca + GSM8K + MBXP, 5,000 samples each',
  meanInputTokens: 427.39,
  meanOutputTokens: 144.84,
};
const LLAMA3_1_405B = {
  dataset: 'long-context mix (LongBench, RULER, GovReport and others), 8,313 samples, prompts up to ~20k tokens',
  meanInputTokens: 9428.64,
  meanOutputTokens: 684.68,
};
const LLAMA3_1_8B = {
  dataset: 'CNN/DailyMail summarisation, 13,368 samples',
  meanInputTokens: 870.73,
  // Mean generated tokens: NVIDIA's MLPerf v5.1 B200 runs logged 136,752 tokens/s at 1,060.23
  // samples/s (Offline) = 129.0 per sample, and 129.0 in Server and Interactive too
  // (mlcommons/inference_results_v5.1 @965182b0, closed/NVIDIA/results/B200-SXM-180GBx8_TRT/
  // llama3.1-8b/<scenario>/performance/run_1/mlperf_log_summary.txt). The submission checker's GEN_LEN
  // (8,167,644 over 13,368 samples = 611) counts characters, not tokens: a CNN/DailyMail summary
  // is a few sentences.
  meanOutputTokens: 129.0,
};
const DEEPSEEK_R1 = {
  dataset: 'AIME + MATH500 + GPQA + MMLU-Pro + LiveCodeBench, 4,388 samples',
  meanInputTokens: 803.79,
  meanOutputTokens: 3886.2274,
};

export const MLPERF_BENCHMARKS: readonly MlperfBenchmark[] = [
  { id: 'llama2-70b', ...LLAMA2_70B, ttftLimitMs: 2000, tpotLimitMs: 200 },
  { id: 'llama2-70b-interactive', ...LLAMA2_70B, ttftLimitMs: 450, tpotLimitMs: 40 },
  { id: 'mixtral-8x7b', ...MIXTRAL_8X7B, ttftLimitMs: 2000, tpotLimitMs: 200 },
  { id: 'llama3_1-405b', ...LLAMA3_1_405B, ttftLimitMs: 6000, tpotLimitMs: 175 },
  { id: 'llama3_1-405b-interactive', ...LLAMA3_1_405B, ttftLimitMs: 4500, tpotLimitMs: 80 },
  // loadgen/mlperf.conf @b66003e1: llama3_1-8b.Server.ttft_latency 2000, tpot_latency 100.
  { id: 'llama3_1-8b', ...LLAMA3_1_8B, ttftLimitMs: 2000, tpotLimitMs: 100 },
  // loadgen/mlperf.conf @b66003e1: llama3_1-8b-interactive.Server.ttft_latency 500, tpot_latency 30.
  { id: 'llama3_1-8b-interactive', ...LLAMA3_1_8B, ttftLimitMs: 500, tpotLimitMs: 30 },
  { id: 'deepseek-r1', ...DEEPSEEK_R1, ttftLimitMs: 2000, tpotLimitMs: 80 },
  { id: 'deepseek-r1-interactive', ...DEEPSEEK_R1, ttftLimitMs: 1500, tpotLimitMs: 15 },
];

/** Benchmark names as they appear in MLPerf result paths, and the model ids of this catalog they run. */
const PATH_NAMES: readonly { pattern: RegExp; benchmark: string }[] = [
  { pattern: /llama2-70b(-99(\.9)?)?/i, benchmark: 'llama2-70b' },
  { pattern: /mixtral-8x7b/i, benchmark: 'mixtral-8x7b' },
  { pattern: /llama3[._]1-405b/i, benchmark: 'llama3_1-405b' },
  { pattern: /llama3[._]1-8b/i, benchmark: 'llama3_1-8b' },
  { pattern: /deepseek-r1/i, benchmark: 'deepseek-r1' },
];
const MODEL_BENCHMARK: Readonly<Record<string, string>> = {
  'llama-2-70b': 'llama2-70b',
  'mixtral-8x7b': 'mixtral-8x7b',
  'llama-3.1-405b': 'llama3_1-405b',
  'llama-3.1-8b': 'llama3_1-8b',
  'deepseek-r1': 'deepseek-r1',
};

export interface RowForMlperf {
  readonly model: string;
  readonly source?: string | null | undefined;
  readonly software?: string | null | undefined;
  readonly scenario_detail?: string | null | undefined;
}

/** Whether a row reports an MLPerf Inference result (its source or software says so). */
export function isMlperfRow(row: RowForMlperf): boolean {
  return /mlperf|mlcommons/i.test(`${row.source ?? ''} ${row.software ?? ''}`);
}

/**
 * The MLPerf benchmark a row ran: named in its result path (`.../llama2-70b-99/Offline/...`),
 * else implied by its model; `scenario_detail: interactive` selects the interactive limits.
 */
export function mlperfBenchmarkOf(row: RowForMlperf): MlperfBenchmark | undefined {
  if (!isMlperfRow(row)) return undefined;
  const source = row.source ?? '';
  const fromPath = PATH_NAMES.find((p) => p.pattern.test(source))?.benchmark;
  const base = fromPath ?? MODEL_BENCHMARK[row.model];
  if (base === undefined) return undefined;
  const interactive = /interactive/i.test(`${row.scenario_detail ?? ''}`) || /interactive/i.test(source);
  const id = interactive ? `${base}-interactive` : base;
  return MLPERF_BENCHMARKS.find((b) => b.id === id) ?? MLPERF_BENCHMARKS.find((b) => b.id === base);
}
