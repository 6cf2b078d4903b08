/**
 * sweep's output in each of its formats. CSV and JSON Lines are streamed a
 * row at a time (a million-point grid never sits in memory); the HTML report
 * is one document over the points kept for its charts.
 */
import type { SweepExtras, SweepMetrics, SweepRow } from '../core/sweep.js';
import type { Axis } from '../scenario/vary.js';
import type { SWEEP_FORMATS } from './choices.js';
import { csvCell, csvRow, plainDecimal, type Cell } from './csv.js';
import type { SweepPoint } from './html/reports.js';

/** The metric columns of a row, in order: column name and the metric it shows. */
const METRIC_COLUMNS: readonly [string, keyof SweepMetrics][] = [
  ['cost_per_query_usd', 'costPerQueryUsd'],
  ['cost_per_million_output_tokens_usd', 'costPerMillionOutputTokensUsd'],
  ['cost_per_million_tokens_usd', 'costPerMillionTokensUsd'],
  ['time_to_first_token_s', 'timeToFirstTokenS'],
  ['time_per_output_token_s', 'timePerOutputTokenS'],
  ['output_tokens_per_s_per_accelerator', 'outputTokensPerSPerAccelerator'],
  ['accelerators_per_replica', 'acceleratorsPerReplica'],
  ['batch', 'batch'],
  ['replicas', 'replicas'],
  ['accelerators', 'accelerators'],
  ['provisioned_monthly_cost_usd', 'provisionedMonthlyCostUsd'],
  ['provisioned_cost_per_query_usd', 'provisionedCostPerQueryUsd'],
  // The 80% range of the cost per query, after the columns that came before it.
  ['cost_per_query_usd_low', 'costPerQueryUsdLow'],
  ['cost_per_query_usd_high', 'costPerQueryUsdHigh'],
];
/** Columns after those, when the sweep asks for percentiles under load. */
const LATENCY_COLUMNS: readonly [string, keyof SweepMetrics][] = [
  ['time_to_first_token_p50_s', 'timeToFirstTokenP50S'],
  ['time_to_first_token_p99_s', 'timeToFirstTokenP99S'],
  ['time_per_output_token_p99_s', 'timePerOutputTokenP99S'],
  ['end_to_end_p99_s', 'endToEndP99S'],
  ['goodput', 'goodput'],
];
/** And when it autoscales. */
const AUTOSCALED_COLUMNS: readonly [string, keyof SweepMetrics][] = [
  ['autoscaled_monthly_cost_usd', 'autoscaledMonthlyCostUsd'],
];

function columnsOf(extras: SweepExtras): readonly [string, keyof SweepMetrics][] {
  return [
    ...METRIC_COLUMNS,
    ...(extras.latency ? LATENCY_COLUMNS : []),
    ...(extras.autoscaled ? AUTOSCALED_COLUMNS : []),
  ];
}

/** A streamed format: its header (may be empty) and the text of each row, for one grid's axes. */
export interface SweepRows {
  readonly kind: 'rows';
  start(
    axes: readonly Pick<Axis, 'path' | 'values'>[],
    extras: SweepExtras,
  ): { readonly header: string; row(r: SweepRow): string };
}

/** A format written once at the end, from the points kept. */
export interface SweepDocument {
  readonly kind: 'document';
  render(
    axes: readonly Axis[],
    points: readonly SweepPoint[],
    generator: string,
    note: string,
    provisionedMoves: boolean,
  ): Promise<string>;
}

const csv: SweepRows = {
  kind: 'rows',
  start(axes, extras) {
    const columns = columnsOf(extras);
    // The CSV text of every axis value, computed once: rows only join them.
    const cells = axes.map((a) => a.values.map((v) => csvCell(v as Cell)));
    return {
      header: csvRow([...axes.map((a) => a.path), ...columns.map(([name]) => name), 'error']),
      row(r) {
        let line = '';
        for (let i = 0; i < cells.length; i++) line += `${(cells[i] as readonly string[])[r.at[i] as number]},`;
        const m = r.metrics;
        for (const [, k] of columns) {
          const v = m === null ? null : m[k];
          line += `${v === null ? '' : plainDecimal(v)},`;
        }
        return `${line}${r.error === null ? '' : csvCell(r.error)}\r\n`;
      },
    };
  },
};

const jsonl: SweepRows = {
  kind: 'rows',
  start(axes, extras) {
    const columns = columnsOf(extras);
    return {
      header: '',
      row(r) {
        const obj: Record<string, unknown> = {};
        axes.forEach((a, i) => (obj[a.path] = a.values[r.at[i] as number]));
        for (const [name, k] of columns) obj[name] = r.metrics?.[k] ?? null;
        obj.error = r.error;
        return `${JSON.stringify(obj)}\n`;
      },
    };
  },
};

const html: SweepDocument = {
  kind: 'document',
  render: async (axes, points, generator, note, provisionedMoves) =>
    (await import('./html/reports.js')).sweepHtml(axes, points, generator, note, provisionedMoves),
};

export const sweepWriters: { readonly [F in (typeof SWEEP_FORMATS)[number]]: SweepRows | SweepDocument } = {
  csv,
  jsonl,
  html,
};
