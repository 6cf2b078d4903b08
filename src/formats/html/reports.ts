/** The HTML reports of simulate, explain, compare and sweep. */
import type { Comparison } from '../../core/compare.js';
import type { ExplainResult } from '../../core/explain.js';
import type { SimulationResult } from '../../core/result.js';
import { formatBreakdown } from '../breakdown.js';
import { worded } from '../explain-words.js';
import { rangeBasis, withRange } from '../range.js';
import { formatNumber, formatPct, formatRatio, formatSeconds, formatUsd } from '../numbers.js';
import { barChart, short, waterfallChart } from './charts.js';
import { decimate, extent } from './decimate.js';
import { VEGA_PALETTE, vegaFigure } from './vega.js';
import { esc, page, table } from './page.js';

async function waterfallSection(explanation: ExplainResult): Promise<string> {
  const e = worded(explanation);
  const chart = await waterfallChart(
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

async function simulationSection(r: SimulationResult, e: ExplainResult | undefined): Promise<string> {
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
  const bars = await barChart(
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
<p class="note">80% range: ${esc(withRange(r.blended.costPerQueryUsdRange, formatUsd))} per query, TPOT ${esc(withRange(r.blended.timePerOutputTokenSRange, formatSeconds))}: ${esc(rangeBasis(r.uncertainty))}.</p>
<h2>Replica and fleet</h2>
<p>${d.acceleratorsPerReplica} accelerators per replica at ${esc(d.computePrecision)}; decode batch ${d.batch} (limited by ${esc(d.batchLimitedBy)}), ${esc(d.decodeBound)}-bound. ${f.replicas} replicas, ${f.accelerators} accelerators: ${esc(formatUsd(f.provisionedMonthlyCostUsd))} per month provisioned for the peak (average utilisation ${esc(formatPct(f.averageUtilization))}).</p>
<p>Decode step ${esc(formatSeconds(d.decodeStepS))}: ${esc(formatBreakdown(d.decodeStepBreakdown))}. Prefill pass of ${d.prefillChunkTokens} tokens: ${esc(formatBreakdown(d.prefillPassBreakdown))}.${d.crossesNodes ? ' The replica spans more than one scale-up domain: its all-reduces cross the scale-out network.' : ''}</p>
${e === undefined ? '' : await waterfallSection(e)}
<h2>Assumed inputs</h2>
${table(
  ['field', 'value', 'from'],
  r.assumptions.map((a) => [a.path, String(a.value), a.origin]),
)}`;
}

export async function simulationHtml(
  results: readonly SimulationResult[],
  explanations: readonly (ExplainResult | undefined)[],
  generator: string,
): Promise<string> {
  const body = (await Promise.all(results.map((r, i) => simulationSection(r, explanations[i])))).join('\n<hr>\n');
  return page(`infercost: ${results.map((r) => r.scenario.name).join(', ')}`, body, generator);
}

export async function explainHtml(explanations: readonly ExplainResult[], generator: string): Promise<string> {
  const sections = await Promise.all(
    explanations.map(async (e) => `<h1>${esc(e.scenario)}</h1>\n${await waterfallSection(e)}`),
  );
  const body = sections.join('\n<hr>\n');
  return page(`infercost explain: ${explanations.map((e) => e.scenario).join(', ')}`, body, generator);
}

export async function compareHtml(c: Comparison, generator: string): Promise<string> {
  const rows = c.metrics.map((m) => [
    m.metric,
    m.before === null ? '—' : short(m.before),
    m.after === null ? '—' : short(m.after),
    m.changePct === null ? '—' : `${m.changePct > 0 ? '+' : ''}${formatNumber(m.changePct, 3)}%`,
  ]);
  const cost = c.metrics.filter(
    (m) => m.unit === 'USD' && m.before !== null && m.after !== null && m.metric.startsWith('cost_per_query'),
  );
  const bars = await barChart(
    'Cost per query, baseline vs candidate',
    cost.flatMap((m) => {
      const name = cost.length === 1 ? '' : `${m.metric}: `;
      return [
        { label: `${name}baseline`, value: m.before ?? 0, text: formatUsd(m.before ?? 0) },
        { label: `${name}candidate`, value: m.after ?? 0, text: formatUsd(m.after ?? 0) },
      ];
    }),
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
  /** The fleet provisioned for the peak, per query: what moves when traffic or minimum replicas vary. */
  readonly provisionedCostPerQueryUsd: number | null;
}

type SweepFigure = 'costPerQueryUsd' | 'provisionedCostPerQueryUsd';
const FIGURE_LABEL: Readonly<Record<SweepFigure, string>> = {
  costPerQueryUsd: 'cost per query at the utilisation target',
  provisionedCostPerQueryUsd: 'cost per query as provisioned for the peak',
};

/** Runs a line keeps at most two points from: a 520-pixel chart draws no more. */
const LINE_BUCKETS = 600;
/** Cells a heat map or bars a bar chart draws at most; beyond it the table and the CSV are the place to look. */
const MAX_MARKS = 4000;

/** One chart of a figure against the varied parameters: lines for one or two axes with a numeric first axis, else a heat map or bars (Vega-Lite). */
async function sweepChart(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  figure: SweepFigure,
): Promise<string> {
  const [a, b] = axes;
  if (a === undefined || axes.length > 2) return '';
  const label = FIGURE_LABEL[figure];
  const title = `${label[0]?.toUpperCase()}${label.slice(1)}`;
  const numeric = a.values.every((v) => typeof v === 'number');
  if (numeric && (b === undefined || b.values.length <= 8)) {
    const series = new Map<string, { x: number; y: number; series: string }[]>();
    for (const p of points) {
      const y = p[figure];
      if (y === null) continue;
      const name =
        b === undefined
          ? figure === 'costPerQueryUsd'
            ? 'at the target'
            : 'as provisioned'
          : String(b.values[p.at[1] ?? 0]);
      const list = series.get(name) ?? [];
      list.push({ x: Number(a.values[p.at[0] ?? 0]), y, series: name });
      series.set(name, list);
    }
    const full = [...series.values()].reduce((n, l) => n + l.length, 0);
    const values = [...series.values()].flatMap((l) =>
      decimate(
        l.sort((p, q) => p.x - q.x),
        LINE_BUCKETS,
      ),
    );
    const { min, max } = extent(values.map((v) => v.x));
    const logX = min > 0 && max / min > 100;
    const shown =
      values.length < full ? ` (${values.length} of ${full} points drawn, each run's lowest and highest kept)` : '';
    return vegaFigure(`${title} vs ${a.path}${b ? `, one line per ${b.path}` : ''}${shown}`, {
      width: 520,
      height: 260,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'x',
          type: 'quantitative',
          title: `${a.path}${logX ? ' (log scale)' : ''}`,
          scale: logX ? { type: 'log' } : { zero: false },
        },
        y: { field: 'y', type: 'quantitative', title: 'USD per query', axis: { format: '~g' } },
        color: { field: 'series', type: 'nominal', title: b?.path ?? null, sort: null },
      },
    });
  }
  if (points.length > MAX_MARKS)
    return `<p class="note">${esc(title)}: ${points.length} points are more than a heat map or bar chart can show (${MAX_MARKS}); the table and the CSV output have them.</p>`;
  if (b !== undefined) {
    const values = points.map((p) => {
      const v = p[figure];
      return {
        x: String(a.values[p.at[0] ?? 0]),
        y: String(b.values[p.at[1] ?? 0]),
        v,
        label: v === null ? '—' : short(v),
      };
    });
    return vegaFigure(`${title} (USD) by ${a.path} and ${b.path}`, {
      width: Math.min(720, 64 * a.values.length),
      height: 26 * b.values.length,
      data: { values },
      encoding: {
        x: { field: 'x', type: 'ordinal', sort: null, title: a.path, axis: { labelAngle: 0 } },
        y: { field: 'y', type: 'ordinal', sort: null, title: b.path },
      },
      layer: [
        {
          mark: 'rect',
          encoding: {
            color: {
              field: 'v',
              type: 'quantitative',
              title: 'USD per query',
              scale: { scheme: 'blues' },
              legend: { format: '~g' },
            },
          },
        },
        { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'label' } } },
      ],
    });
  }
  const values = points.map((p) => ({
    label: String(a.values[p.at[0] ?? 0]),
    v: p[figure] ?? 0,
    infeasible: p[figure] === null,
  }));
  return vegaFigure(`${title} by ${a.path}`, {
    width: 520,
    height: Math.max(60, 22 * values.length),
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'label', type: 'ordinal', sort: null, title: a.path },
      x: { field: 'v', type: 'quantitative', title: 'USD per query', axis: { format: '~g' } },
      color: { value: VEGA_PALETTE[0] },
    },
  });
}

