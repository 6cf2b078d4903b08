/** `infercost compare` renderers: table, JSON, Markdown, CSV. */
import { tableLook } from './table-style.js';
import type { COMPARISON_FORMATS, Renderers } from './choices.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Comparison, MetricChange } from '../core/compare.js';
import { toCsv } from './csv.js';
import { markdownText } from './text-safety.js';
import { formatNumber, formatUsd } from './numbers.js';

const show = (m: MetricChange, x: number | null) =>
  x === null ? '—' : m.unit === 'USD' ? formatUsd(x) : formatNumber(x, 4);
const pct = (x: number | null) =>
  x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatNumber(Math.abs(x), 3)}%`;
const signed = (m: MetricChange) =>
  m.change === null ? '—' : `${m.change > 0 ? '+' : m.change < 0 ? '−' : ''}${show(m, Math.abs(m.change))}`;

/** Worse, better or the same, from the metric's direction. */
function verdict(m: MetricChange): 'worse' | 'better' | 'same' {
  if (m.change === null || m.change === 0) return 'same';
  return m.change > 0 === m.lowerIsBetter ? 'worse' : 'better';
}

export function formatCompareTable(c: Comparison, opts: { color: boolean }): string {
  const k = new Chalk({ level: opts.color ? 1 : 0 });
  const t = new Table({
    ...tableLook(opts.color),
    head: ['metric', 'baseline', 'candidate', 'change', 'change %'],
    colAligns: ['left', 'right', 'right', 'right', 'right'],
  });
  for (const m of c.metrics) {
    const v = verdict(m);
    const paint = v === 'worse' ? k.red : v === 'better' ? k.green : (s: string) => s;
    t.push([m.metric, show(m, m.before), show(m, m.after), paint(signed(m)), paint(pct(m.changePct))]);
  }
  return `baseline:  ${c.baseline}\ncandidate: ${c.candidate}\n${t.toString()}\n`;
}

export function formatCompareJson(c: Comparison, generator: string): string {
  return `${JSON.stringify({ ...c, generator }, null, 2)}\n`;
}

export function formatCompareMarkdown(c: Comparison): string {
  const icon = (m: MetricChange) => ({ worse: '🔺', better: '🔻', same: '' })[verdict(m)];
  const lines = [
    '## infercost: cost change',
    '',
    `Baseline: **${markdownText(c.baseline)}** → candidate: **${markdownText(c.candidate)}**`,
    '',
    '| metric | baseline | candidate | change | change % |',
    '|---|---:|---:|---:|---:|',
    ...c.metrics.map(
      (m) =>
        `| \`${m.metric}\` | ${show(m, m.before)} | ${show(m, m.after)} | ${signed(m)} | ${icon(m)} ${pct(m.changePct)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatCompareCsv(c: Comparison): string {
  return toCsv(
    ['metric', 'unit', 'baseline_scenario', 'candidate_scenario', 'baseline', 'candidate', 'change', 'change_pct'],
    c.metrics.map((m) => [m.metric, m.unit, c.baseline, c.candidate, m.before, m.after, m.change, m.changePct]),
  );
}

/** compare's output in each of its formats. */
export const comparisonRenderers: Renderers<typeof COMPARISON_FORMATS, Comparison> = {
  table: (c, ctx) => formatCompareTable(c, ctx),
  json: (c, { generator }) => formatCompareJson(c, generator),
  markdown: (c) => formatCompareMarkdown(c),
  csv: (c) => formatCompareCsv(c),
  html: async (c, { generator }) => (await import('./html/reports.js')).compareHtml(c, generator),
};
