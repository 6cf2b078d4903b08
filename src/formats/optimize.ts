/**
 * `infercost optimize` renderers: the winner, the runners-up that differ in
 * one choice (and why each lost), the cost/TPOT frontier (table); the whole
 * search (JSON); every configuration evaluated (CSV); the frontier drawn
 * (HTML).
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Feasible, OptimizeResult, RunnerUp, WhyDearer } from '../core/optimize.js';
import { PART_LABELS } from './breakdown.js';
import type { OPTIMIZATION_FORMATS, Renderers } from './choices.js';
import { toCsv } from './csv.js';
import { formatNumber, formatSeconds, formatUsd } from './numbers.js';
import { formatSpan } from './range.js';
import { tableLook } from './table-style.js';

export const OPTIMIZE_SCHEMA_VERSION = 1;

const basisWords = (r: OptimizeResult) =>
  r.basis === 'provisioned'
    ? 'cost per query of the fleet provisioned for the peak (whole replicas)'
    : 'cost per query at the utilisation target';

export function searchedLine(r: OptimizeResult): string {
  return (
    `searched ${formatNumber(r.space, 6)} configurations: ${formatNumber(r.evaluated, 6)} evaluated, ` +
    `${formatNumber(r.pruned, 6)} pruned (a larger max batch once it no longer binds, or a configuration that cannot run), ` +
    `${formatNumber(r.feasible, 6)} meet every target and budget`
  );
}

/** Why a runner-up lost, in words: its choice, then what moved. */
export function whyWords(w: WhyDearer): string {
  const facts: string[] = [];
  if (w.batch !== null) facts.push(`batch ${w.batch.to} instead of ${w.batch.from} (limited by ${w.batch.limitedBy})`);
  if (w.decodePerToken !== null) {
    const d = w.decodePerToken;
    facts.push(
      `decode ${formatSeconds(d.to)} of replica time per output token instead of ${formatSeconds(d.from)} (${PART_LABELS[d.part]} ${d.deltaS >= 0 ? '+' : '−'}${formatSeconds(Math.abs(d.deltaS))})`,
    );
  }
  if (w.fleetAccelerators !== null)
    facts.push(`${w.fleetAccelerators.to} accelerators in the fleet instead of ${w.fleetAccelerators.from}`);
  return `${w.choice.to} instead of ${w.choice.from}${facts.length > 0 ? `: ${facts.slice(0, 2).join('; ')}` : ''}`;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${formatNumber(x * 100, 3)}%`;

function winnerLines(w: Feasible, r: OptimizeResult): string[] {
  const u = w.result.uncertainty;
  return [
    `  ${w.label}`,
    `  ${formatUsd(w.costPerQueryUsd)}/query (${r.basis}; ${formatUsd(w.costAtTargetUsd)} at the utilisation target), ` +
      `80% range ${formatSpan(w.costPerQueryUsd * u.low, w.costPerQueryUsd * u.high)}; ` +
      `TPOT ${formatSeconds(w.timePerOutputTokenS)}, TTFT ${formatSeconds(w.timeToFirstTokenS)}, batch ${w.batch}, ` +
      `${w.result.fleet.accelerators} accelerators for the peak`,
  ];
}

export function formatOptimizeTable(r: OptimizeResult, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const look = tableLook(opts.color);
  const out: string[] = [c.bold(`Cheapest configuration: ${r.scenario}`)];
  out.push(`  ${searchedLine(r)}`, `  ranked by ${basisWords(r)}`, '');
  const w = r.winner;
  if (w === null) {
    out.push('  nothing meets the targets');
    return `${out.join('\n')}\n`;
  }
  out.push(c.bold('Winner'), ...winnerLines(w, r), '');
  if (r.runnersUp.length > 0) {
    out.push(c.bold('Runners-up') + c.dim(' (one choice changed; why each costs more)'));
    const t = new Table({
      ...look,
      head: ['choice', '$/query', 'vs winner', 'TPOT', 'why'],
      colAligns: ['left', 'right', 'right', 'right', 'left'],
      wordWrap: true,
      colWidths: [16, 11, 11, 10, 70],
    });
    for (const u of r.runnersUp) t.push(runnerRow(u));
    out.push(t.toString(), '');
  }
  out.push(
    c.bold('Frontier') + c.dim(': cost per query against time per output token (no configuration beats these on both)'),
  );
  const f = new Table({
    ...look,
    head: ['TPOT', '$/query', 'batch', 'configuration'],
    colAligns: ['right', 'right', 'right', 'left'],
  });
  for (const p of r.frontier)
    f.push([formatSeconds(p.timePerOutputTokenS), formatUsd(p.costPerQueryUsd), String(p.batch), p.label]);
  out.push(f.toString());
  out.push(
    '  Figures carry the calculator\'s error (README "Accuracy"): a winner by less than its 80% range over a runner-up is a tie.',
  );
  return `${out.join('\n')}\n`;
}

function runnerRow(u: RunnerUp): string[] {
  return [
    u.dimension,
    formatUsd(u.candidate.costPerQueryUsd),
    pct(u.overWinner),
    formatSeconds(u.candidate.timePerOutputTokenS),
    whyWords(u.why),
  ];
}

/** A configuration's figures for JSON and CSV (its full simulation only for the winner). */
function summary(e: Feasible) {
  return {
    label: e.label,
    configuration: e.configuration,
    costPerQueryUsd: e.costPerQueryUsd,
    costAtTargetUsd: e.costAtTargetUsd,
    provisionedCostPerQueryUsd: e.provisionedCostPerQueryUsd,
    timePerOutputTokenS: e.timePerOutputTokenS,
    timeToFirstTokenS: e.timeToFirstTokenS,
    acceleratorsPerReplica: e.acceleratorsPerReplica,
    parallelism: e.parallelismLabel,
    batch: e.batch,
  };
}

export function formatOptimizeJson(r: OptimizeResult, generator: string): string {
  const doc = {
    schemaVersion: OPTIMIZE_SCHEMA_VERSION,
    generator,
    scenario: r.scenario,
    basis: r.basis,
    space: r.space,
    evaluated: r.evaluated,
    pruned: r.pruned,
    feasible: r.feasible,
    searched: r.searched,
    winner: r.winner === null ? null : { ...summary(r.winner), result: r.winner.result },
    runnersUp: r.runnersUp.map((u) => ({
      dimension: u.dimension,
      overWinner: u.overWinner,
      why: u.why,
      whyWords: whyWords(u.why),
      ...summary(u.candidate),
    })),
    frontier: r.frontier.map(summary),
    closest: r.closest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Every configuration evaluated, one row each: the choices, the figures, or why it cannot run. */
export function formatOptimizeCsv(r: OptimizeResult): string {
  const winner = r.winner?.label;
  const frontier = new Set(r.frontier.map((f) => f.label));
  return toCsv(
    [
      'hardware',
      'precision',
      'accelerators_per_replica',
      'parallelism',
      'max_batch',
      'disaggregated',
      'draft_tokens',
      'feasible',
      'cost_per_query_usd',
      'cost_at_target_usd',
      'time_per_output_token_s',
      'time_to_first_token_s',
      'batch',
      'winner',
      'frontier',
      'reason',
    ],
    r.all.map((e) => {
      const c = e.configuration;
      return e.ok
        ? [
            c.hardwareId,
            c.precision,
            e.acceleratorsPerReplica,
            e.parallelismLabel,
            c.maxBatch,
            c.disaggregated,
            c.draftTokens,
            e.withinBudget,
            e.costPerQueryUsd,
            e.costAtTargetUsd,
            e.timePerOutputTokenS,
            e.timeToFirstTokenS,
            e.batch,
            e.label === winner,
            frontier.has(e.label),
            e.withinBudget ? '' : 'a budget is breached',
          ]
        : [
            c.hardwareId,
            c.precision,
            c.replica?.accelerators ?? null,
            null,
            c.maxBatch,
            c.disaggregated,
            c.draftTokens,
            false,
            null,
            null,
            null,
            null,
            null,
            false,
            false,
            e.reason,
          ];
    }),
  );
}

export async function formatOptimizeHtml(r: OptimizeResult, generator: string): Promise<string> {
  const [{ page, table, esc }, { vegaFigure }] = await Promise.all([
    import('./html/page.js'),
    import('./html/vega.js'),
  ]);
  const points = r.all
    .filter((e): e is Feasible => e.ok && e.withinBudget)
    .map((e) => ({
      tpotMs: e.timePerOutputTokenS * 1000,
      cost: e.costPerQueryUsd,
      hardware: e.configuration.hardwareId,
      label: e.label,
    }));
  const line = r.frontier.map((e) => ({ tpotMs: e.timePerOutputTokenS * 1000, cost: e.costPerQueryUsd }));
  const chart =
    points.length === 0
      ? ''
      : await vegaFigure('Cost per query against time per output token; the line is the frontier', {
          width: 560,
          height: 340,
          layer: [
            {
              data: { values: points },
              mark: { type: 'point', filled: true, opacity: 0.5 },
              encoding: {
                x: {
                  field: 'tpotMs',
                  type: 'quantitative',
                  title: 'time per output token, ms',
                  scale: { type: 'log' },
                },
                y: { field: 'cost', type: 'quantitative', title: 'USD per query', scale: { type: 'log' } },
                color: { field: 'hardware', type: 'nominal', title: 'accelerator' },
              },
            },
            {
              data: { values: line },
              mark: { type: 'line', color: '#111', point: true },
              encoding: { x: { field: 'tpotMs', type: 'quantitative' }, y: { field: 'cost', type: 'quantitative' } },
            },
          ],
        });
  const w = r.winner;
  const body = `<h1>Cheapest configuration: ${esc(r.scenario)}</h1>
<p class="meta">${esc(searchedLine(r))}; ranked by ${esc(basisWords(r))}</p>
${w === null ? '<p>Nothing meets the targets.</p>' : `<h2>Winner</h2><p>${esc(winnerLines(w, r).join(' ').trim())}</p>`}
${r.runnersUp.length === 0 ? '' : `<h2>Runners-up</h2>${table(['choice', '$/query', 'vs winner', 'TPOT', 'why'], r.runnersUp.map(runnerRow))}`}
<h2>Frontier</h2>
${chart}
${table(
  ['TPOT', '$/query', 'batch', 'configuration'],
  r.frontier.map((p) => [formatSeconds(p.timePerOutputTokenS), formatUsd(p.costPerQueryUsd), String(p.batch), p.label]),
)}`;
  return page('infercost optimize', body, generator);
}

export const optimizeRenderers: Renderers<typeof OPTIMIZATION_FORMATS, OptimizeResult> = {
  table: (r, ctx) => formatOptimizeTable(r, ctx),
  json: (r, ctx) => formatOptimizeJson(r, ctx.generator),
  csv: (r) => formatOptimizeCsv(r),
  html: (r, ctx) => formatOptimizeHtml(r, ctx.generator),
};
