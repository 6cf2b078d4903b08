/**
 * `infercost calibrate` renderers: a table for people, one versioned JSON
 * document for tools, CSV for spreadsheets, and the fitted efficiency factors
 * as a YAML snippet for `serving.efficiency`.
 */
import { singleLine } from './text-safety.js';
import { tableLook } from './table-style.js';
import type { CALIBRATION_FORMATS, Renderers } from './choices.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CalibrationReport, CalibrationSummary } from '../calibration/evaluate.js';
import type { FitResult } from '../calibration/fit.js';
import { MIN_ROWS, type CrossValidation } from '../calibration/cross-validate.js';
import type { ErrorStats } from '../calibration/stats.js';
import { EfficiencySchema, type Efficiency } from '../scenario/schema.js';
import { toCsv } from './csv.js';
import { formatNumber } from './numbers.js';

/** The efficiency factors in the order the scenario file documents them. */
const EFFICIENCY_KEYS = Object.keys(EfficiencySchema.shape) as readonly (keyof Efficiency)[];

const pct = (x: number) => (Number.isFinite(x) ? `${formatNumber(x, 3)}%` : '—');
const signedPct = (x: number) => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${formatNumber(x, 3)}%` : '—');

export function formatEfficiency(e: Efficiency): string {
  return EFFICIENCY_KEYS.map((k) => `${k} ${e[k]}`).join(' · ');
}

function statsRow(label: string, s: ErrorStats): string[] {
  return [label, String(s.rows), pct(s.median_abs_error_pct), pct(s.p90_abs_error_pct), signedPct(s.mean_error_pct)];
}

function summaryTable(s: CalibrationSummary, color: boolean): string {
  const t = new Table({
    ...tableLook(color),
    head: ['|error|', 'rows', 'median', 'p90', 'mean signed'],
    colAligns: ['left', 'right', 'right', 'right', 'right'],
  });
  t.push(statsRow('overall', s));
  for (const [k, v] of Object.entries(s.by_family)) t.push(statsRow(`family ${k}`, v));
  for (const [k, v] of Object.entries(s.by_accelerator)) t.push(statsRow(`accelerator ${k}`, v));
  for (const [k, v] of Object.entries(s.by_scenario)) t.push(statsRow(`scenario ${k}`, v));
  for (const [k, v] of Object.entries(s.by_regime)) t.push(statsRow(k, v));
  return t.toString();
}

export interface CalibrationTableOptions {
  readonly color: boolean;
  readonly file: string;
  readonly fit?: FitResult;
  /** The fit's error on rows it was not fitted to (absent: no fit, or too few rows). */
  readonly cv?: CrossValidation;
}

export function formatCalibrationTable(r: CalibrationReport, opts: CalibrationTableOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  const s = r.summary;
  out.push(
    c.bold(
      `infercost calibrate ${opts.file}: ${s.rows_evaluated} row${s.rows_evaluated === 1 ? '' : 's'} evaluated, ${s.rows_not_evaluable} not evaluable`,
    ),
  );
  out.push(`  efficiency${opts.fit ? ' (fitted)' : ''}: ${formatEfficiency(r.efficiency)}`);
  const t = new Table({
    ...tableLook(opts.color),
    head: ['id', 'scenario', 'accelerator', 'measured', 'predicted', 'error', 'bound', 'replica × batch'],
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'left', 'right'],
  });
  for (const row of r.rows) {
    const err = signedPct(row.error_pct);
    const paint = Math.abs(row.error_pct) <= 15 ? (x: string) => x : Math.abs(row.error_pct) <= 40 ? c.yellow : c.red;
    t.push([
      // The file's own text, escaped before the table measures and colours it.
      singleLine(row.id),
      row.scenario,
      singleLine(`${row.accelerators} × ${row.accelerator}`),
      formatNumber(row.measured_tokens_per_s, 4),
      formatNumber(row.predicted_tokens_per_s, 4),
      paint(err),
      row.bound,
      `${row.accelerators_per_replica} × ${formatNumber(row.batch, 4)} (${row.batch_limited_by})`,
    ]);
  }
  out.push(t.toString());
  out.push(
    '  measured / predicted: tokens/s per accelerator (generated tokens; prompt tokens for fixed-batch-prefill). error = (predicted − measured) / measured.',
  );
  if (r.not_evaluable.length > 0) {
    out.push('');
    out.push(c.bold(`Not evaluable (${r.not_evaluable.length}, excluded from the summary):`));
    for (const n of r.not_evaluable) out.push(`  ${n.id}: ${n.reason}`);
  }
  const assumed = new Map<string, number>();
  for (const row of r.rows) for (const a of row.assumptions) assumed.set(a, (assumed.get(a) ?? 0) + 1);
  if (assumed.size > 0) {
    out.push('');
    out.push(c.bold('Assumed where rows are silent (rows):'));
    for (const [a, n] of assumed) out.push(`  ${a} (${n})`);
  }
  out.push('');
  if (opts.fit) {
    const f = opts.fit;
    out.push(c.bold(`Before the fit (${formatEfficiency(f.start)}):`));
    out.push(summaryTable(f.before, opts.color));
    out.push(c.bold('After the fit:'));
    out.push(summaryTable(f.after, opts.color));
    out.push('');
    out.push(formatFitYaml(f, opts.file, opts.cv));
  } else {
    out.push(c.bold('Error summary:'));
    out.push(summaryTable(s, opts.color));
  }
  return `${out.join('\n')}\n`;
}

/** The cross-validated error in words, for the snippet's header. */
function cvLine(cv: CrossValidation | undefined): string {
  if (cv === undefined) return `# not cross-validated: fewer than ${MIN_ROWS} rows (the error above is in-sample only)`;
  const how = cv.by === 'source' ? `${cv.folds} folds of whole sources` : `${cv.folds} folds of rows`;
  return `# cross-validated (${how}, each fold predicted by a fit on the others): median |error| ${pct(cv.median_abs_error_pct)}, p90 ${pct(cv.p90_abs_error_pct)}: the error to expect on rows it was not fitted to`;
}

