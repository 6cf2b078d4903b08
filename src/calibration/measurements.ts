/**
 * The measurements file `infercost calibrate` reads: published or your own
 * measured serving throughput, one row per measurement. The shape follows
 * the published rows in test/fixtures/calibration/ (each citing its source); a team timing its own
 * engine writes the same fields. Text in, validated rows out, or an InputError
 * naming every problem with its line:column.
 */
import * as z from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import { PRECISIONS } from '../scenario/precision.js';
import { ParallelismSchema, PrefixCacheSchema } from '../scenario/schema.js';
import { parseYamlMap } from '../scenario/yaml-text.js';
import { validateLocated } from '../scenario/yaml-input.js';
import { pick, reportable } from '../scenario/problems.js';

/** Measurement files larger than this are refused before parsing (bytes). */
export const DEFAULT_MAX_MEASUREMENTS_BYTES = 1024 * 1024;

/**
 * What was measured:
 * - `offline`: every request queued at once, maximum throughput;
 * - `server`: requests arrive over time and latency limits apply;
 * - `fixed-batch-decode`: one decode step of `batch` sequences, each attending
 *   to `input_tokens` of context (generated tokens/s = batch / step time);
 * - `fixed-batch-prefill`: one prefill pass over `batch` prompts of
 *   `input_tokens` each (prompt tokens/s; `ttft_ms` is the step time).
 */
export const MEASUREMENT_SCENARIOS = ['offline', 'server', 'fixed-batch-decode', 'fixed-batch-prefill'] as const;
export type MeasurementScenario = (typeof MEASUREMENT_SCENARIOS)[number];

const count = () => z.number().int().positive();
const positive = () => z.number().positive();
const optionalText = () => z.string().nullable().optional();