/** Panels at most, in small multiples: beyond it the CSV is the place to look. */
const MAX_PANELS = 24;

/**
 * Three or more varied parameters: small multiples, one panel per combination
 * of the outer axes (the first --vary is outermost), each charting the last
 * two axes.
 */
async function smallMultiples(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  figures: readonly SweepFigure[],
): Promise<string> {
  const outer = axes.slice(0, -2);
  const inner = axes.slice(-2);
  const panels = outer.reduce((n, a) => n * a.values.length, 1);
  if (panels > MAX_PANELS)
    return `<p class="note">${panels} panels (${outer.map((a) => a.path).join(' × ')}) are more than ${MAX_PANELS}: see the table or the CSV output for the full grid.</p>`;
  const groups = new Map<string, SweepPoint[]>();
  for (const p of points) {
    const key = p.at.slice(0, outer.length).join(',');
    const list = groups.get(key) ?? [];
    list.push({ ...p, at: p.at.slice(outer.length) });
    groups.set(key, list);
  }
  const out: string[] = [];
  for (const [key, sub] of groups) {
    const at = key.split(',').map(Number);
    const title = outer.map((a, i) => `${a.path} = ${String(a.values[at[i] ?? 0])}`).join(', ');
    out.push(`<h3>${esc(title)}</h3>`, ...(await Promise.all(figures.map((f) => sweepChart(inner, sub, f)))));
  }
  return `<div class="panels">${out.join('\n')}</div>`;
}

