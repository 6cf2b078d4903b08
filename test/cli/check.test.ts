import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { xmlEscape } from '../../src/formats/check.js';
import { expectGolden } from '../golden.js';
import { runCli, scenarioFrom } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const CHECK = path.join(ROOT, 'test/fixtures/check');
const inCheck = (argv: string[], env: Record<string, string> = {}) => runCli(argv, { cwd: CHECK, env });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'infercost-'));

describe('check: exit codes', () => {
  it.each([
    [['pass.yaml'], 0],
    [['pass.yaml', 'fail.yaml'], 1],
    [['pass.yaml', 'broken.yaml'], 2],
    [['fail.yaml', 'broken.yaml'], 1],
    [['broken.yaml'], 2],
    [['no-budget.yaml'], 0],
    [['no-budget.yaml', 'pass.yaml'], 0],
  ])('%j → %i', async (files, code) => {
    expect((await inCheck(['check', ...files])).code).toBe(code);
  });

  it('--fail-on-missing-budget turns a scenario without a budget into exit 1', async () => {
    expect((await inCheck(['check', 'no-budget.yaml', '--fail-on-missing-budget'])).code).toBe(1);
  });

  it('reports a scenario without a budget as such, never as passed', async () => {
    const r = await inCheck(['check', 'no-budget.yaml']);
    expect(r.stdout).toMatch(/no-budget\.yaml .*no budget/);
    expect(r.stdout).toContain('0 passed, 0 failed, 1 without a budget');
  });

  it('checks each scenario independently: a broken file does not hide the others', async () => {
    const r = await inCheck(['check', 'pass.yaml', 'broken.yaml', 'fail.yaml', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenarios.map((s: { file: string; status: string }) => [s.file, s.status])).toEqual([
      ['pass.yaml', 'pass'],
      ['broken.yaml', 'error'],
      ['fail.yaml', 'fail'],
    ]);
    expect(r.stderr).toContain('broken.yaml:21:30: traffic.requests_per_day: expected a number ≥ 0, got -5');
  });

  it('files are reported in order, each unreadable one in its place', async () => {
    // Missing files among readable ones: a read that fails is that file's row, not an unhandled
    // rejection or a shifted row.
    const files = [
      'pass.yaml',
      'gone-1.yaml',
      'fail.yaml',
      'gone-3.yaml',
      'no-budget.yaml',
      'gone-2.yaml',
      'broken.yaml',
    ];
    const r = await inCheck(['check', ...files, '--format', 'json']);
    expect(r.code).toBe(1); // a breach outranks the broken files (exit codes above)
    const doc = JSON.parse(r.stdout);
    expect(doc.scenarios.map((s: { file: string; status: string }) => [s.file, s.status])).toEqual([
      ['pass.yaml', 'pass'],
      ['gone-1.yaml', 'error'],
      ['fail.yaml', 'fail'],
      ['gone-3.yaml', 'error'],
      ['no-budget.yaml', 'no-budget'],
      ['gone-2.yaml', 'error'],
      ['broken.yaml', 'error'],
    ]);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('infercost: gone-1.yaml: cannot read: no such file or directory');
    expect(lines[1]).toBe('infercost: gone-3.yaml: cannot read: no such file or directory');
    expect(lines[2]).toBe('infercost: gone-2.yaml: cannot read: no such file or directory');
    expect(lines[3]).toMatch(/^infercost: broken\.yaml:21:30: /);
  });

  it('--output naming one of the files is refused before any file is checked', async () => {
    const dir = tmp();
    cpSync(CHECK, dir, { recursive: true });
    const before = readFileSync(path.join(dir, 'broken.yaml'), 'utf8');
    const r = await runCli(['check', '.', '--output', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    // One line: the refusal, not the broken file's own problems first.
    expect(r.stderr).toBe(
      'infercost: --output broken.yaml is the input broken.yaml: refusing to overwrite an input with the output\n',
    );
    expect(readFileSync(path.join(dir, 'broken.yaml'), 'utf8')).toBe(before);
  });

  it('a flag sets or overrides a budget', async () => {
    expect((await inCheck(['check', 'no-budget.yaml', '--max-cost-per-query', '0.0001'])).code).toBe(1);
    expect((await inCheck(['check', 'fail.yaml', '--max-cost-per-query', '1', '--max-monthly-cost', '1e6'])).code).toBe(
      0,
    );
    expect((await inCheck(['check', 'pass.yaml', '--max-accelerators', '0'])).code).toBe(2);
  });

  it('a limit exactly at the actual value holds; the next representable number below breaches', async () => {
    const text = readFileSync(path.join(CHECK, 'no-budget.yaml'), 'utf8');
    const actual = simulate(scenarioFrom(text)).blended.costPerQueryUsd;
    const below = actual - Number.EPSILON * actual;
    expect(below).toBeLessThan(actual);
    const dir = tmp();
    writeFileSync(path.join(dir, 'at.yaml'), `${text}budget:\n  max_cost_per_query_usd: ${actual}\n`);
    writeFileSync(path.join(dir, 'below.yaml'), `${text}budget:\n  max_cost_per_query_usd: ${below}\n`);
    expect((await runCli(['check', 'at.yaml'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['check', 'below.yaml'], { cwd: dir })).code).toBe(1);
  });

  it('takes directories and glob patterns', async () => {
    const r = await runCli(['check', 'test/fixtures/check', '--format', 'json'], { cwd: ROOT });
    expect(JSON.parse(r.stdout).scenarios).toHaveLength(4);
    const g = await runCli(['check', 'test/fixtures/check/*pass*.yaml', '--format', 'json'], { cwd: ROOT });
    expect(JSON.parse(g.stdout).scenarios.map((s: { file: string }) => s.file)).toEqual([
      'test/fixtures/check/pass.yaml',
    ]);
    expect((await runCli(['check', 'test/fixtures/nothing-*.yaml'], { cwd: ROOT })).stderr).toMatch(/no files match/);
  });
});

describe('check: percentile budgets', () => {
  const text = readFileSync(path.join(CHECK, 'no-budget.yaml'), 'utf8');
  // The same load simulated for its percentiles (Poisson arrivals are the default process).
  const poisson = text.replace('output_tokens: 100 }', 'output_tokens: 100, arrival: { process: poisson } }');
  const underLoad = simulate(scenarioFrom(poisson));

  it('gates on the simulated percentiles at the peak without resizing the fleet', async () => {
    expect(poisson).not.toBe(text);
    const latency = underLoad.latency;
    expect(latency).not.toBeNull();
    const p99 = (latency?.timeToFirstTokenS.p99 ?? 0) * 1000;
    const dir = tmp();
    const gated = `${text}budget:\n  max_ttft_ms: { p99: ${p99} }\n  max_e2e_ms: { p50: 1e6 }\n`;
    writeFileSync(path.join(dir, 'at.yaml'), gated);
    const r = await runCli(['check', 'at.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const checks = JSON.parse(r.stdout).scenarios[0].checks;
    expect(checks.map((c: { metric: string }) => c.metric)).toEqual(['max_ttft_ms.p99', 'max_e2e_ms.p50']);
    expect(checks[0].actual).toBe(p99);
    expect(checks[1].actual).toBe((latency?.endToEndS.p50 ?? 0) * 1000);
    // A budget is a gate, not an SLO: the fleet stays the one sized for the peak.
    expect(simulate(scenarioFrom(gated)).fleet.replicas).toBe(simulate(scenarioFrom(text)).fleet.replicas);
    writeFileSync(path.join(dir, 'below.yaml'), gated.replace(`p99: ${p99}`, `p99: ${p99 * (1 - 1e-9)}`));
    expect((await runCli(['check', 'below.yaml'], { cwd: dir })).code).toBe(1);
  });

  it('a flag sets one percentile and keeps the file’s others; a bad one is a usage error', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 's.yaml'), `${text}budget:\n  max_tpot_ms: { p50: 1e6, p99: 1e6 }\n`);
    const r = await runCli(['check', 's.yaml', '--max-tpot-ms', 'p99=1e-3', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const checks = JSON.parse(r.stdout).scenarios[0].checks;
    expect(checks.map((c: { metric: string; limit: number }) => [c.metric, c.limit])).toEqual([
      ['max_tpot_ms.p50', 1e6],
      ['max_tpot_ms.p99', 1e-3],
    ]);
    const bad = await runCli(['check', 's.yaml', '--max-ttft-ms', 'p99=10,p50=20'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'infercost: --max-ttft-ms: expected p99 at least p50 (20 ms): a higher percentile cannot be faster, got 10\n',
    );
    expect((await runCli(['check', 's.yaml', '--max-ttft-ms', 'p98=10'], { cwd: dir })).stderr).toContain(
      'expected percentile=ms such as p99=2000',
    );
  });

  it('with no traffic there is no load to take percentiles of: a located error', async () => {
    const dir = tmp();
    const idle = text.replace('requests_per_day: 86400', 'requests_per_day: 0');
    expect(idle).not.toBe(text);
    writeFileSync(path.join(dir, 'idle.yaml'), `${idle}budget:\n  max_ttft_ms: { p90: 100 }\n`);
    const r = await runCli(['check', 'idle.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /idle\.yaml:\d+:\d+: budget\.max_ttft_ms: a percentile budget is checked on latencies under load/,
    );
    // Located at the budget even where the scenario also sets an SLO.
    writeFileSync(
      path.join(dir, 'idle-slo.yaml'),
      `${idle.replace('  utilization: 1\n', '  utilization: 1\n  slo: { ttft_ms: { p99: 1000 } }\n')}budget:\n  max_ttft_ms: { p90: 100 }\n`,
    );
    const withSlo = await runCli(['check', 'idle-slo.yaml'], { cwd: dir });
    expect(withSlo.code).toBe(2);
    expect(withSlo.stderr).toMatch(/idle-slo\.yaml:\d+:\d+: budget\.max_ttft_ms: a percentile budget is checked/);
  });
});

describe('check: formats', () => {
  const ALL = ['pass.yaml', 'fail.yaml', 'no-budget.yaml', 'broken.yaml'];

  it('table', async () => expectGolden('check.table.txt', (await inCheck(['check', ...ALL])).stdout));
  it('markdown', async () =>
    expectGolden('check.md', (await inCheck(['check', ...ALL, '--format', 'markdown'])).stdout));
  it('junit', async () =>
    expectGolden('check.junit.xml', (await inCheck(['check', ...ALL, '--format', 'junit'])).stdout));

  it('junit parses as XML, and the failure details keep their line breaks in the element body', async () => {
    const xml = (await inCheck(['check', ...ALL, '--format', 'junit'])).stdout;
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as {
      testsuites: { '@failures': string; testsuite: { '@file': string; testcase: unknown }[] };
    };
    expect(doc.testsuites['@failures']).toBe('1');
    const fail = doc.testsuites.testsuite.find((t) => t['@file'] === 'fail.yaml');
    const cases = (fail?.testcase ?? []) as { failure?: { '#text': string; '@message': string } }[];
    const failure = cases.find((c) => c.failure !== undefined)?.failure;
    expect(failure?.['@message']).toMatch(/^max_cost_per_query_usd: actual \$0\.00012 exceeds limit \$0\.0001/);
    expect(failure?.['#text'].split('\n')).toEqual([
      failure?.['@message'],
      'scenario: fail.yaml',
      'budget: budget.max_cost_per_query_usd = $0.0001',
    ]);
  });

  it('github: annotations point at the breached budget line', async () => {
    const r = await inCheck(['check', ...ALL, '--format', 'github']);
    expectGolden('check.github.txt', r.stdout);
    const lines = readFileSync(path.join(CHECK, 'fail.yaml'), 'utf8').split('\n');
    const m =
      /^::error file=fail\.yaml,line=(\d+),col=(\d+),title=infercost%3A max_cost_per_query_usd breached::/m.exec(
        r.stdout,
      );
    expect(m).not.toBeNull();
    expect(lines[Number(m?.[1]) - 1]).toMatch(/^\s*max_cost_per_query_usd: 0\.0001$/);
  });

  it('github: appends a Markdown summary to GITHUB_STEP_SUMMARY, keeping what was there', async () => {
    const summary = path.join(tmp(), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    await inCheck(['check', 'pass.yaml', '--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## infercost budget check')).toBe(true);
    expect(text).toContain('| toy within budget (`pass.yaml`) | `max_cost_per_query_usd` |');
  });

  it('github: a step summary that cannot be written is a warning; the breach still exits 1', async () => {
    const r = await inCheck(['check', 'fail.yaml', '--format', 'github'], {
      GITHUB_STEP_SUMMARY: '/nonexistent/dir/summary.md',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^infercost: warning: GITHUB_STEP_SUMMARY \/nonexistent\/dir\/summary\.md: cannot append the summary/m,
    );
  });

  it('json is versioned and carries every check', async () => {
    const doc = JSON.parse((await inCheck(['check', 'fail.yaml', '--format', 'json'])).stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.scenarios[0].checks).toEqual([
      expect.objectContaining({ metric: 'max_cost_per_query_usd', limit: 0.0001, pass: false }),
      expect.objectContaining({ metric: 'max_monthly_cost_usd', limit: 5000, pass: true }),
    ]);
  });

  it('XML escaping covers markup, quotes and characters XML cannot hold', () => {
    expect(xmlEscape(`a<b>&"c"'d'\u0001e`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e');
  });
});

describe('README "Use in CI"', () => {
  const workflow = readFileSync(path.join(ROOT, 'examples/github-actions.yml'), 'utf8');

  it('shows the example workflow verbatim', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(workflow);
  });

  it('runs the infercost commands of the workflow, as written, on a copy of scenarios/', async () => {
    const dir = tmp();
    cpSync(path.join(ROOT, 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
    const steps = (parse(workflow).jobs.cost.steps as { run?: string }[])
      .map((s) => s.run)
      .filter((r) => r?.includes('npx infercost'));
    expect(steps).toHaveLength(2);
    for (const step of steps) {
      const command = (step as string).split(' || ')[0] as string;
      const argv = command.replace(/^npx infercost /, '').split(/\s+/);
      const r = await runCli(argv, { cwd: dir, env: { GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') } });
      expect(r.code, `${command}: ${r.stderr}`).toBe(0);
    }
    expect(readFileSync(path.join(dir, 'infercost-report.md'), 'utf8')).toContain('## infercost budget check');
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('## infercost budget check');
  });
});
