/**
 * `infercost check` reports: a table for people, JSON for tools, GitHub
 * workflow annotations, JUnit XML for any CI, Markdown for pull requests.
 */
import { tableLook } from './table-style.js';
import type { CHECK_FORMATS, Renderers } from './choices.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CheckReport, ScenarioCheck } from '../core/check.js';
import type { BudgetCheck, BudgetMetric } from '../core/result.js';
import { formatNumber, formatUsd } from './numbers.js';
import { invisibleShown, markdownText, singleLine, terminalText } from './text-safety.js';

export interface Place {
  readonly line: number;
  readonly column: number;
}

/** A scenario's check, with where its budget lines are in its file (filled by the CLI). */
export type LocatedCheck = ScenarioCheck & {
  readonly places: Partial<Record<BudgetMetric | 'budget' | 'error', Place>>;
};

export type LocatedReport = CheckReport<LocatedCheck>;

export function formatLimit(c: Pick<BudgetCheck, 'metric'>, x: number): string {
  return c.metric.endsWith('_usd') ? formatUsd(x) : formatNumber(x, 4);
}

/** One budget check as table cells: budget, limit, actual, headroom, result (simulate and check share it). */
export function budgetCells(k: BudgetCheck, c: { green: (s: string) => string; red: (s: string) => string }): string[] {
  return [
    k.metric,
    formatLimit(k, k.limit),
    formatLimit(k, k.actual),
    `${formatNumber(k.headroomPct, 3)}%`,
    k.pass ? c.green('pass') : c.red('FAIL'),
  ];
}

function describe(c: BudgetCheck): string {
  const which = c.end === undefined ? 'actual' : `the ${c.end} end of the 80% range,`;
  return `${c.metric}: ${which} ${formatLimit(c, c.actual)} ${c.pass ? 'within' : 'exceeds'} limit ${formatLimit(c, c.limit)} (headroom ${formatNumber(c.headroomPct, 3)}%)`;
}

function summaryLine(r: CheckReport): string {
  const s = r.summary;
  return `${s.scenarios} scenario${s.scenarios === 1 ? '' : 's'}: ${s.passed} passed, ${s.failed} failed, ${s.noBudget} without a budget, ${s.errors} could not be evaluated`;
}

