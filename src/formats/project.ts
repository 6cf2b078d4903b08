/** `infercost project` renderers: a table by period, JSON and CSV by month. */
import { formatSpan } from './range.js';
import { tableLook } from './table-style.js';
import type { PROJECTION_FORMATS, Renderers } from './choices.js';
import { elementAt } from '../core/at.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { singleLine } from './text-safety.js';
import type { Projection, ProjectionChange, ProjectionMonth } from '../core/project.js';
import { toCsv } from './csv.js';
import { shortName } from './fleet.js';
import { formatPct, formatRatio, formatUsd } from './numbers.js';

const usdOrDash = (x: number | null) => (x === null ? '—' : formatUsd(x));

/** A change as a phrase; `name` shortens hardware names (the table) or not (CSV). */
export function describeChange(c: ProjectionChange, name: (s: string) => string = (s) => s): string {
  switch (c.kind) {
    case 'start':
      return c.hardware === null ? 'no hardware can run the scenario' : `start on ${name(c.hardware)}`;
    case 'available':
      return `${name(c.hardware)} available`;
    case 'withdrawn':
      return `${name(c.hardware)} withdrawn`;
    case 'software':
      return `${c.name} starts`;
    case 'switch':
      return c.hardware === null ? 'no hardware can run the scenario' : `switch to ${name(c.hardware)}`;
  }
}

/** Consecutive months with the same hardware, software and cost, as one period. */
export function periodsOf(months: readonly ProjectionMonth[]): ProjectionMonth[][] {
  const periods: ProjectionMonth[][] = [];
  for (const m of months) {
    const current = periods[periods.length - 1];
    const last = current?.[current.length - 1];
    const same =
      last !== undefined &&
      last.hardware === m.hardware &&
      last.compression === m.compression &&
      last.extraFactors.join('\u0000') === m.extraFactors.join('\u0000') &&
      last.costPerQueryUsd === m.costPerQueryUsd &&
      m.changes.length === 0;
    if (same && current !== undefined) current.push(m);
    else periods.push([m]);
  }
  return periods;
}

export function formatProjectionTable(p: Projection, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [
    c.bold(`Projection: ${p.scenario.name}`),
    `  ${p.start} to ${p.end} (${p.months.length} month${p.months.length === 1 ? '' : 's'}) along ${p.roadmap.name}`,
    '',
  ];
  const t = new Table({
    ...tableLook(opts.color),
    head: [
      'period',
      'hardware',
      '$/acc-h',
      'acc/replica',
      'compression',
      '$/query',
      'vs start',
      '$/month',
      'what changed',
    ],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const period of periodsOf(p.months)) {
    const first = elementAt(period, 0);
    const last = elementAt(period, period.length - 1);
    t.push([
      period.length === 1 ? first.month : `${first.month} – ${last.month}`,
      first.hardware === null
        ? c.red('none feasible')
        : `${shortName(first.hardware)}${first.hardwareFromScenario ? " (scenario's)" : ''}`,
      usdOrDash(first.priceUsdPerHour),
      first.acceleratorsPerReplica === null ? '—' : String(first.acceleratorsPerReplica),
      formatPct(first.compression),
      c.bold(usdOrDash(first.costPerQueryUsd)),
      formatRatio(first.costVsStart),
      usdOrDash(first.monthlyCostUsd),
      // Names from the roadmap file, on one line and escaped before the table measures and colours them.
      singleLine(first.changes.map((ch) => describeChange(ch, shortName)).join('; ')),
    ]);
  }
  out.push(t.toString());
  const s = p.summary;
  out.push(
    `  $/query ${usdOrDash(s.startCostPerQueryUsd)} in ${p.start} → ${usdOrDash(s.endCostPerQueryUsd)} in ${p.end} (${formatRatio(s.endVsStart)}); ` +
      `over the ${p.months.length} months ${formatUsd(s.totalCostUsd)} at the utilisation target, ${formatUsd(s.totalProvisionedCostUsd)} for the fleet provisioned for the peak.`,
  );
  const end = elementAt(p.months, p.months.length - 1).costPerQueryUsdRange;
  if (end !== null)
    out.push(
      `  80% range in ${p.end}: ${formatSpan(end.low, end.high)}/query (the calculator's measured error on deployments like it).`,
    );
  if (s.scenarioCostPerQueryUsd !== null)
    out.push(
      `  The scenario as written (its own hardware, \`infercost simulate\`): ${formatUsd(s.scenarioCostPerQueryUsd)}/query; ${p.end} is ${formatRatio(s.endVsScenario)} of that.`,
    );
  out.push("  $/month: cost per query × the month's requests. --format json lists every hardware tried each month.");
  const extras = [...new Set(p.months.flatMap((m) => m.extraFactors))];
  if (extras.length > 0) out.push(`  Extra factors (assumptions, not modelled): ${extras.join(', ')}.`);
  out.push('', c.bold('Roadmap sources'));
  for (const e of p.sources)
    out.push(
      `  ${e.kind === 'hardware' ? 'hardware' : 'software'} ${e.name}, from ${e.from}${e.until ? ` until ${e.until}` : ''}: ${c.dim(e.source.trim())}`,
    );
  out.push('', c.bold('Assumed'));
  for (const a of p.assumptions) out.push(`  - ${a}`);
  return `${out.join('\n')}\n`;
}

export function formatProjectionJson(p: Projection, generator: string): string {
  return `${JSON.stringify({ ...p, generator }, null, 2)}\n`;
}

/** One row per month; units in the column names; numbers in plain decimal. */
export function formatProjectionCsv(p: Projection): string {
  return toCsv(
    [
      'month',
      'hardware',
      'price_usd_per_hour',
      'accelerators_per_replica',
      'compression',
      'extra_factors',
      'cost_per_query_usd',
      'cost_per_million_output_tokens_usd',
      'monthly_cost_usd',
      'fleet_accelerators',
      'provisioned_monthly_cost_usd',
      'cost_vs_start',
      'changes',
      'cost_per_query_usd_low',
      'cost_per_query_usd_high',
    ],
    p.months.map((m) => [
      m.month,
      m.hardware,
      m.priceUsdPerHour,
      m.acceleratorsPerReplica,
      m.compression,
      m.extraFactors.join('; '),
      m.costPerQueryUsd,
      m.costPerMillionOutputTokensUsd,
      m.monthlyCostUsd,
      m.fleetAccelerators,
      m.provisionedMonthlyCostUsd,
      m.costVsStart,
      m.changes.map((ch) => describeChange(ch)).join('; '),
      m.costPerQueryUsdRange?.low ?? null,
      m.costPerQueryUsdRange?.high ?? null,
    ]),
  );
}

/** project's output in each of its formats. */
export const projectionRenderers: Renderers<typeof PROJECTION_FORMATS, Projection> = {
  table: (p, ctx) => formatProjectionTable(p, ctx),
  json: (p, { generator }) => formatProjectionJson(p, generator),
  csv: (p) => formatProjectionCsv(p),
};
