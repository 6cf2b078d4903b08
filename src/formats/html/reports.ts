/** The HTML reports of simulate, explain, compare and sweep. */
import type { Comparison } from '../../core/compare.js';
import type { ExplainResult } from '../../core/explain.js';
import type { SimulationResult } from '../../core/result.js';
import { formatBreakdown } from '../breakdown.js';
import { formatRatio } from '../explain.js';
import { formatNumber, formatPct, formatSeconds, formatUsd } from '../numbers.js';
import { barChart, heatMap, lineChart, short, waterfallChart, type Series } from './charts.js';
import { esc, page, table } from './page.js';

function waterfallSection(e: ExplainResult): string {
  const chart = waterfallChart(
    `Cost per query from the baseline to the scenario, one factor at a time (green: saving). Naive product of headline ratios ${formatRatio(e.naiveCompoundRatio)}; modelled ${formatRatio(e.modelledCompoundRatio)}.`,
    {
      label: 'baseline',
      value: e.baseline.costPerQueryUsd,
      text: e.baseline.costPerQueryUsd === null ? 'infeasible' : formatUsd(e.baseline.costPerQueryUsd),
    },
    e.steps.map((s) => ({
      label: s.label,
      value: s.costPerQueryUsd,
      text: s.costPerQueryUsd === null ? 'infeasible' : `${formatUsd(s.costPerQueryUsd)} (${formatRatio(s.stepRatio)})`,
    })),
  );
  const rows = e.steps.map((s, i) => [
    String(i + 1),
    s.label,
    formatRatio(s.headlineRatio),
    formatRatio(s.stepRatio),
    s.costPerQueryUsd === null ? 'infeasible' : formatUsd(s.costPerQueryUsd),
  ]);
  const why = e.steps
    .map(
      (s) =>
        `<li><strong>${esc(s.label)}</strong>${s.assumption ? ' (assumption)' : ''}: ${esc(s.change)}. Headline ${esc(formatRatio(s.headlineRatio))} in ${esc(s.headlineBasis)}; ${esc(s.why)}.</li>`,
    )
    .join('\n');
  return `<h2>Savings waterfall</h2>
<p class="meta">Baseline: ${esc(e.baseline.description)}.</p>
${chart}
${table(['#', 'factor', 'headline', 'modelled', '$/query'], rows)}
<p>${esc(e.summary)}</p>
<ul>${why}</ul>`;
}

function simulationSection(r: SimulationResult, e: ExplainResult | undefined): string {
  const rows = [...r.levels, r.blended].map((q) => [
    q.level,
    formatPct(q.share),
    formatNumber(q.outputTokens, 4),
    formatSeconds(q.timeToFirstTokenS),
    formatSeconds(q.timePerOutputTokenS),
    formatSeconds(q.latencyS),
    formatUsd(q.costPerQueryUsd),
    formatUsd(q.costPerMillionOutputTokensUsd),
    formatUsd(q.monthlyCostUsd),
  ]);
  const bars = barChart(
    'Cost per query by reasoning level',
    [...r.levels, r.blended].map((q) => ({
      label: q.level,
      value: q.costPerQueryUsd,
      text: formatUsd(q.costPerQueryUsd),
    })),
  );
  const d = r.deployment;
  const f = r.fleet;
  return `<h1>${esc(r.scenario.name)}</h1>
<p class="meta">${esc(r.model.name)} (${r.model.totalParamsB}B parameters, ${r.model.activeParamsB}B active) on ${esc(r.hardware.name)} at ${esc(formatUsd(r.hardware.priceUsdPerHour))} per accelerator-hour.</p>
<h2>Cost per query</h2>
${table(['reasoning', 'share', 'output tokens', 'TTFT', 'TPOT', 'latency', '$/query', '$/1M out', '$/month'], rows)}
${bars}
<h2>Replica and fleet</h2>
<p>${d.acceleratorsPerReplica} accelerators per replica at ${esc(d.computePrecision)}; decode batch ${d.batch} (limited by ${esc(d.batchLimitedBy)}), ${esc(d.decodeBound)}-bound. ${f.replicas} replicas, ${f.accelerators} accelerators: ${esc(formatUsd(f.provisionedMonthlyCostUsd))} per month provisioned for the peak (average utilisation ${esc(formatPct(f.averageUtilization))}).</p>
<p>Decode step ${esc(formatSeconds(d.decodeStepS))}: ${esc(formatBreakdown(d.decodeStepBreakdown))}. Prefill pass of ${d.prefillChunkTokens} tokens: ${esc(formatBreakdown(d.prefillPassBreakdown))}.${d.crossesNodes ? ' The replica spans more than one scale-up domain: its all-reduces cross the scale-out network.' : ''}</p>
${e === undefined ? '' : waterfallSection(e)}
<h2>Assumed inputs</h2>
${table(
  ['field', 'value', 'from'],
  r.assumptions.map((a) => [a.path, String(a.value), a.origin]),
)}`;
}

