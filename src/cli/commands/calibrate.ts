/**
 * `infercost calibrate <measurements.yaml>`: predict every measured row with
 * the calculator, report the errors (table, JSON, CSV), and with `--fit`
 * fit the efficiency factors to the rows and print them as a YAML snippet
 * for `serving.efficiency`.
 */
import { evaluate, prepare } from '../../calibration/evaluate.js';
import { crossValidate } from '../../calibration/cross-validate.js';
import { ALL_FIT_PARAMETERS, fitEfficiency, type FitParameter } from '../../calibration/fit.js';
import { DEFAULT_MAX_MEASUREMENTS_BYTES } from '../../calibration/measurements.js';
import { readInputs } from '../calibration-inputs.js';
import { singleLine } from '../../formats/text-safety.js';
import { UsageError, UserError } from '../../errors.js';
import { calibrationRenderers } from '../../formats/calibrate.js';
import { formatNumber } from '../../formats/numbers.js';
import { removedEfficiencyFactor } from '../../scenario/defaults.js';
import { didYouMean } from '../../scenario/suggest.js';
import { issueMessages } from '../../scenario/issues.js';
import { PARSE_OPTIONS } from '../../scenario/parse-options.js';
import { EfficiencySchema, type Efficiency } from '../../scenario/schema.js';
import { EXIT_BUDGET, EXIT_OK } from '../exit-codes.js';
import { emit } from '../files.js';
import { renderContext } from '../render-context.js';
import type { Runner } from '../spec.js';
import type { calibrateSpec } from '../specs.js';

const EFFICIENCY_KEYS = Object.keys(EfficiencySchema.shape);

/** `compute=0.5,step_overhead_ms=2` → a validated Efficiency (defaults for the rest). */
export function parseEfficiency(text: string | undefined): Efficiency {
  const raw: Record<string, number> = {};
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^([a-z0-9_]+)\s*=\s*(.+)$/.exec(part);
    if (!m) throw new UsageError(`--efficiency: expected key=value pairs separated by commas, got "${part}"`);
    const [, key = '', value = ''] = m;
    const removed = removedEfficiencyFactor(key);
    if (removed !== undefined) throw new UsageError(`--efficiency: ${key} ${removed}`);
    if (!EFFICIENCY_KEYS.includes(key))
      throw new UsageError(
        `--efficiency: unknown factor "${key}"${didYouMean(key, EFFICIENCY_KEYS)}; known: ${EFFICIENCY_KEYS.join(', ')}`,
      );
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new UsageError(`--efficiency: ${key}: expected a number, got "${value}"`);
    if (Object.hasOwn(raw, key))
      throw new UsageError(`--efficiency: ${key} is given twice (${raw[key]} and ${value}): give it once`);
    raw[key] = n;
  }
  const parsed = EfficiencySchema.safeParse(raw, PARSE_OPTIONS);
  if (!parsed.success)
    throw new UsageError(
      `--efficiency: ${parsed.error.issues
        .flatMap((i) => issueMessages(i, () => []))
        .map((m) => `${m.path.map(String).join('.')}: ${m.message}`)
        .join('; ')}`,
    );
  return parsed.data;
}

export function parseFitParams(text: string | undefined): readonly FitParameter[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (names.length === 0) throw new UsageError('--fit-params: expected at least one factor');
  for (const n of names)
    if (!(ALL_FIT_PARAMETERS as readonly string[]).includes(n))
      throw new UsageError(
        `--fit-params: "${n}" cannot be fitted${didYouMean(n, ALL_FIT_PARAMETERS)}; fittable: ${ALL_FIT_PARAMETERS.join(', ')}`,
      );
  return [...new Set(names)] as FitParameter[];
}

export const calibrateCommand: Runner<typeof calibrateSpec> = async ([list], opts, io) => {
  const file = list.join(' + ');
  const start = parseEfficiency(opts.efficiency);
  const parameters = parseFitParams(opts.fitParams);
  if (parameters !== undefined && !opts.fit) throw new UsageError('--fit-params needs --fit');
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_MEASUREMENTS_BYTES;
  const where = new Map<string, string>();
  const rows = await readInputs(
    list,
    {
      inputFormat: opts.inputFormat,
      maxBytes,
      flags: {
        ...(opts.model === undefined ? {} : { model: opts.model }),
        ...(opts.accelerator === undefined ? {} : { accelerator: opts.accelerator }),
        ...(opts.accelerators === undefined ? {} : { accelerators: opts.accelerators }),
        ...(opts.precision === 'auto' ? {} : { precision: opts.precision }),
      },
    },
    io,
    where,
  );
  if (rows.length === 0) throw new UserError(`${file}: no measurement rows could be read`);
  const prepared = prepare(rows);
  const models = new Map(rows.map((r) => [r.id, r.model]));
  const modelOf = (id: string) => models.get(id) ?? '';

  // --fit fits every parameter of the serving model unless --fit-params names some (memory_usable
  // is the engine's memory setting, not a property of the hardware: never fitted).
  const fitOptions = { parameters: parameters ?? ALL_FIT_PARAMETERS };
  const fit = opts.fit ? fitEfficiency(prepared, start, fitOptions) : undefined;
  const sources = new Map(rows.map((r) => [r.id, r.source ?? r.id]));
  const cv = opts.fit ? crossValidate(prepared, start, fitOptions, (id) => sources.get(id) ?? id) : undefined;
  const report = evaluate(prepared, fit?.efficiency ?? start, modelOf);
  if (report.rows.length === 0)
    throw new UserError(
      `${singleLine(file)}: no row could be evaluated:\n${report.not_evaluable.map((n) => `  ${notEvaluable(where.get(n.id) ?? file, n.id)}: ${n.reason}`).join('\n')}`,
    );

  const text = await calibrationRenderers[opts.format](
    { report, file, ...(fit ? { fit } : {}), ...(cv ? { cv } : {}) },
    renderContext(opts.output, io),
  );
  await emit(text, opts.output, io);

  for (const u of fit?.unidentified ?? [])
    io.stderr.write(`infercost: warning: ${u} was not fitted: no row in ${file} depends on it\n`);
  const median = report.summary.median_abs_error_pct;
  if (opts.failAbove !== undefined && median > opts.failAbove) {
    io.stderr.write(
      `infercost: median absolute error ${formatNumber(median, 3)}% is above --fail-above ${opts.failAbove}%\n`,
    );
    return EXIT_BUDGET;
  }
  return EXIT_OK;
};

/** A row that could not be evaluated, where it is: `file:line:column: id`, or the file alone when the id is the file (one imported run). */
function notEvaluable(where: string, id: string): string {
  return where === id ? singleLine(where) : `${singleLine(where)}: ${singleLine(id)}`;
}
