/** The savings waterfall as a table with the reasons, for people. */
import { formatSpan } from './range.js';
import { tableLook } from './table-style.js';
import type { EXPLANATION_FORMATS, Renderers } from './choices.js';
import { Chalk } from 'chalk';
import { formatBreakdown } from './breakdown.js';
import Table from 'cli-table3';
import { EXPLAIN_SCHEMA_VERSION, type ExplainResult } from '../core/explain.js';
import { worded, type WordedExplanation } from './explain-words.js';
import { formatRatio, formatSeconds, formatUsd } from './numbers.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `fraction` × `width` cells in Unicode block characters, to an eighth of a cell. */
export function unicodeBar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

/** The waterfall as bars: cost after each step against the baseline (for a terminal). */
function formatWaterfallBars(e: WordedExplanation, width = 40): string[] {
  const costs = [e.baseline.costPerQueryUsd, ...e.steps.map((s) => s.costPerQueryUsd)];
  const max = Math.max(...costs.map((c) => c ?? 0)) || 1;
  const labels = ['baseline', ...e.steps.map((s) => s.label)];
  const pad = Math.max(...labels.map((l) => l.length));
  return costs.map(
    (c, i) =>
      `  ${(labels[i] ?? '').padEnd(pad)} ${c === null ? 'infeasible' : `${unicodeBar(c / max, width).padEnd(width)} ${formatUsd(c)}`}`,
  );
}

/** The waterfall table alone, headed by the baseline and followed by naive vs modelled. */
export function formatWaterfall(explanation: ExplainResult, opts: { color: boolean; bars?: boolean }): string[] {
  const e = worded(explanation);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  out.push(
    `  baseline: ${e.baseline.description}: ${e.baseline.costPerQueryUsd === null ? `infeasible (${e.baseline.infeasible})` : `${formatUsd(e.baseline.costPerQueryUsd)}/query`}`,
  );
  const t = new Table({
    ...tableLook(opts.color),
    head: ['#', 'factor', 'headline', 'modelled', '$/query', 'vs baseline'],
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right'],
  });
  e.steps.forEach((s, i) =>
    t.push([
      String(i + 1),
      `${s.label}${s.assumption ? c.yellow(' (assumption)') : ''}`,
      formatRatio(s.headlineRatio),
      formatRatio(s.stepRatio),
      s.costPerQueryUsd === null ? 'infeasible' : formatUsd(s.costPerQueryUsd),
      formatRatio(s.cumulativeRatio),
    ]),
  );
  out.push(t.toString());
  if (opts.bars) out.push(...formatWaterfallBars(e));
  const r = e.finalCostPerQueryUsdRange;
  out.push(
    `  ${e.summary} Final: ${formatUsd(e.finalCostPerQueryUsd)}/query. 80% range: ${formatSpan(r.low, r.high)}.`,
  );
  const a = e.autoscaling;
  if (a !== null) {
    const t2 = new Table({
      ...tableLook(opts.color),
      head: ['#', 'as provisioned', 'static fleet', 'autoscaled', 'step'],
      colAligns: ['right', 'left', 'right', 'right', 'right'],
    });
    t2.push([
      String(e.steps.length + 1),
      'autoscaling',
      `${formatUsd(a.staticCostPerQueryUsd)}/query`,
      `${formatUsd(a.autoscaledCostPerQueryUsd)}/query`,
      formatRatio(a.stepRatio),
    ]);
    out.push(
      '',
      t2.toString(),
      `  The fleet as provisioned, every hour paid: ${a.staticReplicas} replica${a.staticReplicas === 1 ? '' : 's'} all month for the peak, or ${Math.min(...a.hourlyReplicas)}-${Math.max(...a.hourlyReplicas)} by hour following the daily profile. Cost at the utilisation target (the steps above) is the same either way.`,
    );
  }
  return out;
}

export function formatExplainTable(explanation: ExplainResult, opts: { color: boolean; bars?: boolean }): string {
  const e = worded(explanation);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [c.bold(`Savings waterfall: ${e.scenario}`), ...formatWaterfall(explanation, opts)];
  out.push('', c.bold('Why each step differs from its headline'));
  e.steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.label}: ${s.change}`);
    out.push(`     headline ${formatRatio(s.headlineRatio)} in ${s.headlineBasis}; ${s.why}`);
    if (s.infeasible) out.push(`     infeasible here: ${s.infeasible}`);
  });
  const r = e.replica;
  out.push('', c.bold('Where the final replica spends its time'));
  out.push(
    `  ${r.acceleratorsPerReplica} accelerators, decode batch ${r.batch}: step ${formatSeconds(r.decodeStepS)}, ${r.decodeBound}-bound — ${formatBreakdown(r.decodeStepBreakdown)}`,
  );
  out.push(
    `  prefill pass of ${r.prefillChunkTokens} tokens, ${r.prefillBound}-bound — ${formatBreakdown(r.prefillPassBreakdown)}`,
  );
  if (r.crossesNodes)
    out.push('  the replica spans more than one scale-up domain: its all-reduces cross the scale-out network');
  return `${out.join('\n')}\n`;
}

/** One versioned JSON document of waterfalls, every number at full precision, each step's facts and words. */
export function formatExplainJson(results: readonly ExplainResult[], generator: string): string {
  return `${JSON.stringify({ schemaVersion: EXPLAIN_SCHEMA_VERSION, generator, results: results.map(worded) }, null, 2)}\n`;
}

/** explain's output in each of its formats. */
export const explanationRenderers: Renderers<typeof EXPLANATION_FORMATS, readonly ExplainResult[]> = {
  table: (results, ctx) => results.map((r) => formatExplainTable(r, ctx)).join('\n'),
  json: (results, { generator }) => formatExplainJson(results, generator),
  html: async (results, { generator }) => (await import('./html/reports.js')).explainHtml(results, generator),
};
