/** Ranges on simulate's figures, as each format shows them (the band itself: test/unit/error-bands.test.ts). */
import { parse as parseCsv } from 'csv-parse/sync';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { priceOfferFor } from '../../src/scenario/price-offer.js';
import { runCli, scenarioFrom, type CliRun } from '../helpers.js';

describe('simulate: the 80% range beside each figure', () => {
  it('JSON: {expected, low, high} beside the field, which keeps its name and value', async () => {
    const r = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout).results[0];
    const range = r.blended.costPerQueryUsdRange;
    expect(range.expected).toBe(r.blended.costPerQueryUsd);
    // Cost scales by the band's multipliers; throughput by their inverse.
    expect(range.low).toBeCloseTo(r.blended.costPerQueryUsd * r.uncertainty.low, 15);
    expect(range.high).toBeCloseTo(r.blended.costPerQueryUsd * r.uncertainty.high, 15);
    expect(r.blended.outputTokensPerSPerAcceleratorRange.low).toBeCloseTo(
      r.blended.outputTokensPerSPerAccelerator / r.uncertainty.high,
      9,
    );
    expect(r.uncertainty.basis).toMatch(/10th-90th percentile/);
  });

  it('table: the blended cost and TPOT with their ranges, and what they rest on', async () => {
    const r = await runCli(['simulate']);
    expect(r.stdout).toMatch(
      / {2}80% range: \$[\d.]+ \([\d.]+–[\d.]+\)\/query, TPOT [\d.]+ ms \([\d.]+ ms–[\d.]+ ms\) — from the calculator's error/,
    );
  });

  it('HTML: the range and what it rests on, under the cost table', async () => {
    const r = await runCli(['simulate', '--format', 'html']);
    expect(r.stdout).toMatch(/<p class="note">80% range: \$[\d.]+ \([\d.]+–[\d.]+\) per query, TPOT /);
  });

  it('CSV: _low and _high columns after the existing ones', async () => {
    const records = parseCsv((await runCli(['simulate', '--format', 'csv'])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    const blended = records.find((x) => x.level === 'blended')!;
    expect(Number(blended.cost_per_query_usd_low)).toBeLessThan(Number(blended.cost_per_query_usd));
    expect(Number(blended.cost_per_query_usd_high)).toBeGreaterThan(Number(blended.cost_per_query_usd));
    expect(Object.keys(blended).slice(-6)).toEqual([
      'cost_per_query_usd_low',
      'cost_per_query_usd_high',
      'cost_per_million_tokens_usd_low',
      'cost_per_million_tokens_usd_high',
      'time_per_output_token_s_low',
      'time_per_output_token_s_high',
    ]);
  });
});

describe('check --confidence', () => {
  const FILE = 'scenarios/mistral-small-4-h100.yaml';
  const figures = async () =>
    JSON.parse((await runCli(['simulate', FILE, '--format', 'json'])).stdout).results[0].blended
      .costPerQueryUsdRange as {
      expected: number;
      low: number;
      high: number;
    };

  it('high: a limit between the expected figure and the high end fails, saying which end breached', async () => {
    const f = await figures();
    const limit = String((f.expected + f.high) / 2);
    expect((await runCli(['check', FILE, '--max-cost-per-query', limit])).code).toBe(0);
    const r = await runCli([
      'check',
      FILE,
      '--max-cost-per-query',
      limit,
      '--confidence',
      'high',
      '--format',
      'github',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/max_cost_per_query_usd: the high end of the 80%25 range, \$[\d.]+ exceeds limit/);
  });

  it('low: a limit between the low end and the expected figure passes (only the optimistic end is held to it)', async () => {
    const f = await figures();
    const limit = String((f.low + f.expected) / 2);
    expect((await runCli(['check', FILE, '--max-cost-per-query', limit])).code).toBe(1);
    const r = await runCli(['check', FILE, '--max-cost-per-query', limit, '--confidence', 'low', '--format', 'json']);
    expect(r.code).toBe(0);
    const check = JSON.parse(r.stdout).scenarios[0].checks.find(
      (c: { metric: string }) => c.metric === 'max_cost_per_query_usd',
    );
    expect(check).toMatchObject({ end: 'low', pass: true });
    expect(check.actual).toBeCloseTo(f.low, 15);
  });
});

describe('simulate --calibration', () => {
  it("sets the ranges from the user's own rows, and says so", async () => {
    const own = await runCli([
      'simulate',
      '--format',
      'json',
      '--calibration',
      'test/fixtures/calibration/gathered-lowbatch.yaml',
    ]);
    const shipped = await runCli(['simulate', '--format', 'json']);
    const a = JSON.parse(own.stdout).results[0];
    const b = JSON.parse(shipped.stdout).results[0];
    expect(a.uncertainty.rows).toBe('own');
    expect(b.uncertainty.rows).toBe('published');
    // The figure is the same; only its range moves.
    expect(a.blended.costPerQueryUsd).toBe(b.blended.costPerQueryUsd);
    expect(a.blended.costPerQueryUsdRange.high).not.toBe(b.blended.costPerQueryUsdRange.high);
  });

  it('a calibration path with nothing to read is exit 2', async () => {
    const r = await runCli(['simulate', '--calibration', 'no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe("a scenario's own calibration: (paths relative to the scenario file)", () => {
  const ROOT = process.cwd();
  const BENCH = path.join(
    ROOT,
    'test/fixtures/bench-outputs/sglang/bench-serving-v0.4-llama-3.3-70b-4xh200-tp4-online.jsonl',
  );
  /** A folder with `scenario.yaml` (its `calibration:` line given) and the files copied in. */
  const folder = (calibration: string, files: Record<string, string>, serving = '{ accelerators_per_replica: 4 }') => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-own-'));
    mkdirSync(path.join(dir, 'runs'));
    for (const [name, from] of Object.entries(files)) copyFileSync(from, path.join(dir, name));
    writeFileSync(
      path.join(dir, 'scenario.yaml'),
      [
        'name: llama 70b on 4 h200',
        'model: { preset: llama-3.3-70b }',
        'hardware: { preset: h200 }',
        `serving: ${serving}`,
        'traffic: { requests_per_day: 1000000, input_tokens: 1000, output_tokens: 300 }',
        calibration,
      ].join('\n'),
    );
    return dir;
  };
  const json = (r: CliRun) => JSON.parse(r.stdout).results[0];

  it("simulate, explain and check take the ranges from the scenario's rows; --calibration overrides them", async () => {
    const dir = folder('calibration: runs/', {
      'runs/low-batch.yaml': 'test/fixtures/calibration/gathered-lowbatch.yaml',
    });
    const file = path.join(dir, 'scenario.yaml');
    const own = json(await runCli(['simulate', file, '--format', 'json'], { cwd: ROOT }));
    expect(own.uncertainty.rows).toBe('own');
    const flag = json(
      await runCli(['simulate', file, '--format', 'json', '--calibration', 'test/fixtures/calibration/public.yaml']),
    );
    expect(flag.uncertainty.rows).toBe('own');
    expect(flag.blended.costPerQueryUsdRange).not.toEqual(own.blended.costPerQueryUsdRange);
    expect(flag.blended.costPerQueryUsd).toBe(own.blended.costPerQueryUsd);
    // explain's final range and check's high end are the same band.
    const e = JSON.parse((await runCli(['explain', file, '--format', 'json'])).stdout).results[0];
    expect(e.finalCostPerQueryUsdRange).toEqual(own.blended.costPerQueryUsdRange);
    const c = await runCli(['check', file, '--format', 'json', '--confidence', 'high', '--max-cost-per-query', '1']);
    const checked = JSON.parse(c.stdout).scenarios[0].checks[0];
    expect(checked.actual).toBeCloseTo(own.blended.costPerQueryUsdRange.high, 15);
  });

  it("a benchmark output without a sidecar is taken as the scenario's deployment, and the note says so", async () => {
    const dir = folder('calibration: run.jsonl', { 'run.jsonl': BENCH });
    const r = await runCli(['simulate', path.join(dir, 'scenario.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /note: .*run\.jsonl: taken as the scenario's model llama-3\.3-70b, accelerator h200, accelerators 4, precision bf16 \(the output does not record them\); a sidecar run\.infercost\.yaml says otherwise/,
    );
    expect(json(r).uncertainty.rows).toBe('own');
  });

  it('what the scenario cannot supply is asked of the sidecar, not of flags simulate does not have', async () => {
    const dir = folder('calibration: run.jsonl', { 'run.jsonl': BENCH }, '{ max_batch: 64 }');
    const r = await runCli(['simulate', path.join(dir, 'scenario.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /run\.jsonl: the benchmark output does not say how many accelerators served it: write `accelerators:` in run\.infercost\.yaml \(the scenario has no serving\.accelerators_per_replica to assume\)/,
    );
    expect(r.stderr).not.toMatch(/--accelerators/);
  });

  it("check: a calibration that cannot be read is that scenario's error, at its line", async () => {
    const dir = folder('calibration: runs/none.yaml', {});
    const r = await runCli(['check', path.join(dir, 'scenario.yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    const row = JSON.parse(r.stdout).scenarios[0];
    expect(row.status).toBe('error');
    expect(row.error).toMatch(/none\.yaml/);
  });
});

describe('README end to end: benchmark output → calibrate --fit → the snippet in a scenario → ranges from the run', () => {
  const EXAMPLE = 'examples/calibrated/llama-3.3-70b-4xh200-sglang.yaml';
  const BENCH = 'test/fixtures/bench-outputs/sglang/bench-serving-v0.4-llama-3.3-70b-4xh200-tp4-online.jsonl';

  it("the example's serving.efficiency is what calibrate --fit prints for that run today", async () => {
    const fit = await runCli([
      'calibrate',
      BENCH,
      ...['--model', 'llama-3.3-70b', '--accelerator', 'h200', '--accelerators', '4', '--precision', 'bf16'],
      '--fit',
      '--format',
      'json',
    ]);
    expect(fit.code).toBe(0);
    const fitted = JSON.parse(fit.stdout).fit.efficiency as Record<string, number>;
    const example = scenarioFrom(readFileSync(EXAMPLE, 'utf8')).serving.efficiency as Record<string, number>;
    expect(example).toEqual(fitted);
  });

  it('simulating the example takes its ranges from that run', async () => {
    const r = await runCli(['simulate', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const u = JSON.parse(r.stdout).results[0].uncertainty;
    expect(u).toMatchObject({ rows: 'own', parametersChanged: false });
  });
});

describe('ranges in explain and fleet', () => {
  it("explain: the final cost's range is simulate's", async () => {
    const e = JSON.parse((await runCli(['explain', '--format', 'json'])).stdout).results[0];
    const s = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout).results[0];
    expect(e.finalCostPerQueryUsdRange).toEqual(s.blended.costPerQueryUsdRange);
    expect((await runCli(['explain'])).stdout).toMatch(/Final: \$[\d.]+\/query\. 80% range: \$[\d.]+–[\d.]+\./);
  });

  it("fleet: a deployment's fleet re-sized at each end of its band, in whole replicas; an option adds its deployments' ends", async () => {
    const r = await runCli(['fleet', 'examples/fleet/mistral-consolidation.yaml', '--format', 'json']);
    const o = JSON.parse(r.stdout).options[0];
    const d = o.deployments[0];
    // A replica's month: the cost of the deployment's replicas over their count. Each end is a whole
    // number of them, at least min_replicas (hand-checked cases: test/unit/fleet-size.test.ts).
    const replicaUsd = d.monthlyCostUsd / d.replicas;
    for (const end of ['low', 'high'] as const) {
      const replicas = d.monthlyCostUsdRange[end] / replicaUsd;
      expect(Math.abs(replicas - Math.round(replicas))).toBeLessThan(1e-9);
      expect(Math.round(replicas)).toBeGreaterThanOrEqual(Math.max(1, d.minReplicas));
    }
    expect(d.monthlyCostUsdRange.low).toBeLessThanOrEqual(d.monthlyCostUsd);
    expect(d.monthlyCostUsdRange.high).toBeGreaterThanOrEqual(d.monthlyCostUsd);
    const sum = (k: 'low' | 'high') =>
      o.deployments.reduce(
        (x: number, y: { monthlyCostUsdRange: Record<string, number> }) => x + y.monthlyCostUsdRange[k]!,
        0,
      );
    expect(o.monthlyCostUsdRange).toEqual({ expected: o.monthlyCostUsd, low: sum('low'), high: sum('high') });
    const csv = (await runCli(['fleet', 'examples/fleet/mistral-consolidation.yaml', '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toMatch(/,monthly_cost_usd_low,monthly_cost_usd_high(,|$)/);
  });
});

describe("the price range: the same deployment at the chip's other listed prices", () => {
  it('cost per query is proportional to the price: at the lowest and highest listed offer', async () => {
    const r = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout).results[0];
    const o = r.hardware.priceOffers;
    // The default scenario runs on the H100 SXM preset: several offers are listed for it (src/data/price-offers.ts).
    expect(o.offers).toBeGreaterThanOrEqual(2);
    expect(o.costPerQueryUsdAtLow).toBeCloseTo(
      (r.blended.costPerQueryUsd * o.lowUsdPerHour) / r.hardware.priceUsdPerHour,
      15,
    );
    expect(o.costPerQueryUsdAtHigh).toBeCloseTo(
      (r.blended.costPerQueryUsd * o.highUsdPerHour) / r.hardware.priceUsdPerHour,
      15,
    );
    expect((await runCli(['simulate'])).stdout).toMatch(
      / {2}at the \d+ listed prices for NVIDIA H100 SXM5 80GB \(on-demand, capacity-block; \$[\d.]+–[\d.]+ per accelerator-hour\): \$[\d.]+–[\d.]+\/query/,
    );
  });
});

describe('hardware.price_offer: a scenario names the offer it pays', () => {
  const scenario = (hardware: string) =>
    [
      'name: offer',
      'model: { preset: llama-3.1-8b }',
      `hardware: { preset: h100-sxm, ${hardware} }`,
      'traffic: { requests_per_day: 100000, input_tokens: 1000, output_tokens: 300 }',
    ].join('\n');
  const blended = async (hardware: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-offer-'));
    const file = path.join(dir, 's.yaml');
    writeFileSync(file, scenario(hardware));
    const r = await runCli(['simulate', file, '--format', 'json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout).results[0];
  };

  it("prices the scenario at that offer's price, the same as typing it, and says where it came from", async () => {
    // lambda-on-demand is $3.99 per H100-hour (src/data/price-offers.ts); a provider alone names its one offer.
    const offer = await blended('price_offer: lambda');
    const typed = await blended('price_usd_per_hour: 3.99');
    expect(offer.hardware.priceUsdPerHour).toBe(3.99);
    expect(offer.blended.costPerQueryUsd).toBe(typed.blended.costPerQueryUsd);
    const origin = offer.assumptions.find((a: { path: string }) => a.path === 'hardware.price_usd_per_hour');
    expect(origin.origin).toBe('preset h100-sxm, price offer lambda-on-demand');
  });

  it('a chip without listed offers, and a name that fits several, are problems naming the choices', () => {
    expect(priceOfferFor('gb200', 'aws')).toEqual({
      ok: false,
      message: 'no price offers are listed for gb200: set hardware.price_usd_per_hour instead',
    });
    const several = priceOfferFor('h200', 'gcp');
    expect(several.ok).toBe(false);
    expect(!several.ok && several.message).toMatch(
      /^"gcp" fits 2 offers for h200: name one of gcp-on-demand-us-central1 \(\$10\.845\/h: .*\); gcp-on-demand-europe-west4 /,
    );
    expect(priceOfferFor('h200', 'gcp-on-demand-europe-west4')).toMatchObject({
      ok: true,
      offer: { usdPerAcceleratorHour: 6.1852 },
    });
  });
});