export function simulationHtml(
  results: readonly SimulationResult[],
  explanations: readonly (ExplainResult | undefined)[],
  generator: string,
): string {
  const body = results.map((r, i) => simulationSection(r, explanations[i])).join('\n<hr>\n');
  return page(`infercost: ${results.map((r) => r.scenario.name).join(', ')}`, body, generator);
}

export function explainHtml(explanations: readonly ExplainResult[], generator: string): string {
  const body = explanations.map((e) => `<h1>${esc(e.scenario)}</h1>\n${waterfallSection(e)}`).join('\n<hr>\n');
  return page(`infercost explain: ${explanations.map((e) => e.scenario).join(', ')}`, body, generator);
}

export function compareHtml(c: Comparison, generator: string): string {
  const rows = c.metrics.map((m) => [
    m.metric,
    m.before === null ? '—' : short(m.before),
    m.after === null ? '—' : short(m.after),
    m.changePct === null ? '—' : `${m.changePct > 0 ? '+' : ''}${formatNumber(m.changePct, 3)}%`,
  ]);
  const cost = c.metrics.filter(
    (m) => m.unit === 'USD' && m.before !== null && m.after !== null && m.metric.startsWith('cost_per_query'),
  );
  const bars = barChart(
    'Cost per query, baseline vs candidate',
    cost.flatMap((m) => [
      { label: 'baseline', value: m.before ?? 0, text: formatUsd(m.before ?? 0) },
      { label: 'candidate', value: m.after ?? 0, text: formatUsd(m.after ?? 0) },
    ]),
  );
  const body = `<h1>Cost change</h1>
<p class="meta">Baseline: ${esc(c.baseline)} → candidate: ${esc(c.candidate)}</p>
${bars}
${table(['metric', 'baseline', 'candidate', 'change %'], rows)}`;
  return page('infercost compare', body, generator);
}

export interface SweepAxis {
  readonly path: string;
  readonly values: readonly (string | number | boolean)[];
}

export interface SweepPoint {
  /** Index of each axis value, in axis order. */
  readonly at: readonly number[];
  readonly costPerQueryUsd: number | null;
}

/** Cost vs the varied parameters: a line chart for one or two axes with a numeric first axis, else a heat map. */
export function sweepHtml(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  generator: string,
  note: string,
): string {
  const [a, b] = axes;
  let chart = '';
  if (a !== undefined && axes.length <= 2) {
    const numeric = a.values.every((v) => typeof v === 'number');
    if (numeric && (b === undefined || b.values.length <= 8)) {
      const series: Series[] = (b === undefined ? [undefined] : b.values.map((_, j) => j)).map((j) => ({
        name: j === undefined ? 'cost per query' : String(b?.values[j]),
        points: points
          .filter((p) => (j === undefined || p.at[1] === j) && p.costPerQueryUsd !== null)
          .map((p) => ({ x: Number(a.values[p.at[0] ?? 0]), y: p.costPerQueryUsd as number })),
      }));
      chart = lineChart(
        `Cost per query vs ${a.path}${b ? `, one line per ${b.path}` : ''}`,
        a.path,
        'USD per query',
        series,
        b?.path,
      );
    } else if (b !== undefined) {
      const lookup = new Map(points.map((p) => [`${p.at[0]},${p.at[1]}`, p.costPerQueryUsd]));
      chart = heatMap(
        `Cost per query (USD) by ${a.path} and ${b.path}`,
        a.path,
        b.path,
        a.values.map(String),
        b.values.map(String),
        (i, j) => lookup.get(`${i},${j}`) ?? null,
      );
    } else {
      chart = barChart(
        `Cost per query by ${a.path}`,
        points.map((p) => ({
          label: String(a.values[p.at[0] ?? 0]),
          value: p.costPerQueryUsd ?? 0,
          text: p.costPerQueryUsd === null ? 'infeasible' : formatUsd(p.costPerQueryUsd),
        })),
      );
    }
  }
  const rows = points
    .slice(0, 500)
    .map((p) => [
      ...axes.map((ax, i) => String(ax.values[p.at[i] ?? 0])),
      p.costPerQueryUsd === null ? 'infeasible' : formatUsd(p.costPerQueryUsd),
    ]);
  const body = `<h1>Sweep</h1>
<p class="meta">${esc(note)}</p>
${chart || '<p class="note">More than two varied parameters: see the table or the CSV output for the full grid.</p>'}
${table([...axes.map((ax) => ax.path), '$/query'], rows)}
${points.length > 500 ? `<p class="note">First 500 of ${points.length} points; the CSV output has all of them.</p>` : ''}`;
  return page('infercost sweep', body, generator);
}
