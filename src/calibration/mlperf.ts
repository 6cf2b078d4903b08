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
 * - Mean input tokens: ESTIMATES. No published mean prompt length was found
 *   for these datasets (the reference code publishes only limits: llama2-70b
 *   prompts < 1024 tokens, processorca.py `--seqlen_limit=1024`). The values
 *   below are estimates from the datasets' make-up, flagged `inputEstimated`,
 *   and the calibration report shows how the MLPerf rows move if they are off
 *   by 2x (docs/methodology.md, "Sensitivity").
 */

export interface MlperfBenchmark {
  readonly id: string;
  readonly dataset: string;
  readonly meanInputTokens: number;
  readonly inputEstimated: boolean;
  readonly meanOutputTokens: number;
  /** Server-scenario limits, 99th percentile. */
  readonly ttftLimitMs: number;
  readonly tpotLimitMs: number;
}

export const MLPERF_BENCHMARKS: readonly MlperfBenchmark[] = [
  {
    id: 'llama2-70b',
    dataset: 'OpenOrca (GPT-4 subset), 24,576 samples, prompts < 1,024 tokens',
    // ESTIMATE: OpenOrca prompts sampled equally from CoT, NIV, FLAN and T0 (short questions, task
    // definitions, reading passages) in the Llama 2 chat template.
    meanInputTokens: 300,
    inputEstimated: true,
    meanOutputTokens: 294.45,
    ttftLimitMs: 2000,
    tpotLimitMs: 200,
  },
  {
    id: 'llama2-70b-interactive',
    dataset: 'OpenOrca (GPT-4 subset), 24,576 samples (same as llama2-70b)',
    meanInputTokens: 300,
    inputEstimated: true,
    meanOutputTokens: 294.45,
    ttftLimitMs: 450,
    tpotLimitMs: 40,
  },
  {
    id: 'mixtral-8x7b',
    dataset: 'OpenOrca + GSM8K + MBXP, 5,000 samples each',
    // ESTIMATE: a third OpenOrca prompts (as above), a third GSM8K with few-shot chain-of-thought
    // examples (longer), a third MBXP code prompts.
    meanInputTokens: 400,
    inputEstimated: true,
    meanOutputTokens: 144.84,
    ttftLimitMs: 2000,
    tpotLimitMs: 200,
  },
  {
    id: 'llama3_1-405b',
    dataset: 'long-context mix (LongBench, RULER, GovReport and others), 8,313 samples, prompts up to ~20k tokens',
    // ESTIMATE: long-document summarisation and retrieval prompts, several thousand to 20k tokens.
    meanInputTokens: 9400,
    inputEstimated: true,
    meanOutputTokens: 684.68,
    ttftLimitMs: 6000,
    tpotLimitMs: 175,
  },
  {
    id: 'llama3_1-405b-interactive',
    dataset: 'same as llama3_1-405b',
    meanInputTokens: 9400,
    inputEstimated: true,
    meanOutputTokens: 684.68,
    ttftLimitMs: 4500,
    tpotLimitMs: 80,
  },
  {
    id: 'llama3_1-8b',
    dataset: 'CNN/DailyMail summarisation, 13,368 samples',
    // ESTIMATE: CNN/DailyMail articles average ~780 words (Nallapati et al., CoNLL 2016, Table 1:
    // 766 words per article) at ~1.3 Llama-3 tokens per word, plus the summarisation instruction.
    meanInputTokens: 1000,
    inputEstimated: true,
    // Reference generated length: GEN_LEN 8,167,644 tokens over 13,368 samples = 611.0
    // (submission_checker/constants.py @b66003e10e2db4b8c36a448b0545ec90fcc6e9e9, accuracy-upper-limit).
    meanOutputTokens: 611.0,
    // loadgen/mlperf.conf @b66003e1: llama3_1-8b.Server.ttft_latency 2000, tpot_latency 100.
    ttftLimitMs: 2000,
    tpotLimitMs: 100,
  },
  {
    id: 'llama3_1-8b-interactive',
    dataset: 'same as llama3_1-8b',
    meanInputTokens: 1000,
    inputEstimated: true,
    meanOutputTokens: 611.0,
    // loadgen/mlperf.conf @b66003e1: llama3_1-8b-interactive.Server.ttft_latency 500, tpot_latency 30.
    ttftLimitMs: 500,
    tpotLimitMs: 30,
  },
  {
    id: 'deepseek-r1',
    dataset: 'AIME + MATH500 + GPQA + MMLU-Pro + LiveCodeBench, 4,388 samples',
    // ESTIMATE: short maths/science questions and code problems; output (reasoning) dominates.
    meanInputTokens: 800,
    inputEstimated: true,
    meanOutputTokens: 3886.2274,
    ttftLimitMs: 2000,
    tpotLimitMs: 80,
  },
  {
    id: 'deepseek-r1-interactive',
    dataset: 'same as deepseek-r1',
    meanInputTokens: 800,
    inputEstimated: true,
    meanOutputTokens: 3886.2274,
    ttftLimitMs: 1500,
    tpotLimitMs: 15,
  },
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
