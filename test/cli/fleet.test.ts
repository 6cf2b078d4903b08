/**
 * `infercost fleet`: the example file runs, every format renders, bad input is
 * located, and the findings examples/fleet/mistral-consolidation.yaml states in
 * its comments still hold (if the calculator's physics change, update the
 * comments with the new numbers, then this test).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareFleet } from '../../src/core/fleet.js';
import type { FleetComparison } from '../../src/core/fleet-result.js';
import { loadFleet, type Fleet } from '../../src/scenario/fleet-schema.js';
import { runCli } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = 'examples/fleet/mistral-consolidation.yaml';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'infercost-fleet-'));
const example = (): Fleet => loadFleet(readFileSync(path.join(ROOT, EXAMPLE), 'utf8'), EXAMPLE).fleet;

describe('infercost fleet', () => {
  it('compares the options side by side, with the breakdown and the cost per workload', async () => {
    const r = await runCli(['fleet', EXAMPLE], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Four specialised Mistral deployments vs Mistral Small 4 with a dial');
    // Four 1-GPU deployments at two replicas each; Small 4 on two 2-GPU replicas.
    expect(r.stdout).toMatch(/│ accelerators +│ +\d+ │ +4 │ +8 │ +4 │/);
    expect(r.stdout).toMatch(/│ \$\/month +│ +\$[\d,]+ │ +\$8,620 │ +\$17,240 │ +\$8,620 │/);
    expect(r.stdout).toContain('+ minimum replicas');
    expect(r.stdout).toMatch(/│ vision +│ +8,000 │ +2,500 │ +300 │ +\$0\.00885 │ +\$0\.000\d+ │/);
    expect(r.stdout).toContain('2 (min)');
    expect(r.stdout).toContain('capability differences between models are not modelled');
  });

  it('--format json is one versioned document with every deployment and its calculator result', async () => {
    const r = await runCli(['fleet', EXAMPLE, '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as FleetComparison & { generator: string };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.generator).toMatch(/^infercost /);
    expect(doc.options.map((o) => o.name)).toEqual([
      'specialised',
      'one model with a dial',
      'specialised, 2 min',
      'dial, 2 min',
    ]);
    const dial = doc.options[1]!.deployments[0]!;
    expect(dial.serves).toEqual(['general', 'coding', 'reasoning', 'vision']);
    expect(dial.simulation.schemaVersion).toBe(2);
    expect(dial.replicaSizes.length).toBeGreaterThan(0);
  });

  it('--format csv parses back: option, deployment and workload rows, plain-decimal numbers', async () => {
    const r = await runCli(['fleet', EXAMPLE, '--format', 'csv'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\de[-+]?\d/);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toContain('monthly_cost_usd');
    expect(Object.keys(rows[0]!)).toContain('cost_per_query_usd');
    expect(rows.filter((x) => x.row === 'option')).toHaveLength(4);
    expect(rows.filter((x) => x.row === 'deployment')).toHaveLength(10);
    expect(rows.filter((x) => x.row === 'workload')).toHaveLength(16);
    const dial = rows.find((x) => x.row === 'option' && x.option === 'one model with a dial')!;
    expect(Number(dial.accelerators)).toBe(4);
    expect(Number(dial.monthly_cost_usd)).toBeCloseTo(4 * 2.95 * 24 * 30.4375, 6);
  });

  it('--output writes the file and nothing to stdout', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'f.yaml'), readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
    const r = await runCli(['fleet', 'f.yaml', '--format', 'json', '--output', 'out.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).options).toHaveLength(4);
  });
});

describe('infercost fleet: bad input exits 2 with file:line:col and the field path', () => {
  const write = (text: string) => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.yaml'), text);
    return dir;
  };
  const GOOD = `name: two
fleet:
  workloads:
    - name: chat
      traffic: { requests_per_day: 1000, input_tokens: 500, output_tokens: 200 }
  options:
    - name: one
      deployments:
        - name: d
          serves: [chat]
          model: { preset: llama-3.1-8b }
          hardware: { preset: h100-sxm }
`;

  it('runs the good file', async () => {
    expect((await runCli(['fleet', 'bad.yaml'], { cwd: write(GOOD) })).code).toBe(0);
  });

  it('a misspelt key inside a deployment, with "did you mean"', async () => {
    const r = await runCli(['fleet', 'bad.yaml'], { cwd: write(GOOD.replace('serves: [chat]', 'serve: [chat]')) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'bad.yaml:10:11: fleet.options.0.deployments.0.serve: unknown key (did you mean "serves"?; serves is required)',
    );
  });

  it('an unknown workload name and a wrong value', async () => {
    const r = await runCli(['fleet', 'bad.yaml'], {
      cwd: write(
        GOOD.replace('serves: [chat]', 'serves: [chta]').replace('requests_per_day: 1000', 'requests_per_day: lots'),
      ),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'bad.yaml:5:36: fleet.workloads.0.traffic.requests_per_day: expected a number, got the text "lots"',
    );
  });

  it('a workload no deployment serves', async () => {
    const r = await runCli(['fleet', 'bad.yaml'], { cwd: write(GOOD.replace('serves: [chat]', 'serves: [chta]')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'bad.yaml:10:20: fleet.options.0.deployments.0.serves.0: unknown workload "chta" (did you mean "chat"?)',
    );
    expect(r.stderr).toContain('option "one" serves no deployment for workload "chat"');
  });

  it('a deployment the calculator cannot price names its place in the file', async () => {
    const r = await runCli(['fleet', 'bad.yaml'], { cwd: write(GOOD.replace('preset: h100-sxm', 'preset: mi355x')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^infercost: bad\.yaml:12:\d+: fleet\.options\.0\.deployments\.0\.hardware\.price_usd_per_hour: option "one", deployment "d": no price per accelerator-hour/,
    );
  });

  it('a workload longer than the model context names the workload', async () => {
    const r = await runCli(['fleet', 'bad.yaml'], {
      cwd: write(GOOD.replace('input_tokens: 500', 'input_tokens: 200000')),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'bad.yaml:5:56: fleet.workloads.0.traffic.input_tokens: option "one", deployment "d": workload "chat" reaches 200200 tokens of context',
    );
  });

  it('a scenario file given to fleet says what it is', async () => {
    const r = await runCli(['fleet', 'scenarios/mistral-small-4-h100.yaml'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this is a scenario file (it has model:, no fleet:): run `infercost simulate` on it');
  });

  it('a missing file and an unknown format', async () => {
    expect((await runCli(['fleet', 'nope.yaml'], { cwd: tmp() })).stderr).toContain(
      'nope.yaml: cannot read: no such file',
    );
    const r = await runCli(['fleet', EXAMPLE, '--format', 'xml'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid");
  });
});

// The findings the example file's comments state. Which model is cheaper per token moves
// with the efficiency calibration (src/scenario/defaults.ts: bandwidth- or compute-bound);
// what is checked here is what holds either way.
describe('what the consolidation example shows', () => {
  const scaled = (f: Fleet, k: number): Fleet => ({
    ...f,
    fleet: {
      ...f.fleet,
      workloads: f.fleet.workloads.map((w) => ({
        ...w,
        traffic: { ...w.traffic, requests_per_day: w.traffic.requests_per_day * k },
      })),
    },
  });
  const byName = (r: FleetComparison) => Object.fromEntries(r.options.map((o) => [o.name, o]));
  const r = byName(compareFleet(example()));
  const ratio = (o: Record<string, FleetComparison['options'][number]>, a: string, b: string) =>
    o[a]!.monthlyCostUsd / o[b]!.monthlyCostUsd;

  it('one model with a dial is cheaper to run than four deployments, and half with two replicas minimum', () => {
    expect(ratio(r, 'one model with a dial', 'specialised')).toBeLessThan(0.9);
    expect(r['specialised, 2 min']!.accelerators).toBe(8);
    expect(ratio(r, 'dial, 2 min', 'specialised, 2 min')).toBeCloseTo(0.5, 6);
  });

  it('part of the saving is pooling: it is larger as provisioned than at the utilisation target', () => {
    const atTarget = r['one model with a dial']!.costPerQueryAtTargetUsd! / r['specialised']!.costPerQueryAtTargetUsd!;
    expect(ratio(r, 'one model with a dial', 'specialised')).toBeLessThan(atTarget);
    expect(r['specialised']!.breakdown.roundingUp).toBeGreaterThan(r['one model with a dial']!.breakdown.roundingUp);
  });

  it('Small 4 is cheaper per query on long prompts: prefill uses its ~6B active parameters', () => {
    const cost = (option: string) => r[option]!.workloads.find((w) => w.workload === 'coding')!.costPerQueryAtTargetUsd;
    // Serving model v2: 1/1.49 (0.2.0 said under 1/2). Small 4's prefill FLOPs are a quarter of the dense
    // 24B's, but on two accelerators each rank repeats the activation traffic of every token (norms,
    // the MoE's four routed copies) and the pass pays two all-reduces per layer: ~40% of its time.
    expect(cost('one model with a dial')).toBeLessThan(cost('specialised') * 0.8);
  });

  it('the small vision workload pays for a whole, mostly idle replica', () => {
    const pixtral = r['specialised']!.deployments.find((d) => d.name === 'pixtral')!;
    expect(pixtral.averageUtilization).toBeLessThan(0.05);
    const vision = (o: string) => r[o]!.workloads.find((w) => w.workload === 'vision')!.costPerQueryUsd!;
    expect(vision('specialised') / vision('one model with a dial')).toBeGreaterThan(20);
  });

  it('with 100x the traffic, whole replicas stop mattering: provisioned cost nears the target-utilisation cost', () => {
    const big = byName(compareFleet(scaled(example(), 100)));
    for (const name of ['specialised', 'one model with a dial']) {
      const gap = (o: FleetComparison['options'][number]) => o.costPerQueryUsd! / o.costPerQueryAtTargetUsd!;
      expect(gap(big[name]!)).toBeLessThan(gap(r[name]!));
      expect(big[name]!.averageUtilization).toBeGreaterThan(r[name]!.averageUtilization);
      expect(big[name]!.breakdown.roundingUp / big[name]!.accelerators).toBeLessThan(0.05);
    }
  });
});

describe('fleet: daily curves, autoscaling and percentiles (examples/fleet/day-and-night.yaml)', () => {
  const FILE = 'examples/fleet/day-and-night.yaml';
  const r: FleetComparison = compareFleet(loadFleet(readFileSync(path.join(ROOT, FILE), 'utf8'), FILE).fleet);
  const [separate, shared] = r.options;

  it('sums the autoscaled deployments into the option', () => {
    for (const o of r.options)
      expect(o.autoscaledMonthlyCostUsd).toBeCloseTo(
        o.deployments.reduce((s, d) => s + (d.simulation.autoscaled?.monthlyCostUsd ?? NaN), 0),
        6,
      );
    // Autoscaling never costs more than keeping the peak fleet all month.
    for (const o of r.options) expect(o.autoscaledMonthlyCostUsd ?? Infinity).toBeLessThanOrEqual(o.monthlyCostUsd);
  });

  it('the shared deployment peaks lower than the two deployments’ peaks added (the curves interleave)', () => {
    const sum = (separate?.deployments ?? []).reduce((s, d) => s + d.peakRequestsPerS, 0);
    expect(shared?.deployments[0]?.peakRequestsPerS).toBeLessThan(sum);
  });

  it('shows the autoscaled month and the percentiles in the table and CSV', async () => {
    const table = await runCli(['fleet', FILE], { cwd: ROOT });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\$\/month autoscaled/);
    expect(table.stdout).toMatch(/separate \/ assistant: p50 \/ p99 TTFT [\d.]+ ms \/ [\d.]+ ms/);
    const csv = parse((await runCli(['fleet', FILE, '--format', 'csv'], { cwd: ROOT })).stdout, {
      columns: true,
    }) as Record<string, string>[];
    const option = csv.find((row) => row.row === 'option' && row.name === 'shared');
    expect(Number(option?.autoscaled_monthly_cost_usd)).toBeCloseTo(shared?.autoscaledMonthlyCostUsd ?? NaN, 6);
    const assistant = csv.find((row) => row.row === 'deployment' && row.name === 'assistant');
    expect(Number(assistant?.time_to_first_token_p99_ms)).toBeCloseTo(
      (separate?.deployments[0]?.simulation.latency?.timeToFirstTokenS.p99 ?? NaN) * 1000,
      9,
    );
    expect(csv.find((row) => row.row === 'deployment' && row.name === 'summaries')?.time_to_first_token_p99_ms).toBe(
      '',
    );
  });
});