/**
 * Cost vs the varied parameters. When traffic or the minimum replicas vary,
 * the cost at the utilisation target stays flat (it is per unit of busy
 * time): the fleet's cost as provisioned for the peak is the figure that
 * moves, so it is charted too.
 */
export async function sweepHtml(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  generator: string,
  note: string,
  provisionedMoves = false,
): Promise<string> {
  const figures: SweepFigure[] = provisionedMoves
    ? ['costPerQueryUsd', 'provisionedCostPerQueryUsd']
    : ['costPerQueryUsd'];
  const chart =
    axes.length <= 2
      ? (await Promise.all(figures.map((f) => sweepChart(axes, points, f)))).join('\n')
      : await smallMultiples(axes, points, figures);
  const usd = (x: number | null) => (x === null ? 'infeasible' : formatUsd(x));
  const rows = points
    .slice(0, 500)
    .map((p) => [
      ...axes.map((ax, i) => String(ax.values[p.at[i] ?? 0])),
      usd(p.costPerQueryUsd),
      usd(p.provisionedCostPerQueryUsd),
    ]);
  const body = `<h1>Sweep</h1>
<p class="meta">${esc(note)}</p>
${chart || '<p class="note">More than two varied parameters: see the table or the CSV output for the full grid.</p>'}
${table([...axes.map((ax) => ax.path), '$/query at target', '$/query provisioned'], rows)}
${points.length > 500 ? `<p class="note">First 500 of ${points.length} points; the CSV output has all of them.</p>` : ''}`;
  return page('infercost sweep', body, generator);
}
