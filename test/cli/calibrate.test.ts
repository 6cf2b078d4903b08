import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ServingSchema } from '../../src/scenario/schema.js';
import { runCli } from '../helpers.js';

const PUBLIC = path.resolve(__dirname, '../fixtures/calibration/public.yaml');

function tmp(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercost-calibrate-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A team's own timings: fixed-batch decode and prefill steps of Llama 3.1 8B on one H100. */
const OWN = `measurements:
- id: decode-b1
  model: llama-3.1-8b
  accelerator: h100-sxm
  accelerators_count: 1
  precision: fp8
  scenario: fixed-batch-decode
  batch: 1
  input_tokens: 1000
  tpot_ms: 5.1
- id: decode-b64
  model: llama-3.1-8b
  accelerator: h100-sxm
  accelerators_count: 1
  precision: fp8
  scenario: fixed-batch-decode
  batch: 64
  input_tokens: 2000
  throughput_per_accelerator_tokens_per_s: 7900
- id: prefill-b4
  model: llama-3.1-8b
  accelerator: h100-sxm
  accelerators_count: 1
  precision: fp8
  scenario: fixed-batch-prefill
  batch: 4
  input_tokens: 2048
  ttft_ms: 95
`;

describe('calibrate given another kind of file', () => {
  it('says which command reads a scenario, at 1:1, exit 2', async () => {
    const r = await runCli(['calibrate', 'scenarios/mistral-small-4-h100.yaml'], {
      cwd: path.resolve(__dirname, '../..'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'infercost: scenarios/mistral-small-4-h100.yaml:1:1: this is a scenario file, not measurements: run `infercost simulate` on it; a measurements file has a `measurements:` list (see README "Accuracy")\n',
    );
  });

  it('when no row can be evaluated, each reason is given at its row (file:line:column of its id)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-cal-'));
    writeFileSync(
      path.join(dir, 'm.yaml'),
      'measurements:\n- id: r1\n  model: llama-3.1-8b\n  accelerator: zzz\n  accelerators_count: 1\n  scenario: offline\n  input_tokens: 100\n  output_tokens: 100\n  throughput_per_accelerator_tokens_per_s: 5000\n- id: r2\n  model: nope\n  accelerator: h100-sxm\n  accelerators_count: 1\n  scenario: offline\n  input_tokens: 100\n  output_tokens: 100\n  throughput_per_accelerator_tokens_per_s: 5000\n',
    );
    const r = await runCli(['calibrate', 'm.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'infercost: m.yaml: no row could be evaluated:\n  m.yaml:2:7: r1: unknown accelerator preset "zzz"\n  m.yaml:10:7: r2: unknown model preset "nope": add it to src/data/models.ts or set model_arch_equivalent\n',
    );
  });
});

describe('infercost calibrate', () => {
  it('prints every row, the rows it could not evaluate and the error summary', async () => {
    const r = await runCli(['calibrate', PUBLIC]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/49 rows evaluated, 3 not evaluable/);
    expect(r.stdout).toContain('trtllm-v10-llama-3.1-8b-h200-tp1-fp8-128-128');
    expect(r.stdout).toMatch(
      /Not evaluable \(3, excluded from the summary\):\n {2}sglang-lmsys-deepseek-gb200nvl72-decode-part1: one phase \(the decode pool\) of a disaggregated/,
    );
    expect(r.stdout).toMatch(/│ overall\s+│\s+49 │/);
    expect(r.stdout).toMatch(/│ family deepseek\s+│/);
    expect(r.stdout).toMatch(/│ accelerator mi300x\s+│/);
    expect(r.stdout).toMatch(
      /input: 222.33 tokens, MLPerf llama2-70b mean \(derived from the dataset's per-sample counts/,
    );
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--format json: one document with the field names tools read', async () => {
    const r = await runCli(['calibrate', PUBLIC, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.rows).toHaveLength(49);
    for (const row of doc.rows) {
      expect(typeof row.id).toBe('string');
      expect(row.measured_tokens_per_s).toBeGreaterThan(0);
      expect(row.predicted_tokens_per_s).toBeGreaterThan(0);
      expect(row.error_pct).toBeCloseTo(
        ((row.predicted_tokens_per_s - row.measured_tokens_per_s) / row.measured_tokens_per_s) * 100,
        9,
      );
      expect(['weights', 'kv-cache', 'activations', 'compute', 'communication', 'fixed']).toContain(row.bound);
      // The per-operator times of the step the row is bound by sum to its step time.
      const step = row.scenario === 'fixed-batch-prefill' ? row.prefill_pass_s : row.decode_step_s;
      const parts = Object.values(step as Record<string, number>);
      expect(parts).toHaveLength(6);
      expect(parts.every((v) => v >= 0)).toBe(true);
    }
    // An MLPerf server row meets the benchmark's p99 TPOT limit (200 ms) with its mean × tpot_p99_over_mean.
    const server = doc.rows.find((x: { id: string }) => x.id === 'mlperf-v41-nvidia-h200x8-llama2-70b-99-server');
    expect(server.predicted_tpot_ms * doc.efficiency.tpot_p99_over_mean).toBeLessThanOrEqual(200);
    expect(server.batch_limited_by).toBe('latency');
    // Per accelerator: the 8 × H200 MLPerf system's 31,302.7 tokens/s is 3,912.8 per GPU.
    const h200 = doc.rows.find((x: { id: string }) => x.id === 'mlperf-v41-nvidia-h200x8-llama2-70b-99-offline');
    expect(h200.measured_tokens_per_s).toBeCloseTo(31302.7 / 8, 6);
    expect(doc.summary.median_abs_error_pct).toBeGreaterThan(0);
    expect(doc.summary.p90_abs_error_pct).toBeGreaterThanOrEqual(doc.summary.median_abs_error_pct);
    expect(doc.summary.rows_not_evaluable).toBe(3);
    expect(doc.not_evaluable).toHaveLength(3);
    expect(Object.keys(doc.summary.by_accelerator)).toContain('b200');
    expect(doc.efficiency.compute).toBeGreaterThan(0);
  });

  it('--format csv: one line per row, evaluable or not, numbers in plain decimal', async () => {
    const r = await runCli(['calibrate', PUBLIC, '--format', 'csv']);
    expect(r.code).toBe(0);
    const records = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(52);
    const skipped = records.filter((x) => x.evaluable === 'false');
    expect(skipped).toHaveLength(3);
    for (const s of skipped) expect(s.reason).toMatch(/disaggregated/);
    for (const x of records.filter((y) => y.evaluable === 'true')) {
      expect(Number(x.error_pct)).not.toBeNaN();
      expect(x.measured_tokens_per_s).not.toMatch(/e/);
    }
  });

  it('--fit prints the fitted factors as a serving.efficiency snippet, with the error before and after', async () => {
    const file = tmp('own.yaml', OWN);
    const r = await runCli(['calibrate', file, '--fit', '--fit-params', 'compute,memory_bandwidth,step_overhead_ms']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Before the fit/);
    expect(r.stdout).toMatch(/After the fit/);
    const snippet = r.stdout.slice(r.stdout.indexOf('# serving.efficiency fitted'));
    expect(snippet).toMatch(/# median \|error\| [\d.]+% -> [\d.]+%/);
    const serving = ServingSchema.parse(parseYaml(snippet).serving);
    expect(serving.efficiency.compute).toBeGreaterThan(0.05);
    // Three rows, three factors: the fit explains them closely.
    const json = JSON.parse(
      (
        await runCli([
          'calibrate',
          file,
          '--fit',
          '--format',
          'json',
          '--fit-params',
          'compute,memory_bandwidth,step_overhead_ms',
        ])
      ).stdout,
    );
    expect(json.fit.after.median_abs_error_pct).toBeLessThan(json.fit.before.median_abs_error_pct);
    expect(json.fit.after.median_abs_error_pct).toBeLessThan(5);
    expect(json.fit.fitted).toEqual(['compute', 'memory_bandwidth', 'step_overhead_ms']);
    expect(json.rows[0].predicted_tokens_per_s).toBeCloseTo(json.rows[0].measured_tokens_per_s, -2);
  });

  it('--fit warns about a factor no row depends on, and leaves it as it was', async () => {
    const r = await runCli(['calibrate', tmp('own.yaml', OWN), '--fit']);
    expect(r.code).toBe(0);
    // OWN is three dense rows on one accelerator: nothing depends on the MoE costs.
    expect(r.stderr).toMatch(/warning: moe_layer_overhead_us was not fitted: no row in .* depends on it/);
    expect(r.stdout).toMatch(/moe_layer_overhead_us: 46.8 {2}# not fitted: no row depends on it/);
  });

  it('--efficiency evaluates with the given factors', async () => {
    const a = JSON.parse((await runCli(['calibrate', PUBLIC, '--format', 'json'])).stdout);
    const b = JSON.parse(
      (await runCli(['calibrate', PUBLIC, '--format', 'json', '--efficiency', 'compute=0.8,activation_passes=0']))
        .stdout,
    );
    expect(b.efficiency.compute).toBe(0.8);
    expect(b.efficiency.activation_passes).toBe(0);
    expect(b.summary.median_abs_error_pct).toBeGreaterThan(a.summary.median_abs_error_pct);
  });

  it('--fail-above exits 1 when the median error is above the limit', async () => {
    const r = await runCli(['calibrate', PUBLIC, '--fail-above', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/median absolute error [\d.]+% is above --fail-above 5%/);
    expect((await runCli(['calibrate', PUBLIC, '--fail-above', '50'])).code).toBe(0);
  });

  it('--output writes the report atomically and nothing to stdout', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'infercost-calibrate-')), 'report.json');
    const r = await runCli(['calibrate', PUBLIC, '--format', 'json', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(2);
  });

  it.each([
    [['calibrate', 'no-such-file.yaml'], /no-such-file\.yaml: cannot read: no such file/],
    [['calibrate', PUBLIC, '--fit-params', 'compute'], /--fit-params needs --fit/],
    [
      ['calibrate', PUBLIC, '--fit', '--fit-params', 'computee'],
      /"computee" cannot be fitted \(did you mean "compute"\?\)/,
    ],
    [['calibrate', PUBLIC, '--efficiency', 'compute=2'], /--efficiency: compute:/],
    [['calibrate', PUBLIC, '--efficiency', 'bandwidth=0.5'], /unknown factor "bandwidth"/],
    // Names an object has of its own: never a factor, never the prototype's value printed.
    [['calibrate', PUBLIC, '--efficiency', '__proto__=1'], /unknown factor "__proto__"/],
    [['calibrate', PUBLIC, '--efficiency', 'constructor=1'], /unknown factor "constructor"/],
    [['calibrate', PUBLIC, '--efficiency', 'compute=0.5,compute=0.6'], /compute is given twice \(0\.5 and 0\.6\)/],
    [['calibrate', PUBLIC, '--format', 'xml'], /argument 'xml' is invalid/],
  ])('%j exits 2 with a message and nothing on stdout', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a file with problems is refused with line:column; a file with no evaluable row says why', async () => {
    const bad = await runCli([
      'calibrate',
      tmp('bad.yaml', 'measurements:\n- id: a\n  model: x\n  acelerator: h100-sxm\n  scenario: offline\n'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /bad\.yaml:4:3: measurements\.0\.acelerator: unknown key \(did you mean "accelerator"\?/,
    );
    const none = await runCli([
      'calibrate',
      tmp('none.yaml', 'measurements:\n- {id: a, model: no-such-model, accelerator: h100-sxm, scenario: offline}\n'),
    ]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(
      /no row could be evaluated:\n {2}\S*none\.yaml:2:\d+: a: unknown model preset "no-such-model"/,
    );
  });
});
