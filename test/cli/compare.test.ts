import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { runCli } from '../helpers.js';

const CHECK = path.resolve(__dirname, '../fixtures/check');
const TOY = readFileSync(path.join(CHECK, 'no-budget.yaml'), 'utf8');

/** The toy, and the toy at twice the price: every cost doubles, nothing else moves. */
function pair() {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
  writeFileSync(path.join(dir, 'before.yaml'), TOY);
  writeFileSync(
    path.join(dir, 'after.yaml'),
    TOY.replace('price_usd_per_hour: 3.6', 'price_usd_per_hour: 7.2').replace(
      'name: toy without budget',
      'name: toy at twice the price',
    ),
  );
  return dir;
}

describe('compare', () => {
  it('shows each metric before and after, with absolute and % change', async () => {
    const dir = pair();
    const r = await runCli(['compare', 'before.yaml', 'after.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    const cost = c.metrics.find((m: { metric: string }) => m.metric === 'cost_per_query_usd');
    expect(cost.before).toBeCloseTo(0.000120226, 15);
    expect(cost.after).toBeCloseTo(0.000240452, 15);
    expect(cost.changePct).toBeCloseTo(100, 9);
    expect(c.metrics.find((m: { metric: string }) => m.metric === 'batch').changePct).toBe(0);
  });

  it('--fail-on-increase: exit 1 above the threshold, 0 at or under it', async () => {
    const dir = pair();
    expect(
      (await runCli(['compare', 'before.yaml', 'after.yaml', '--fail-on-increase', '99'], { cwd: dir })).code,
    ).toBe(1);
    expect(
      (await runCli(['compare', 'before.yaml', 'after.yaml', '--fail-on-increase', '100.0001'], { cwd: dir })).code,
    ).toBe(0);
    expect((await runCli(['compare', 'after.yaml', 'before.yaml', '--fail-on-increase', '0'], { cwd: dir })).code).toBe(
      0,
    );
  });

  it('compares against a result saved by simulate --format json', async () => {
    const dir = pair();
    await runCli(['simulate', 'before.yaml', '--format', 'json', '--output', 'main.json'], { cwd: dir });
    const r = await runCli(['compare', '--baseline-json', 'main.json', 'after.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).baseline).toBe('toy without budget');
  });

  it('a rise past any percentage names the baseline it rose from (a tiny one is not $0)', async () => {
    const dir = pair();
    await runCli(['simulate', 'before.yaml', '--format', 'json', '--output', 'main.json'], { cwd: dir });
    const saved = JSON.parse(readFileSync(path.join(dir, 'main.json'), 'utf8'));
    saved.results[0].blended.costPerQueryUsd = 5e-324; // the smallest double: (after - before) / before overflows
    writeFileSync(path.join(dir, 'tiny.json'), JSON.stringify(saved));
    const r = await runCli(['compare', '--baseline-json', 'tiny.json', 'after.yaml', '--fail-on-increase', '5'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cost per query rose without bound (from a baseline of $4.94e-324)');
  });

  it('a malformed saved result is an input error naming the field', async () => {
    const dir = pair();
    writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ schemaVersion: 1, results: [{ scenario: { name: 'x' } }] }),
    );
    const r = await runCli(['compare', '--baseline-json', 'bad.json', 'after.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:1:\d+: results\.0\.blended: required field is missing/);
  });

  it('wrong number of files is a usage error', async () => {
    expect((await runCli(['compare', 'before.yaml'], { cwd: pair() })).code).toBe(2);
  });

  it('markdown for a pull-request comment', async () => {
    expectGolden(
      'compare.md',
      (await runCli(['compare', 'before.yaml', 'after.yaml', '--format', 'markdown'], { cwd: pair() })).stdout,
    );
  });

  it('csv parses back to the JSON numbers (to 15 significant digits: no float noise)', async () => {
    const dir = pair();
    const csv = (await runCli(['compare', 'before.yaml', 'after.yaml', '--format', 'csv'], { cwd: dir })).stdout;
    const json = JSON.parse(
      (await runCli(['compare', 'before.yaml', 'after.yaml', '--format', 'json'], { cwd: dir })).stdout,
    );
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.metrics.length);
    rows.forEach((row, i) => {
      const m = json.metrics[i];
      expect(row.metric).toBe(m.metric);
      const r15 = (x: number | null) => (x === null ? null : Number(x.toPrecision(15)));
      expect(row.baseline === '' ? null : Number(row.baseline)).toBe(r15(m.before));
      expect(row.candidate === '' ? null : Number(row.candidate)).toBe(r15(m.after));
    });
  });
});

describe('compare: percentiles under load and the autoscaled fleet', () => {
  const BH = path.resolve(__dirname, '../../scenarios/llama-3.1-8b-h100-business-hours.yaml');
  const PLAIN = path.resolve(__dirname, '../../scenarios/mistral-small-4-h100.yaml');
  const names = (out: string) => (JSON.parse(out).metrics as { metric: string }[]).map((m) => m.metric);

  it('adds their rows only when either side has them, with — for the side without', async () => {
    const plain = await runCli(['compare', PLAIN, PLAIN, '--format', 'json']);
    expect(names(plain.stdout)).not.toContain('time_to_first_token_p99_ms');
    const mixed = await runCli(['compare', PLAIN, BH, '--format', 'json']);
    const doc = JSON.parse(mixed.stdout) as { metrics: { metric: string; before: unknown; after: number }[] };
    const p99 = doc.metrics.find((m) => m.metric === 'time_to_first_token_p99_ms');
    const month = doc.metrics.find((m) => m.metric === 'autoscaled_monthly_cost_usd');
    expect(p99?.before).toBeNull();
    expect(month?.before).toBeNull();
    const sim = JSON.parse((await runCli(['simulate', BH, '--format', 'json'])).stdout).results[0];
    expect(p99?.after).toBe(sim.latency.timeToFirstTokenS.p99 * 1000);
    expect(month?.after).toBe(sim.autoscaled.monthlyCostUsd);
  });

  it('reads them back from a saved result (--baseline-json)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    const saved = path.join(dir, 'bh.json');
    writeFileSync(saved, (await runCli(['simulate', BH, '--format', 'json'])).stdout);
    const r = await runCli(['compare', '--baseline-json', saved, BH, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { metrics: { metric: string; change: number }[] };
    const goodput = doc.metrics.find((m) => m.metric === 'goodput');
    expect(goodput?.change).toBe(0);
    expect(doc.metrics.find((m) => m.metric === 'end_to_end_p50_ms')?.change).toBe(0);
  });
});