export const MeasurementSchema = z.strictObject({
  /** Unique row id. */
  id: z.string().min(1),
  /** Model preset id (`infercost presets list models`). */
  model: z.string().min(1),
  /** A preset with the same architecture, used when `model` has none. */
  model_arch_equivalent: optionalText(),
  /** Hardware preset id (`infercost presets list hardware`). */
  accelerator: z.string().min(1),
  /** Accelerators serving the measurement: one replica, or the whole system for MLPerf rows. null = not stated. */
  accelerators_count: count().nullable().optional(),
  /** Accelerators per replica when a row of several replicas says so; absent = chosen (see docs/methodology.md). */
  accelerators_per_replica: count().nullable().optional(),
  /**
   * How one replica was split, when the source says (as serving.parallelism:
   * tensor × data × pipeline accelerators, experts over `expert`); absent =
   * tensor-parallel, or the DEP layout when the id or notes say "DEP" /
   * "attention DP".
   */
  parallelism: ParallelismSchema.nullable().optional(),
  /**
   * Speculative decoding as the run had it (serving.speculative's fields;
   * `draft_model` a model preset id): the measured accepted length
   * (`accepted_tokens_per_step`, the target's own token included) or the
   * per-draft-token acceptance; absent = none.
   */
  speculative: z
    .strictObject({
      method: z.enum(['mtp', 'eagle', 'draft_model', 'ngram']),
      draft_tokens: count().max(16).nullable().optional(),
      acceptance_rate: z.number().gt(0).lte(1).nullable().optional(),
      accepted_tokens_per_step: z.number().min(1).max(17).nullable().optional(),
      draft_model: optionalText(),
    })
    .nullable()
    .optional(),
  /** Prompt tokens the run found in the engine's prefix cache, as traffic.prefix_cache says it (absent: none). */
  prefix_cache: PrefixCacheSchema.nullable().optional(),
  /** Weight/compute precision; null = not stated (a documented default per accelerator applies). */
  precision: z.enum(PRECISIONS).nullable().optional(),
  /** KV-cache precision; absent = fp8 for fp8/fp4 weights, else the weight precision. */
  kv_cache_precision: z.enum(PRECISIONS).nullable().optional(),
  scenario: z.enum(MEASUREMENT_SCENARIOS),
  /** Finer label of the scenario (MLPerf `interactive`), or null. */
  scenario_detail: optionalText(),
  /** Prompt tokens per request (a fixed-length run); null on MLPerf rows (the benchmark's dataset decides). */
  input_tokens: positive().nullable().optional(),
  /** Generated tokens per request; null on MLPerf rows; 0 (or absent) on fixed-batch-prefill rows, which generate nothing. */
  output_tokens: z.number().nonnegative().nullable().optional(),
  /** Requests in flight, when the source fixed it. */
  concurrency: count().nullable().optional(),
  /** Batch size, when the source fixed it (required for the fixed-batch scenarios). */
  batch: count().nullable().optional(),
  /** Generated tokens/s of all `accelerators_count` accelerators together. */
  throughput_output_tokens_per_s: positive().nullable().optional(),
  /** Generated tokens/s per accelerator (prompt tokens/s for fixed-batch-prefill). */
  throughput_per_accelerator_tokens_per_s: positive().nullable().optional(),
  /** Prompt tokens/s per accelerator, where the source gives it. */
  input_throughput_per_accelerator_tokens_per_s: positive().nullable().optional(),
  /** Time to first token, ms (the prefill step time for fixed-batch-prefill). */
  ttft_ms: positive().nullable().optional(),
  /** Time per output token, ms (the decode step time for fixed-batch-decode). */
  tpot_ms: positive().nullable().optional(),
  software: optionalText(),
  source: optionalText(),
  notes: optionalText(),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

export const MeasurementsFileSchema = z.strictObject({
  measurements: z.array(MeasurementSchema).min(1),
});

export interface LoadedMeasurements {
  readonly file: string;
  readonly rows: readonly Measurement[];
  /** Where each row starts in the file ("file:line:column" of its id), for messages about a row. */
  readonly where: ReadonlyMap<string, string>;
}

export function loadMeasurements(
  text: string,
  file = '<measurements>',
  maxBytes = DEFAULT_MAX_MEASUREMENTS_BYTES,
): LoadedMeasurements {
  const { raw, locate } = parseYamlMap(text, file, {
    maxBytes,
    kind: 'measurements file',
    noun: 'measurements',
    expected: 'a `measurements:` list (see README "Accuracy")',
  });
  // Another kind of infercost file given where measurements belong: say which command reads it.
  const other = 'measurements' in raw ? undefined : 'fleet' in raw ? 'fleet' : 'model' in raw ? 'scenario' : undefined;
  if (other !== undefined)
    throw new InputError(file, [
      {
        path: '',
        line: 1,
        column: 1,
        message: `this is a ${other} file, not measurements: run \`infercost ${other === 'fleet' ? 'fleet' : 'simulate'}\` on it; a measurements file has a \`measurements:\` list (see README "Accuracy")`,
      },
    ]);
  const rows = validateLocated(MeasurementsFileSchema, raw, file, locate).measurements;
  const seen = new Map<string, number>();
  const problems: InputProblem[] = [];
  rows.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined)
      problems.push({
        path: `measurements.${i}.id`,
        ...pick(locate(['measurements', i, 'id'])),
        message: `duplicate id "${r.id}" (also row ${first + 1}): every row needs its own id`,
      });
    else seen.set(r.id, i);
    // Two throughput figures that disagree: which one the row means is not ours to guess.
    const total = r.throughput_output_tokens_per_s;
    const each = r.throughput_per_accelerator_tokens_per_s;
    const n = r.accelerators_count;
    if (total != null && each != null && n != null && Math.abs(total / n - each) > 0.01 * each)
      problems.push({
        path: `measurements.${i}.throughput_per_accelerator_tokens_per_s`,
        ...pick(locate(['measurements', i, 'throughput_per_accelerator_tokens_per_s'])),
        message: `expected throughput_output_tokens_per_s / accelerators_count (${total} / ${n} = ${+(total / n).toPrecision(6)}) within 1%, got ${each}: give one of the two, or make them agree`,
      });
  });
  if (problems.length > 0) throw new InputError(file, reportable(problems));
  const where = new Map<string, string>();
  rows.forEach((r, i) => {
    const at = locate(['measurements', i, 'id']);
    where.set(r.id, at === undefined ? file : `${file}:${at.line}:${at.column}`);
  });
  return { file, rows, where };
}
