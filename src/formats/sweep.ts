/**
 * sweep's output in each of its formats. CSV and JSON Lines are streamed a
 * row at a time (a million-point grid never sits in memory); the HTML report
 * is one document over the points kept for its charts.
 */
import type { SweepExtras, SweepMetrics, SweepRow } from '../core/sweep.js';
import type { Axis } from '../scenario/vary.js';
import type { SWEEP_FORMATS } from './choices.js';
import { csvCell, csvRow, type Cell } from './csv.js';
import type { SweepPoint } from './html/reports.js';
import type { RowBytes } from './row-bytes.js';
import { terminalText } from './text-safety.js';

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

/**
 * A streamed format: its header (may be empty) and each row, for one grid's
 * axes. A row is written as UTF-8 into `out`, already through terminalText
 * (what the sinks do to text: cli/sink.ts), so its bytes go out as they are.
 */
export interface SweepRows {
  readonly kind: 'rows';
  start(
    axes: readonly Pick<Axis, 'path' | 'values'>[],
    extras: SweepExtras,
  ): { readonly header: string; row(r: SweepRow, out: RowBytes): void };
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
    const columns = columnsOf(extras).map(([, k]) => k);
    // Each axis value's cell and its comma, made safe and encoded once: rows only copy them. terminalText
    // cell by cell is terminalText of the row: a cell never starts with a carriage return (csvCell quotes
    // and defuses one), so none passes here that would not in the row, and the numbers need none.
    const encoder = new TextEncoder();
    const cells = axes.map((a) => a.values.map((v) => encoder.encode(`${terminalText(csvCell(v as Cell))},`)));
    return {
      header: csvRow([...axes.map((a) => a.path), ...columnsOf(extras).map(([name]) => name), 'error']),
      row(r, out) {
        for (let i = 0; i < cells.length; i++)
          out.bytes((cells[i] as readonly Uint8Array[])[r.at[i] as number] as Uint8Array);
        const m = r.metrics;
        for (let c = 0; c < columns.length; c++) {
          if (m !== null) {
            const v = m[columns[c] as keyof SweepMetrics];
            if (v !== null) out.decimal(v);
          }
          out.ascii(COMMA);
        }
        if (r.error !== null) out.text(terminalText(csvCell(r.error)));
        out.ascii(CR);
        out.ascii(LF);
      },
    };
  },
};

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

const jsonl: SweepRows = {
  kind: 'rows',
  start(axes, extras) {
    const columns = columnsOf(extras);
    return {
      header: '',
      row(r, out) {
        const obj: Record<string, unknown> = {};
        axes.forEach((a, i) => (obj[a.path] = a.values[r.at[i] as number]));
        for (const [name, k] of columns) obj[name] = r.metrics?.[k] ?? null;
        obj.error = r.error;
        out.text(terminalText(`${JSON.stringify(obj)}\n`));
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
