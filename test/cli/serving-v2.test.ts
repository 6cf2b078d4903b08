/**
 * What the serving model v2 shows a user through the CLI: the step breakdown,
 * concurrency-capped deployments, replicas that cross nodes, the located
 * message for a factor that went away, and calibrate's new inputs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'infercost-v2-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}

const BASE = `name: eight-b
model: { preset: llama-3.1-8b, weight_precision: fp8 }
hardware: { preset: h100-sxm }
traffic: { requests_per_day: 100000, input_tokens: 1000, output_tokens: 200 }
`;

describe('simulate shows why a step takes its time', () => {
  it('the table lists the decode step and the prefill pass by part', async () => {
    const r = await runCli(['simulate', 's.yaml'], { cwd: dir({ 's.yaml': BASE }) });
    expect(r.code).toBe(0);
    // Batch 256 at 1,100 tokens of context: the KV-cache read dominates, the GEMMs are compute-bound.
    expect(r.stdout).toMatch(/decode step: KV cache [\d.]+ ms · compute [\d.]+ ms/);
    expect(r.stdout).toMatch(/fixed cost [\d.]+ ms/);
    expect(r.stdout).toMatch(/prefill pass of 8192 tokens: compute [\d.]+ ms/);
  });

  it('--format json gives both breakdowns, summing to the step times', async () => {
    const r = await runCli(['simulate', 's.yaml', '--format', 'json'], { cwd: dir({ 's.yaml': BASE }) });
    const d = JSON.parse(r.stdout).results[0].deployment;
    const sum = (b: Record<string, number>) => Object.values(b).reduce((s, v) => s + v, 0);
    expect(sum(d.decodeStepBreakdown)).toBeCloseTo(d.decodeStepS, 12);
    expect(sum(d.prefillPassBreakdown)).toBeCloseTo(d.prefillPassS, 12);
    expect(d.crossesNodes).toBe(false);
    expect(['weights', 'kv-cache', 'activations', 'compute', 'communication', 'fixed']).toContain(d.decodeBound);
  });
});

describe("a chip's measured share of its spec", () => {
  it("MI300X's preset shares are listed among the assumptions, and a prefill pass takes 0.75 / 0.5 = 1.5x as long as at the reference share", async () => {
    const mi = BASE.replace('preset: h100-sxm', 'preset: mi300x');
    // The same chip told it reaches the reference chips' shares (0.75 of peak, 0.91 of bandwidth).
    const reference = mi.replace(
      'preset: mi300x }',
      'preset: mi300x, gemm_fraction_of_peak: 0.75, memory_fraction_of_peak: 0.91 }',
    );
    const cwd = dir({ 'mi.yaml': mi, 'ref.yaml': reference });
    const j = JSON.parse((await runCli(['simulate', 'mi.yaml', '--format', 'json'], { cwd })).stdout).results[0];
    const byPath = new Map(j.assumptions.map((a: { path: string }) => [a.path, a]));
    expect(byPath.get('hardware.gemm_fraction_of_peak')).toMatchObject({ value: 0.5, origin: 'preset mi300x' });
    expect(byPath.get('hardware.memory_fraction_of_peak')).toMatchObject({ value: 0.77, origin: 'preset mi300x' });
    const r = JSON.parse((await runCli(['simulate', 'ref.yaml', '--format', 'json'], { cwd })).stdout).results[0];
    // The 8,192-token prefill pass is compute-bound at both shares: its compute part scales by the FLOP rate.
    expect(j.deployment.prefillPassBreakdown.computeS / r.deployment.prefillPassBreakdown.computeS).toBeCloseTo(1.5, 9);
  });
});

describe('serving.max_concurrency', () => {
  it('caps the decode batch, says so, and prices the replica at that batch', async () => {
    const capped = BASE + 'serving: { max_concurrency: 8 }\n';
    const cwd = dir({ 'open.yaml': BASE, 'capped.yaml': capped });
    const open = JSON.parse((await runCli(['simulate', 'open.yaml', '--format', 'json'], { cwd })).stdout).results[0];
    const c8 = JSON.parse((await runCli(['simulate', 'capped.yaml', '--format', 'json'], { cwd })).stdout).results[0];
    expect(c8.deployment.batch).toBe(8);
    expect(c8.deployment.batchLimitedBy).toBe('max_concurrency');
    expect(open.deployment.batch).toBeGreaterThan(8);
    // Fewer sequences share each step's weight reads: more expensive per query, faster per token.
    expect(c8.blended.costPerQueryUsd).toBeGreaterThan(open.blended.costPerQueryUsd);
    expect(c8.blended.timePerOutputTokenS).toBeLessThan(open.blended.timePerOutputTokenS);
    expect(c8.assumptions.some((a: { path: string }) => a.path === 'serving.max_concurrency')).toBe(true);
  });
});

describe('a replica beyond one node', () => {
  it('pays the scale-out network and says so', async () => {
    // Llama 3.1 405B in bf16 (810 GB) needs 16 H100s: two HGX nodes.
    const s = `name: two nodes
model: { preset: llama-3.1-405b, weight_precision: bf16 }
hardware: { preset: h100-sxm }
serving: { accelerators_per_replica: 16 }
traffic: { requests_per_day: 1000, input_tokens: 1000, output_tokens: 100 }
`;
    const cwd = dir({ 's.yaml': s });
    const r = await runCli(['simulate', 's.yaml'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /spans 2 scale-up domains of 8: its tensor-parallel all-reduces cross the scale-out network/,
    );
    expect(r.stdout).toMatch(/the replica spans more than one scale-up domain/);
    const j = JSON.parse((await runCli(['simulate', 's.yaml', '--format', 'json'], { cwd })).stdout).results[0];
    expect(j.deployment.crossesNodes).toBe(true);
    // 126 layers × 2 all-reduces, each at least 26.8 + 25 µs of latency: ≥ 13 ms of communication per step.
    expect(j.deployment.decodeStepBreakdown.communicationS).toBeGreaterThan(0.013);
  });
});

describe('a factor the serving model v2 removed', () => {
  it('is a located error naming what replaced it, in a scenario and in --efficiency', async () => {
    const s = `name: old
model: { preset: llama-3.1-8b }
hardware: { preset: h100-sxm }
serving:
  efficiency:
    decode_compute: 0.5
traffic: { requests_per_day: 1000, input_tokens: 500, output_tokens: 200 }
`;
    const r = await runCli(['simulate', 'old.yaml'], { cwd: dir({ 'old.yaml': s }) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /old\.yaml:6:5: serving\.efficiency\.decode_compute: decode_compute was removed in 0\.3\.0: .*efficiency\.gemm_half_rows/,
    );
    const c = await runCli([
      'calibrate',
      path.resolve(__dirname, '../fixtures/calibration/concurrency.yaml'),
      '--efficiency',
      'fine_grained_moe=0.2',
    ]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--efficiency: fine_grained_moe was removed in 0\.3\.0: .*moe_layer_overhead_us/);
  });
});

const ROW = (id: string, extra: string) => `- id: ${id}
  model: llama-3.1-8b
  accelerator: h100-sxm
  accelerators_count: 1
  precision: fp8
${extra}`;

describe('calibrate v2 inputs', () => {
  it('reads several files together; an id in two of them is an input error naming both', async () => {
    const a = `measurements:\n${ROW('decode-b1', '  scenario: fixed-batch-decode\n  batch: 1\n  input_tokens: 1000\n  tpot_ms: 4.5\n')}`;
    const b = `measurements:\n${ROW('prefill-2k', '  scenario: fixed-batch-prefill\n  batch: 1\n  input_tokens: 2048\n  output_tokens: 0\n  ttft_ms: 30\n')}`;
    const cwd = dir({ 'a.yaml': a, 'b.yaml': b, 'again.yaml': a });
    const both = await runCli(['calibrate', 'a.yaml', 'b.yaml', '--format', 'json'], { cwd });
    expect(both.code).toBe(0);
    const doc = JSON.parse(both.stdout);
    expect(doc.rows.map((r: { id: string }) => r.id)).toEqual(['decode-b1', 'prefill-2k']);
    // A prefill measurement generates nothing: output_tokens 0 is valid, the metric is prompt tokens/s.
    const prefill = doc.rows[1];
    expect(prefill.metric).toBe('prompt');
    expect(prefill.measured_tokens_per_s).toBeCloseTo(2048 / 0.03, 6);
    expect(prefill.prefill_pass_s.computeS).toBeGreaterThan(0);
    const dup = await runCli(['calibrate', 'a.yaml', 'again.yaml'], { cwd });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/again\.yaml: row id "decode-b1" is also in a\.yaml/);
  });

  it("evaluates MLPerf's Llama 3.1 8B benchmark with its dataset means and p99 limits", async () => {
    const m = `measurements:\n${ROW(
      'mlperf-8b-server',
      '  scenario: server\n  accelerators_count: 8\n  throughput_output_tokens_per_s: 60000\n  source: MLPerf Inference v5.1 closed/NVIDIA/results/H100x8/llama3.1-8b/Server\n',
    ).replace('  accelerators_count: 1\n', '')}`;
    const r = await runCli(['calibrate', 'm.yaml', '--format', 'json'], { cwd: dir({ 'm.yaml': m }) });
    expect(r.code).toBe(0);
    const row = JSON.parse(r.stdout).rows[0];
    // mlperf.ts: 870.73 = the mean of the dataset's 13,368 prompt lengths; 129.0 = NVIDIA's B200 runs' tokens per sample.
    expect(row.input_tokens).toBe(870.73);
    expect(row.output_tokens).toBe(129);
    expect(row.assumptions.join(' ')).toMatch(/MLPerf llama3_1-8b server limits \(p99 TTFT 2000 ms, TPOT 100 ms\)/);
  });
});

describe('explain and the README', () => {
  it('explain ends with where the final replica spends its time, in the table and the JSON', async () => {
    const cwd = dir({ 's.yaml': BASE });
    const t = await runCli(['explain', 's.yaml'], { cwd });
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(
      /Where the final replica spends its time\n {2}1 accelerators, decode batch \d+: step [\d.]+ ms, \S+-bound — /,
    );
    const j = JSON.parse((await runCli(['explain', 's.yaml', '--format', 'json'], { cwd })).stdout).results[0];
    const sum = Object.values(j.replica.decodeStepBreakdown as Record<string, number>).reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(j.replica.decodeStepS, 12);
  });

  it("README's scenario-file example validates with every serving.efficiency parameter it lists", async () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const from = readme.indexOf('## Scenario files');
    const start = readme.indexOf('```yaml\n', from) + '```yaml\n'.length;
    const yaml = readme.slice(start, readme.indexOf('```', start));
    expect(yaml).toMatch(/gemm_half_rows/);
    const r = await runCli(['validate', 'readme.yaml'], { cwd: dir({ 'readme.yaml': yaml }) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