/** The fitted factors as a `serving.efficiency` block to paste into a scenario. */
export function formatFitYaml(f: FitResult, file: string, cv?: CrossValidation): string {
  const e = f.efficiency;
  const note = (k: (typeof EFFICIENCY_KEYS)[number]) => {
    const bound = f.atBound.find((b) => b.parameter === k);
    if (bound !== undefined)
      return `  # fitted, at its ${bound.bound === 'min' ? 'lower' : 'upper'} bound: the rows push it further (something the model lacks?)`;
    if (f.fitted.includes(k as never)) return '  # fitted';
    if (f.unidentified.includes(k as never)) return '  # not fitted: no row depends on it';
    const open = f.undetermined.find((u) => u.parameter === k);
    return open === undefined ? '' : `  # not determined by these rows, kept: needs ${open.needs}`;
  };
  const lines = [
    `# serving.efficiency fitted by \`infercost calibrate --fit\` on ${file} (${f.rows} rows):`,
    `# minimises the mean |ln(predicted / measured)|: ${f.objectiveBefore.toFixed(4)} -> ${f.objectiveAfter.toFixed(4)}`,
    `# median |error| ${pct(f.before.median_abs_error_pct)} -> ${pct(f.after.median_abs_error_pct)}, p90 ${pct(f.before.p90_abs_error_pct)} -> ${pct(f.after.p90_abs_error_pct)}` +
      (f.after.median_abs_error_pct > f.before.median_abs_error_pct
        ? ' (the median rose: the fit trades it for a lower error over all rows)'
        : ''),
    cvLine(cv),
    'serving:',
    '  efficiency:',
    ...EFFICIENCY_KEYS.map((k) => `    ${k}: ${e[k]}${note(k)}`),
  ];
  return `${lines.join('\n')}\n`;
}