export function formatCheckTable(r: CheckReport, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const t = new Table({
    ...tableLook(opts.color),
    head: ['scenario file', 'budget', 'limit', 'actual', 'headroom', 'result'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left'],
  });
  const errors: string[] = [];
  for (const s of r.scenarios) {
    if (s.status === 'error') {
      t.push([singleLine(s.file), '—', '', '', '', c.red('ERROR (below)')]);
      errors.push(`  ${s.error ?? ''}`);
    } else if (s.status === 'no-budget') t.push([singleLine(s.file), '—', '', '', '', c.yellow('no budget')]);
    else s.checks.forEach((k, i) => t.push([i === 0 ? singleLine(s.file) : '', ...budgetCells(k, c)]));
  }
  const tail = errors.length > 0 ? `Could not be evaluated:\n${errors.join('\n')}\n` : '';
  return `${t.toString()}\n${tail}${summaryLine(r)}\n`;
}

export function formatCheckJson(r: CheckReport, generator: string): string {
  return `${JSON.stringify({ ...r, generator }, null, 2)}\n`;
}

const mdCell = markdownText;

export function formatCheckMarkdown(r: CheckReport): string {
  const lines = ['## infercost budget check', '', `${summaryLine(r)}.`, ''];
  lines.push('| scenario | budget | limit | actual | headroom | result |', '|---|---|---:|---:|---:|---|');
  for (const s of r.scenarios) {
    const name = mdCell(s.name ? `${s.name} (\`${s.file}\`)` : `\`${s.file}\``);
    if (s.status === 'error') lines.push(`| ${name} | | | | | ⚠️ could not be evaluated: ${mdCell(s.error ?? '')} |`);
    else if (s.status === 'no-budget') lines.push(`| ${name} | — | | | | ⚪ no budget |`);
    else
      for (const k of s.checks)
        lines.push(
          `| ${name} | \`${k.metric}\` | ${formatLimit(k, k.limit)} | ${formatLimit(k, k.actual)} | ${formatNumber(k.headroomPct, 3)}% | ${k.pass ? '✅ pass' : '❌ **fail**'} |`,
        );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * GitHub workflow command escaping (actions/toolkit, command.ts): % and line
 * breaks encoded, so a message cannot end the command and start another; other
 * control and invisible characters shown escaped.
 */
const ghData = (s: string) => terminalText(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(
  level: 'error' | 'warning',
  file: string,
  place: Place | undefined,
  title: string,
  message: string,
): string {
  const props = [`file=${ghProp(file)}`];
  if (place) props.push(`line=${place.line}`, `col=${place.column}`);
  props.push(`title=${ghProp(title)}`);
  return `::${level} ${props.join(',')}::${ghData(message)}`;
}

export function formatCheckGithub(r: LocatedReport): string {
  const lines: string[] = [];
  for (const s of r.scenarios) {
    if (s.status === 'error')
      lines.push(
        annotation('error', s.file, s.places.error, 'infercost: scenario could not be evaluated', s.error ?? ''),
      );
    else if (s.status === 'no-budget')
      lines.push(
        annotation(
          'warning',
          s.file,
          s.places.budget,
          'infercost: no budget',
          `${s.name}: no budget block, nothing was checked`,
        ),
      );
    else
      for (const k of s.checks)
        if (!k.pass)
          lines.push(
            annotation(
              'error',
              s.file,
              s.places[k.metric] ?? s.places.budget,
              `infercost: ${k.metric} breached`,
              `${s.name}: ${describe(k)}`,
            ),
          );
  }
  lines.push(summaryLine(r));
  return `${lines.join('\n')}\n`;
}

// eslint-disable-next-line no-control-regex -- XML 1.0 Char production: tab, LF and CR are the control characters it allows
const XML_INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Escape text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(s: string): string {
  return invisibleShown(s)
    .replace(XML_INVALID, '')

    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attributes hold one line: XML parsers normalise newlines in attribute values to spaces. */
function firstLine(s: string): string {
  return s.split('\n', 1)[0] ?? '';
}

/** The failure's details, written in the element body where line breaks survive parsing. */
function failureDetail(file: string, k: BudgetCheck): string {
  return [describe(k), `scenario: ${file}`, `budget: budget.${k.metric} = ${formatLimit(k, k.limit)}`].join('\n');
}

export function formatCheckJunit(r: CheckReport): string {
  const x = xmlEscape;
  const s = r.summary;
  const totalCases = r.scenarios.reduce((n, c) => n + Math.max(1, c.checks.length), 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="infercost check" tests="${totalCases}" failures="${r.scenarios.reduce((n, c) => n + c.checks.filter((k) => !k.pass).length, 0)}" errors="${s.errors}" skipped="${s.noBudget}">`,
  ];
  for (const c of r.scenarios) {
    const cases = Math.max(1, c.checks.length);
    const failures = c.checks.filter((k) => !k.pass).length;
    out.push(
      `  <testsuite name="${x(c.name ?? c.file)}" file="${x(c.file)}" tests="${cases}" failures="${failures}" errors="${c.status === 'error' ? 1 : 0}" skipped="${c.status === 'no-budget' ? 1 : 0}">`,
    );
    const classname = x(`infercost.${c.file}`);
    if (c.status === 'error')
      out.push(
        `    <testcase classname="${classname}" name="evaluate scenario">`,
        `      <error message="${x(firstLine(c.error ?? ''))}" type="infercost.error">${x(c.error ?? '')}</error>`,
        '    </testcase>',
      );
    else if (c.status === 'no-budget')
      out.push(
        `    <testcase classname="${classname}" name="budget">`,
        '      <skipped message="no budget block: nothing to check"/>',
        '    </testcase>',
      );
    for (const k of c.checks) {
      const name = x(`${k.metric} ≤ ${k.limit}`);
      if (k.pass) out.push(`    <testcase classname="${classname}" name="${name}"/>`);
      else
        out.push(
          `    <testcase classname="${classname}" name="${name}">`,
          `      <failure message="${x(describe(k))}" type="infercost.budget">${x(failureDetail(c.file, k))}</failure>`,
          '    </testcase>',
        );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** check's output in each of its formats; JSON leaves out the places (they are for annotations). */
export const checkRenderers: Renderers<typeof CHECK_FORMATS, LocatedReport> = {
  table: (r, ctx) => formatCheckTable(r, ctx),
  json: (r, { generator }) =>
    formatCheckJson({ ...r, scenarios: r.scenarios.map(({ places: _places, ...s }) => s) }, generator),
  github: (r) => formatCheckGithub(r),
  junit: (r) => formatCheckJunit(r),
  markdown: (r) => formatCheckMarkdown(r),
};
