/** `infercost calibrate` on benchmark outputs (real files: test/fixtures/bench-outputs/), through run(argv, io). */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const DIR = path.resolve(__dirname, '../fixtures/bench-outputs');
const ONLINE = path.join(DIR, 'sglang/bench-serving-v0.4-llama-3.3-70b-4xh200-tp4-online.jsonl');
const DEPLOYMENT = ['--model', 'llama-3.3-70b', '--accelerator', 'h200', '--accelerators', '4', '--precision', 'bf16'];
const tmp = () => mkdtempSync(path.join(tmpdir(), 'infercost-import-'));
const VLLM_RUN = 'benchmark-serving-v0.8.3-llama-3.3-70b-tp8-qps4.json';

describe('calibrate on benchmark outputs', () => {
  it('an SGLang JSON Lines file and the deployment from flags: one row per line, evaluated', async () => {
    const r = await runCli(['calibrate', ONLINE, ...DEPLOYMENT, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { rows: { id: string; accelerator: string; measured_tokens_per_s: number }[] };
    expect(doc.rows).toHaveLength(7);
    expect(doc.rows[0]!.id).toBe(`${ONLINE}#1`);
    // Line 1: 537.414 output tokens/s over 4 GPUs = 134.35 per GPU.
    expect(doc.rows[0]!.measured_tokens_per_s).toBeCloseTo(537.4142851849319 / 4, 9);
  });

  it('without the model, a clear error naming the flag and the sidecar, exit 2', async () => {
    const r = await runCli(['calibrate', ONLINE, '--accelerator', 'h200', '--accelerators', '4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `infercost: ${ONLINE}: the benchmark output does not say which model served it (\`infercost presets list models\`): pass --model <preset> or write \`model:\` in bench-serving-v0.4-llama-3.3-70b-4xh200-tp4-online.infercost.yaml\n`,
    );
  });

  it('an unknown preset is named with the nearest ones', async () => {
    const r = await runCli(['calibrate', ONLINE, ...DEPLOYMENT.slice(2), '--model', 'llama-3.3-70']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model: no model preset "llama-3.3-70" \(did you mean "llama-3.3-70b"/);
  });

  it('a sidecar beside the file gives the deployment, and wins over the flags', async () => {
    const dir = tmp();
    copyFileSync(ONLINE, path.join(dir, 'run.jsonl'));
    writeFileSync(
      path.join(dir, 'run.infercost.yaml'),
      'model: llama-3.3-70b\naccelerator: h200\naccelerators: 4\nprecision: bf16\n',
    );
    const r = await runCli(['calibrate', 'run.jsonl', '--accelerators', '8', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { rows: { accelerators: number }[] };
    expect(doc.rows.map((x) => x.accelerators)).toEqual(Array(7).fill(4));
  });

  it('a folder: every output in it (sidecars are not inputs); one that cannot be read is skipped with its reason', async () => {
    const dir = tmp();
    copyFileSync(ONLINE, path.join(dir, 'a.jsonl'));
    copyFileSync(path.join(DIR, 'vllm/benchmark-serving-v0.8.3-llama-3.3-70b-tp8-qps4.json'), path.join(dir, 'b.json'));
    writeFileSync(path.join(dir, 'notes.txt'), 'nothing to see here\n');
    writeFileSync(path.join(dir, 'infercost.yaml'), 'model: llama-3.3-70b\naccelerator: h200\naccelerators: 4\n');
    const r = await runCli(['calibrate', '.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: skipped notes\.txt: not a benchmark output infercost reads/);
    const doc = JSON.parse(r.stdout) as { rows: { id: string }[] };
    // 7 lines of a.jsonl and the one run of b.json.
    expect(doc.rows.map((x) => x.id)).toEqual([...Array.from({ length: 7 }, (_, i) => `a.jsonl#${i + 1}`), 'b.json']);
  });

  it('a run in which every request failed is skipped, and no rows at all is exit 2', async () => {
    const r = await runCli([
      'calibrate',
      path.join(DIR, 'vllm/vllm-bench-serve-v0.25.1-opt-125m-all-requests-failed.json'),
      ...DEPLOYMENT,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/warning: skipped .*all-requests-failed\.json, result: no request completed/);
    expect(r.stderr).toMatch(/no measurement rows could be read/);
  });

  it('--fit fits every parameter, says which the rows leave open, and reports the cross-validated error', async () => {
    const r = await runCli(['calibrate', ONLINE, ...DEPLOYMENT, '--fit', '--format', 'json']);
    expect(r.code).toBe(0);
    const fit = JSON.parse(r.stdout).fit as {
      fitted: string[];
      unidentified: string[];
      undetermined: { parameter: string; needs: string }[];
      cross_validated: { folds: number; by: string; rows: number; median_abs_error_pct: number } | null;
      after: { median_abs_error_pct: number };
      yaml: string;
    };
    // Every parameter of the serving model but memory_usable: fitted, without effect, or left open.
    expect(fit.fitted.length + fit.unidentified.length + fit.undetermined.length).toBe(16);
    // Dense rows: the MoE costs (and expert imbalance) have no effect; one H200 node: nor has the scale-out latency.
    expect(fit.unidentified).toEqual(
      expect.arrayContaining(['moe_layer_overhead_us', 'scale_out_latency_us', 'expert_imbalance']),
    );
    // Seven runs of one file: folds of rows; out of sample is worse than in sample, as it should be.
    expect(fit.cross_validated).toMatchObject({ folds: 5, by: 'rows', rows: 7 });
    expect(fit.cross_validated!.median_abs_error_pct).toBeGreaterThan(fit.after.median_abs_error_pct);
    expect(fit.yaml).toMatch(
      /# cross-validated \(5 folds of rows, each fold predicted by a fit on the others\): median \|error\| [\d.]+%/,
    );
    for (const u of fit.undetermined)
      expect(fit.yaml).toContain(`# not determined by these rows, kept: needs ${u.needs}`);
  });

  it('a run whose figures no deployment can have produced is skipped in plain words', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'odd.txt'),
      '============ Serving Benchmark Result ============\nSuccessful requests: 1e309\nBenchmark duration (s): 5\nTotal input tokens: 1000\nTotal generated tokens: 1000\nOutput token throughput (tok/s): 200\nMax request concurrency: 99999999999999999999\n=====\n',
    );
    const r = await runCli(['calibrate', 'odd.txt', ...DEPLOYMENT], { cwd: dir });
    expect(r.code).toBe(2);
    // No finite request count, an absurd cap: no concurrency a row can hold; said in the file's terms.
    expect(r.stderr).toMatch(
      /warning: skipped odd\.txt, printed result: concurrency: expected a whole number ≤ 9\.007e\+15, got 100000000000000000000/,
    );
    expect(r.stderr).not.toMatch(/Too big|internal error/);
  });

  it('a negative or zero output throughput is skipped in words, never taken as a missing figure', async () => {
    const dir = tmp();
    const real = JSON.parse(readFileSync(path.join(DIR, 'vllm', VLLM_RUN), 'utf8')) as Record<string, unknown>;
    for (const bad of [-1, 0]) {
      writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...real, output_throughput: bad }));
      const r = await runCli(['calibrate', 'run.json', ...DEPLOYMENT], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `warning: skipped run.json, result: its output token throughput is ${bad}: expected a positive number of tokens/s`,
      );
      expect(r.stderr).toMatch(/run\.json: no measurement rows could be read/);
    }
  });

  it('--input-format forces a reader, and says why a file does not fit it', async () => {
    const r = await runCli(['calibrate', ONLINE, ...DEPLOYMENT, '--input-format', 'mlperf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/read as mlperf: no "MLPerf Results Summary" with a Scenario line/);
  });

  it('an MLPerf summary named by its result path is an MLPerf row (the benchmark gives the lengths and limits)', async () => {
    const dir = tmp();
    const inPath = path.join(dir, 'closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99/Server/performance/run_1');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(inPath, { recursive: true });
    copyFileSync(
      path.join(DIR, 'mlperf/H200-SXM-141GBx8_TRT__llama2-70b-99__Server__mlperf_log_summary.txt'),
      path.join(inPath, 'mlperf_log_summary.txt'),
    );
    const r = await runCli(
      [
        'calibrate',
        'closed',
        '--model',
        'llama-2-70b',
        '--accelerator',
        'h200',
        '--accelerators',
        '8',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { rows: { assumptions: string[]; measured_tokens_per_s: number }[] };
    // 29,228.22 tokens/s over 8 GPUs = 3653.5 per GPU.
    expect(doc.rows[0]!.measured_tokens_per_s).toBeCloseTo(29228.22 / 8, 9);
    expect(doc.rows[0]!.assumptions.join(' ')).toMatch(/MLPerf llama2-70b server limits/);
  });
});