export interface CalibrationJson extends CalibrationReport {
  readonly generator: string;
  readonly file: string;
  readonly fit?: {
    readonly fitted: readonly string[];
    readonly unidentified: readonly string[];
    readonly undetermined: FitResult['undetermined'];
    readonly at_bound: FitResult['atBound'];
    /** null: too few rows to cross-validate. */
    readonly cross_validated: CrossValidation | null;
    readonly efficiency: Efficiency;
    readonly start: Efficiency;
    readonly mean_abs_log_error_before: number;
    readonly mean_abs_log_error_after: number;
    readonly before: CalibrationSummary;
    readonly after: CalibrationSummary;
    readonly yaml: string;
  };
}

export function formatCalibrationJson(
  r: CalibrationReport,
  generator: string,
  file: string,
  fit?: FitResult,
  cv?: CrossValidation,
): string {
  const doc: CalibrationJson = {
    schemaVersion: r.schemaVersion,
    generator,
    file,
    efficiency: r.efficiency,
    rows: r.rows,
    not_evaluable: r.not_evaluable,
    summary: r.summary,
    ...(fit === undefined
      ? {}
      : {
          fit: {
            fitted: fit.fitted,
            unidentified: fit.unidentified,
            undetermined: fit.undetermined,
            at_bound: fit.atBound,
            cross_validated: cv ?? null,
            efficiency: fit.efficiency,
            start: fit.start,
            mean_abs_log_error_before: fit.objectiveBefore,
            mean_abs_log_error_after: fit.objectiveAfter,
            before: fit.before,
            after: fit.after,
            yaml: formatFitYaml(fit, file, cv),
          },
        }),
  };
  return `${JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** One line per row, evaluable or not (then with its reason). */
export function formatCalibrationCsv(r: CalibrationReport): string {
  const header = [
    'id',
    'model',
    'model_preset',
    'family',
    'accelerator',
    'scenario',
    'metric',
    'accelerators',
    'accelerators_per_replica',
    'batch',
    'batch_limited_by',
    'input_tokens',
    'output_tokens',
    'measured_tokens_per_s',
    'predicted_tokens_per_s',
    'error_pct',
    'bound',
    'evaluable',
    'reason',
  ];
  const rows = r.rows.map((x) => [
    x.id,
    x.model,
    x.model_preset,
    x.family,
    x.accelerator,
    x.scenario,
    x.metric,
    x.accelerators,
    x.accelerators_per_replica,
    x.batch,
    x.batch_limited_by,
    x.input_tokens,
    x.output_tokens,
    x.measured_tokens_per_s,
    x.predicted_tokens_per_s,
    x.error_pct,
    x.bound,
    true,
    '',
  ]);
  const skipped = r.not_evaluable.map((n) => [n.id, ...new Array<string>(header.length - 3).fill(''), false, n.reason]);
  return toCsv(header, [...rows, ...skipped]);
}

/** A calibration report, the files it read (`a.yaml + b.yaml`) and the fit, when one was asked for. */
export interface CalibrationOutput {
  readonly report: CalibrationReport;
  readonly file: string;
  readonly fit?: FitResult;
  /** The fit's error on rows it was not fitted to (absent: no fit, or too few rows). */
  readonly cv?: CrossValidation;
}

/** calibrate's output in each of its formats. */
export const calibrationRenderers: Renderers<typeof CALIBRATION_FORMATS, CalibrationOutput> = {
  table: ({ report, file, fit, cv }, { color }) =>
    formatCalibrationTable(report, { color, file, ...(fit ? { fit } : {}), ...(cv ? { cv } : {}) }),
  json: ({ report, file, fit, cv }, { generator }) => formatCalibrationJson(report, generator, file, fit, cv),
  csv: ({ report }) => formatCalibrationCsv(report),
};
