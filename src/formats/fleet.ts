/** `infercost fleet` renderers: the options side by side (table), JSON, CSV. */
import { formatSpan } from './range.js';
import { tableLook } from './table-style.js';
import type { FLEET_FORMATS, Renderers } from './choices.js';
import { elementAt } from '../core/at.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { AcceleratorBreakdown, FleetComparison, FleetOptionResult } from '../core/fleet-result.js';
import { toCsv, type Cell } from './csv.js';
import { formatNumber, formatPct, formatRatio, formatUsd } from './numbers.js';

const usdOrDash = (x: number | null) => (x === null ? '—' : formatUsd(x));
/** A preset name without its parenthesised detail: "Mistral Small 4 (Mistral-Small-4-119B-2603)" → "Mistral Small 4". */
export const shortName = (name: string) => name.replace(/\s*\(.*\)\s*$/, '') || name;

const BREAKDOWN_ROWS: readonly [keyof AcceleratorBreakdown, string][] = [
  ['averageLoad', '  busy at average load'],
  ['peak', '  + peak over average'],
  ['headroom', '  + utilisation headroom'],
  ['roundingUp', '  + whole replicas (rounding up)'],
  ['minimumReplicas', '  + minimum replicas'],
];

export function formatFleetTable(r: FleetComparison, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const look = tableLook(opts.color);
  const out: string[] = [c.bold(r.fleet.name)];
  const total = r.workloads.reduce((s, w) => s + w.requestsPerDay, 0);
  out.push(
    `  ${r.workloads.length} workload${r.workloads.length === 1 ? '' : 's'}, ${formatNumber(total, 4)} requests/day: ` +
      r.workloads.map((w) => `${w.name} ${formatNumber(w.requestsPerDay, 4)}`).join(', '),
  );
  out.push('');

  const side = new Table({
    ...look,
    head: ['', ...r.options.map((o) => o.name)],
    colAligns: ['left', ...r.options.map(() => 'right' as const)],
  });
  const row = (label: string, f: (o: FleetOptionResult) => string, bold = false) =>
    side.push([label, ...r.options.map((o) => (bold ? c.bold(f(o)) : f(o)))]);
  row('deployments', (o) => String(o.deployments.length));
  row('accelerators', (o) => String(o.accelerators), true);
  for (const [key, label] of BREAKDOWN_ROWS) row(c.dim(label), (o) => c.dim(formatNumber(o.breakdown[key], 3)));
  row('average utilisation', (o) => formatPct(o.averageUtilization));
  row('$/month', (o) => formatUsd(o.monthlyCostUsd), true);
  row('80% range', (o) => formatSpan(o.monthlyCostUsdRange.low, o.monthlyCostUsdRange.high));
  row('vs first option', (o) => formatRatio(o.monthlyCostVsFirst));
  row('$/query', (o) => usdOrDash(o.costPerQueryUsd), true);
  row('$/query at target utilisation', (o) => usdOrDash(o.costPerQueryAtTargetUsd));
  const autoscales = r.options.some((o) => o.autoscaledMonthlyCostUsd !== null);
  if (autoscales) row('$/month autoscaled', (o) => usdOrDash(o.autoscaledMonthlyCostUsd), true);
  out.push(side.toString());
  out.push(
    "  $/query: the monthly cost of the fleet, every replica running, over the month's requests.",
    '  At target utilisation: what a query would cost if every deployment ran at its utilisation target.',
    ...(autoscales
      ? [
          "  Autoscaled: deployments with serving.autoscaling follow their workloads' summed daily curve (replica-hours held); the others run all month.",
        ]
      : []),
    '',
  );

  out.push(
    c.bold('Cost per query by workload') + c.dim(" (each deployment's monthly cost shared by replica time used)"),
  );
  const byWorkload = new Table({
    ...look,
    head: ['workload', 'requests/day', 'in tokens', 'out tokens', ...r.options.map((o) => o.name)],
    colAligns: ['left', 'right', 'right', 'right', ...r.options.map(() => 'right' as const)],
  });
  r.workloads.forEach((w, i) =>
    byWorkload.push([
      w.name,
      formatNumber(w.requestsPerDay, 4),
      formatNumber(w.inputTokens, 4),
      formatNumber(w.outputTokens, 4),
      ...r.options.map((o) => usdOrDash(elementAt(o.workloads, i).costPerQueryUsd)),
    ]),
  );
  out.push(byWorkload.toString(), '');

  out.push(c.bold('Deployments'));
  const deployments = new Table({
    ...look,
    head: [
      'option',
      'deployment',
      'serves',
      'model',
      'hardware',
      'acc/replica',
      'replicas',
      'util.',
      '$/month',
      '$/query at target',
    ],
    colAligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const o of r.options)
    o.deployments.forEach((d, i) =>
      deployments.push([
        i === 0 ? o.name : '',
        d.name,
        d.serves.join(', '),
        shortName(d.model),
        shortName(d.hardware),
        String(d.acceleratorsPerReplica),
        d.replicas > d.replicasForPeak ? `${d.replicas} (min)` : String(d.replicas),
        formatPct(d.averageUtilization),
        formatUsd(d.monthlyCostUsd),
        formatUsd(d.costPerQueryAtTargetUsd),
      ]),
    );
  out.push(deployments.toString());
  const underLoad = r.options.flatMap((o) =>
    o.deployments.flatMap((d) => {
      const l = d.simulation.latency;
      if (l === null) return [];
      const ms = (x: number) => `${formatNumber(x * 1000, 4)} ms`;
      const good = l.goodput === null ? '' : `, goodput ${formatPct(l.goodput)}`;
      return [
        `  ${o.name} / ${d.name}: p50 / p99 TTFT ${ms(l.timeToFirstTokenS.p50)} / ${ms(l.timeToFirstTokenS.p99)}, TPOT ${ms(l.timePerOutputTokenS.p50)} / ${ms(l.timePerOutputTokenS.p99)}${good}`,
      ];
    }),
  );
  if (underLoad.length > 0)
    out.push('  Latency under load at the peak (simulated; serving.slo sizes the replicas):', ...underLoad);
  out.push(
    '  replicas: for the peak at the utilisation target, at least min_replicas ("(min)": the minimum binds).',
    '  accelerators per replica: of the sizes that fit, the one cheapest to run (--format json lists each).',
  );
  out.push('');
  out.push(c.bold('Assumed'));
  for (const a of r.assumptions) out.push(`  - ${a}`);
  return `${out.join('\n')}\n`;
}

export function formatFleetJson(r: FleetComparison, generator: string): string {
  return `${JSON.stringify({ ...r, generator }, null, 2)}\n`;
}

/**
 * One row per option, per deployment and per workload (`row` says which), so a
 * spreadsheet can filter; cells that do not apply to a row are empty.
 */
const p99Ms = (p: { readonly p99: number } | undefined) => (p === undefined ? null : p.p99 * 1000);

export function formatFleetCsv(r: FleetComparison): string {
  const header = [
    'option',
    'row',
    'name',
    'serves_or_served_by',
    'model',
    'hardware',
    'accelerators_per_replica',
    'replicas',
    'min_replicas',
    'accelerators',
    'requests_per_day',
    'average_utilization',
    'monthly_cost_usd',
    'cost_per_query_usd',
    'cost_per_query_at_target_utilization_usd',
    'monthly_cost_usd_low',
    'monthly_cost_usd_high',
    'autoscaled_monthly_cost_usd',
    'time_to_first_token_p99_ms',
    'time_per_output_token_p99_ms',
  ];
  const rows: Cell[][] = [];
  for (const o of r.options) {
    rows.push([
      o.name,
      'option',
      o.name,
      '',
      '',
      '',
      null,
      null,
      null,
      o.accelerators,
      o.requestsPerDay,
      o.averageUtilization,
      o.monthlyCostUsd,
      o.costPerQueryUsd,
      o.costPerQueryAtTargetUsd,
      o.monthlyCostUsdRange.low,
      o.monthlyCostUsdRange.high,
      o.autoscaledMonthlyCostUsd,
      null,
      null,
    ]);
    for (const d of o.deployments)
      rows.push([
        o.name,
        'deployment',
        d.name,
        d.serves.join(' '),
        d.model,
        d.hardware,
        d.acceleratorsPerReplica,
        d.replicas,
        d.minReplicas,
        d.accelerators,
        d.requestsPerDay,
        d.averageUtilization,
        d.monthlyCostUsd,
        d.costPerQueryUsd,
        d.costPerQueryAtTargetUsd,
        d.monthlyCostUsdRange.low,
        d.monthlyCostUsdRange.high,
        d.simulation.autoscaled?.monthlyCostUsd ?? null,
        p99Ms(d.simulation.latency?.timeToFirstTokenS),
        p99Ms(d.simulation.latency?.timePerOutputTokenS),
      ]);
    for (const w of o.workloads)
      rows.push([
        o.name,
        'workload',
        w.workload,
        w.deployment,
        '',
        '',
        null,
        null,
        null,
        null,
        w.requestsPerDay,
        null,
        w.monthlyCostUsd,
        w.costPerQueryUsd,
        w.costPerQueryAtTargetUsd,
        null,
        null,
        null,
        null,
        null,
      ]);
  }
  return toCsv(header, rows);
}

/** fleet's output in each of its formats. */
export const fleetRenderers: Renderers<typeof FLEET_FORMATS, FleetComparison> = {
  table: (r, ctx) => formatFleetTable(r, ctx),
  json: (r, { generator }) => formatFleetJson(r, generator),
  csv: (r) => formatFleetCsv(r),
};
