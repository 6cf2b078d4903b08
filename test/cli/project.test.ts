/**
 * `infercost project`: every format, flags and bad input, and the findings
 * examples/roadmap/articles-claims.yaml states in its comments (if the physics
 * change, update the comments with the new numbers, then this test).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../../src/core/project.js';
import { runCli } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const SCENARIO = 'scenarios/mistral-small-4-h100.yaml';
const CLAIMS = 'examples/roadmap/articles-claims.yaml';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'infercost-project-'));

const json = async (args: string[]) => {
  const r = await runCli(['project', ...args, '--format', 'json'], { cwd: ROOT });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Projection & { generator: string };
};

describe('infercost project', () => {
  it('shows periods of the default roadmap: B200 until Rubin arrives in H2 2026', async () => {
    const r = await runCli(['project', SCENARIO, '--months', '18', '--start', '2026-01'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2026-01 to 2027-06 (18 months) along NVIDIA GPUs for rent (infercost default roadmap)');
    expect(r.stdout).toMatch(/│ 2026-01 – 2026-06 │ NVIDIA B200 +│ +\$5\.50 │/);
    expect(r.stdout).toMatch(
      /│ 2026-07 – 2027-06 │ NVIDIA Rubin GPU +│ +\$10\.25 │ .* │ +1\/1\.\d+ │ .*NVIDIA Rubin GPU available; switch to NVIDIA Rubin GPU/,
    );
    expect(r.stdout).toContain('Roadmap sources');
    expect(r.stdout).toContain('The scenario as written (its own hardware, `infercost simulate`)');
  });

  it('--format json: one row per month, each with the hardware tried', async () => {
    const p = await json([SCENARIO, '--months', '18', '--start', '2026-01']);
    expect(p.schemaVersion).toBe(1);
    expect(p.generator).toMatch(/^infercost /);
    expect(p.months).toHaveLength(18);
    expect([p.start, p.end]).toEqual(['2026-01', '2027-06']);
    // H100 (the scenario's and the roadmap's) and B200 in January; Rubin from July.
    expect(p.months[0]!.candidates.map((c) => c.hardware)).toEqual([
      'NVIDIA H100 SXM5 80GB',
      'NVIDIA H100 SXM5 80GB',
      'NVIDIA B200 (HGX B200, 1000 W)',
    ]);
    expect(p.months[6]!.candidates).toHaveLength(4);
    expect(p.sources.every((s) => s.source.length > 0)).toBe(true);
  });

  it('--format csv parses back: a row per month, units in the header, plain decimals', async () => {
    const r = await runCli(['project', SCENARIO, '--start', '2026-11', '--format', 'csv'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\de[-+]?\d/);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(18); // --months defaults to 18
    expect(Object.keys(rows[0]!)).toEqual([
      'month',
      'hardware',
      'price_usd_per_hour',
      'accelerators_per_replica',
      'compression',
      'extra_factors',
      'cost_per_query_usd',
      'cost_per_million_output_tokens_usd',
      'monthly_cost_usd',
      'fleet_accelerators',
      'provisioned_monthly_cost_usd',
      'cost_vs_start',
      'changes',
      // The 80% range of the cost per query (issue: ranges on every figure), after the others.
      'cost_per_query_usd_low',
      'cost_per_query_usd_high',
    ]);
    for (const row of rows)
      expect(Number(row.cost_per_query_usd_low)).toBeLessThanOrEqual(Number(row.cost_per_query_usd_high));
    expect(rows[0]!.month).toBe('2026-11');
    expect(rows[17]!.month).toBe('2028-04');
    for (const row of rows) expect(Number(row.cost_per_query_usd)).toBeGreaterThan(0);
  });

  it('defaults --start to this month', async () => {
    const p = await json([SCENARIO, '--months', '1']);
    expect(p.start).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
  });

  it('--roadmap-only leaves out the scenario hardware; months with nothing available warn', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'late.yaml'),
      'name: late\naccelerators:\n  - from: 2026-03\n    source: test\n    hardware: { preset: b200 }\n',
    );
    const r = await runCli(
      [
        'project',
        path.join(ROOT, SCENARIO),
        '--roadmap',
        'late.yaml',
        '--roadmap-only',
        '--start',
        '2026-01',
        '--months',
        '3',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'infercost: warning: 2026-01: no hardware on the roadmap can run the scenario\ninfercost: warning: 2026-02: no hardware on the roadmap can run the scenario\n',
    );
    expect(r.stdout).toContain('none feasible');
  });
});

describe('infercost project: bad input exits 2, located', () => {
  it('a bad --start or --months', async () => {
    for (const [flag, value, message] of [
      ['--start', '2026-13', '--start: expected a month as YYYY-MM (e.g. 2026-11), got "2026-13"'],
      ['--start', 'nov', '--start: expected a month as YYYY-MM'],
      ['--months', '0', '--months: expected a positive whole number, got "0"'],
    ] as const) {
      const r = await runCli(['project', SCENARIO, flag, value], { cwd: ROOT });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
    }
  });

  it('a roadmap entry with no price, with file:line:col and field path', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'r.yaml'),
      'name: r\naccelerators:\n  - from: 2026-01\n    source: s\n    hardware: { preset: mtia-400 }\n  - from: 2026-01\n    sorce: s\n    hardware: { preset: b200 }\n',
    );
    const r = await runCli(['project', path.join(ROOT, SCENARIO), '--roadmap', 'r.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'r.yaml:5:5: accelerators.0.hardware.price_usd_per_hour: no price per accelerator-hour for Meta MTIA 400',
    );
    expect(r.stderr).toContain(
      'r.yaml:7:5: accelerators.1.sorce: unknown key (did you mean "source"?; source is required)',
    );
  });

  it('a scenario given as the roadmap says what it is', async () => {
    const r = await runCli(['project', SCENARIO, '--roadmap', SCENARIO], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this is a scenario file, not a roadmap');
  });

  it('a scenario no roadmap hardware can run', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'r.yaml'),
      'name: r\naccelerators:\n  - { from: 2026-01, source: s, hardware: { preset: rubin, price_usd_per_hour: 10 } }\n',
    );
    const r = await runCli(
      [
        'project',
        path.join(ROOT, SCENARIO),
        '--roadmap',
        'r.yaml',
        '--roadmap-only',
        '--start',
        '2026-01',
        '--months',
        '2',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no hardware on the roadmap can run the scenario in any month from 2026-01 \(NVIDIA Rubin GPU .*no dense FLOP\/s figure/,
    );
  });
});

// The findings examples/roadmap/articles-claims.yaml states. Its exact ratios move with
// the efficiency calibration (src/scenario/defaults.ts); what is checked here does not.
describe("what the articles' roadmap does to Mistral Small 4 on the H100 workload", () => {
  it('each claimed chip and compression step takes over when it arrives', async () => {
    const p = await json([SCENARIO, '--roadmap', CLAIMS, '--start', '2026-11', '--months', '18']);
    const at = (month: string) => p.months.find((m) => m.month === month)!;
    // Serving model v2: the MTIA 400 (out since 2026-03) beats Rubin in 2026-11 (examples/roadmap/articles-claims.yaml).
    expect(at('2026-11').hardware).toBe('Meta MTIA 400');
    expect(at('2027-01').hardware).toBe('Meta MTIA 450');
    expect(at('2027-01').compression).toBe(0.307);
    expect(at('2027-07').hardware).toBe('Meta MTIA 500');
    expect(at('2027-07').compression).toBe(0.57);
    expect(at('2028-03').extraFactors).toEqual(['LLM-JEPA latent decoding']);
    expect(p.months.map((m) => m.costPerQueryUsd)).toEqual(
      [...p.months.map((m) => m.costPerQueryUsd)].sort((a, b) => b! - a!),
    );
  });

  it('hardware and compression: 2-4x in 18 months, under 10x from H100; even with JEPA, under 15x', async () => {
    const p = await json([SCENARIO, '--roadmap', CLAIMS, '--start', '2026-11', '--months', '18']);
    const beforeJepa = p.months.find((m) => m.month === '2028-02')!;
    expect(1 / beforeJepa.costVsStart!).toBeGreaterThan(2);
    expect(1 / beforeJepa.costVsStart!).toBeLessThan(4);
    // Seed 001 says 10-20x, seed 003 15-25x "real" (80-150x "theoretical").
    expect(p.summary.scenarioCostPerQueryUsd! / beforeJepa.costPerQueryUsd!).toBeLessThan(10);
    expect(1 / p.summary.endVsScenario!).toBeGreaterThan(5);
    expect(1 / p.summary.endVsScenario!).toBeLessThan(15);
  });
});
