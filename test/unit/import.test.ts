/**
 * Benchmark outputs → runs, on the real files in test/fixtures/bench-outputs/
 * (each folder's README cites where they come from). Expected values are read
 * off the files by hand; the arithmetic is in the comments.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRuns, parsePythonJson } from '../../src/calibration/import/detect.js';
import { measurementOf } from '../../src/calibration/import/run.js';
import { MeasurementSchema } from '../../src/calibration/measurements.js';

const DIR = path.resolve(__dirname, '../fixtures/bench-outputs');
const read = (f: string) => importRuns(readFileSync(path.join(DIR, f), 'utf8'), f);
const one = (f: string) => {
  const r = read(f);
  expect(r.runs).toHaveLength(1);
  return { format: r.format, run: r.runs[0]! };
};

describe('vLLM', () => {
  it("benchmark_serving.py 0.8.3 JSON: an open loop at 4 req/s, concurrency by Little's law", () => {
    const { format, run } = one('vllm/benchmark-serving-v0.8.3-llama-3.3-70b-tp8-qps4.json');
    expect(format).toBe('vllm-json');
    expect(run.tool).toBe('vllm bench serve (JSON)');
    // 200 requests; 42,659 input and 42,449 output tokens → 213.295 and 212.245 per request.
    expect(run.completed).toBe(200);
    expect(run.meanInputTokens).toBeCloseTo(213.295, 9);
    expect(run.meanOutputTokens).toBeCloseTo(212.245, 9);
    expect(run.requestRate).toBe(4);
    expect(run.outputTokensPerS).toBeCloseTo(673.9184869835061, 9);
    // In flight: 3.17519 req/s × (50.3255 + 27.0833 × 211.245) ms = 3.17519 × 5.77146 s = 18.33 → 18.
    expect(run.concurrency).toBe(18);
    expect(run.ttftMs).toMatchObject({ mean: 50.32546663501307 });
  });

  it('vllm bench serve 0.25 JSON: request_rate "inf" with max_concurrency 2 is a closed loop at 2', () => {
    const { run } = one('vllm/vllm-bench-serve-v0.25.1-opt-125m-sorted-keys.json');
    // 8 requests, 256 / 8 = 32 input and 128 / 8 = 16 output tokens each.
    expect(run).toMatchObject({
      concurrency: 2,
      requestRate: null,
      completed: 8,
      meanInputTokens: 32,
      meanOutputTokens: 16,
    });
    expect(run.ttftMs).toMatchObject({ mean: 215.53594200008774, p99: 734.4049174101428 });
  });

  it('the printed block of the same 0.8.3 run gives the same figures (to its printed digits)', () => {
    const { format, run } = one('vllm/printed-benchmark-serving-v0.8.3-llama-3.3-70b-tp8-qps4.txt');
    expect(format).toBe('printed');
    expect(run.tool).toBe('vllm bench serve (printed result)');
    expect(run.meanInputTokens).toBeCloseTo(213.295, 9);
    expect(run.outputTokensPerS).toBe(673.92);
    // The 0.8.3 block prints no rate line: an open loop; 3.18 × (50.33 + 27.08 × 211.245) ms = 18.35 → 18.
    expect(run.concurrency).toBe(18);
    expect(run.tpotMs).toEqual({ mean: 27.08, p50: 27.35, p99: 27.91 });
  });

  it('a newer printed block with "Maximum request concurrency" is a closed loop', () => {
    expect(one('vllm/printed-vllm-bench-serve-step-3.5-flash-tp4-h200-c10.txt').run.concurrency).toBe(10);
  });

  it('a run in which every request failed has 0 completed (the CLI skips it)', () => {
    expect(one('vllm/vllm-bench-serve-v0.25.1-opt-125m-all-requests-failed.json').run.completed).toBe(0);
  });
});

describe('SGLang', () => {
  it('bench_serving JSON Lines (0.4): one run per line, Infinity read as an unlimited rate', () => {
    const { format, runs } = read('sglang/bench-serving-v0.4-llama-3.3-70b-4xh200-tp4-offline.jsonl');
    expect(format).toBe('sglang-jsonl');
    expect(runs).toHaveLength(7);
    // Line 1: rate Infinity, no cap: all 3000 requests at once.
    expect(runs[0]).toMatchObject({
      tool: 'sglang.bench_serving (JSON Lines)',
      label: 'line 1',
      requestRate: null,
      concurrency: 3000,
    });
  });

  it('an open-loop line without request_throughput: requests/s from completed / duration', () => {
    const [first] = read('sglang/bench-serving-v0.4-llama-3.3-70b-4xh200-tp4-online.jsonl').runs;
    // 300 / 298.368 s = 1.00547 req/s × 7.84062 s mean E2E = 7.88 → 8 in flight.
    expect(first).toMatchObject({ requestRate: 1, concurrency: 8 });
    expect(first!.requestsPerS).toBeCloseTo(300 / 298.3675805060193, 12);
  });

  it('the printed block of 0.4.3 (with its "reqeuest" typo and "not set"): all 10,000 at once', () => {
    const { run } = one('sglang/printed-v0.4.3-deepseek-v3-8xh200-tp8.txt');
    expect(run.tool).toBe('sglang.bench_serving (printed result)');
    // 2,560,000 / 10,000 = 256 input, 320,000 / 10,000 = 32 output tokens per request.
    expect(run).toMatchObject({
      concurrency: 10000,
      meanInputTokens: 256,
      meanOutputTokens: 32,
      outputTokensPerS: 1051.99,
    });
  });

  it('the 0.5.8 JSON line and the printed block of the same run agree', () => {
    const json = one('sglang/bench-serving-v0.5.8-gpt-oss-120b-8xh100-tp8-details.jsonl').run;
    const printed = one('sglang/printed-v0.5.8-gpt-oss-120b-8xh100-tp8.txt').run;
    expect(json.concurrency).toBe(100);
    expect(printed.concurrency).toBe(100);
    expect(printed.meanOutputTokens).toBeCloseTo(json.meanOutputTokens!, 9);
    expect(printed.outputTokensPerS).toBeCloseTo(json.outputTokensPerS!, 1);
  });
});

describe('AIPerf and GenAI-Perf', () => {
  it.each([
    // [file, tool, concurrency, completed]
    ['aiperf/profile_export_aiperf-v0.1.1-records-gpt-oss-20b-c100.json', 'AIPerf', 100, 89],
    ['aiperf/profile_export_aiperf-flat-noschema-gpt-oss-20b-a100-c1.json', 'AIPerf', 1, 100],
    ['aiperf/profile_export_aiperf-schema1.3-v0.10.0-qwen3.6-nvfp4-rtx5090-c16.json', 'AIPerf', 16, 96],
    ['aiperf/profile_export_genai_perf-legacy-args-gpt-oss-20b-c1.json', 'GenAI-Perf', 1, 66],
    ['aiperf/profile_export_genai_perf-config-gpt-oss-20b-c1.json', 'GenAI-Perf', 1, 35],
  ] as const)('%s: %s at concurrency %d, %d requests', (file, tool, concurrency, completed) => {
    const { format, run } = one(file);
    expect(format).toBe('aiperf');
    expect(run).toMatchObject({ tool, concurrency, completed });
    expect(run.meanInputTokens).toBeGreaterThan(0);
    expect(run.outputTokensPerS).toBeGreaterThan(0);
  });

  it('AIPerf 0.1 names TTFT `ttft` under `records`; later layouts `time_to_first_token`', () => {
    expect(one('aiperf/profile_export_aiperf-v0.1.1-records-gpt-oss-20b-c100.json').run.ttftMs?.mean).toBeGreaterThan(
      0,
    );
    expect(one('aiperf/profile_export_aiperf-flat-noschema-gpt-oss-20b-a100-c1.json').run.ttftMs?.mean).toBeCloseTo(
      82.84651240000001,
      9,
    );
  });

  it("a Poisson rate (AIPerf 0.10 phases): the rate, and in flight by Little's law", () => {
    const { run } = one('aiperf/profile_export_aiperf-schema1.3-v0.10.0-qwen3.6-nvfp4-rtx5090-poisson-r1.0.json');
    // 1.0097 req/s × 1.26717 s mean request latency = 1.28 → 1.
    expect(run).toMatchObject({ requestRate: 1, concurrency: 1 });
  });
});

describe('GuideLLM', () => {
  it('0.3 report: a constant rate of 10/s, realised tokens/s from the successful requests', () => {
    const { format, run } = one('guidellm/guidellm-0.3.x__constant-rate10__Qwen3-0.6B__llm-d__benchmarks.json');
    expect(format).toBe('guidellm');
    // 75,008 output tokens of 586 successful requests over 60.0102 s = 1249.9 tokens/s.
    expect(run.outputTokensPerS).toBeCloseTo(75008 / 60.01022434234619, 9);
    expect(run).toMatchObject({ requestRate: 10, completed: 586, modelName: 'Qwen/Qwen3-0.6B' });
    // 586 / 60.0102 = 9.765 req/s × 2.3301 s mean latency = 22.75 → 23 in flight.
    expect(run.concurrency).toBe(23);
  });

  it('0.5 report: 4 concurrent streams', () => {
    expect(
      one('guidellm/guidellm-0.5.0.dev0__concurrent-4__Qwen3-4B-Thinking-2507_tp4_fp8__intel-xpu__benchmarks.json').run,
    ).toMatchObject({
      concurrency: 4,
      completed: 4,
      meanOutputTokens: 1024,
      version: '0.5.0.dev0',
    });
  });

  it('0.8 report: one run per benchmark of the sweep', () => {
    const { runs } = read('guidellm/guidellm-0.8.0.dev18__constant-rate2-4__e2e-mock-model__guidellm_report_v2.json');
    expect(runs.map((r) => r.requestRate)).toEqual([2, 4]);
  });
});

describe('llmperf', () => {
  it('a summary at 16 concurrent requests: realised token means, latencies in ms', () => {
    const { format, run } = one('llmperf/vllm_yi-1.5-34b-chat_4xa10g_c16__01-ai-Yi-1-5-34B-Chat_550_150_summary.json');
    expect(format).toBe('llmperf');
    expect(run).toMatchObject({ concurrency: 16, completed: 112, meanInputTokens: 550 });
    expect(run.meanOutputTokens).toBeCloseTo(159.27678571428572, 12);
    expect(run.outputTokensPerS).toBeCloseTo(124.29275563556878, 12);
    // 0.11350 s mean inter-token latency = 113.50 ms.
    expect(run.tpotMs?.mean).toBeCloseTo(0.11350145435953386 * 1000, 9);
    // 46.82 requests per minute = 0.7804 per second.
    expect(run.requestsPerS).toBeCloseTo(46.821420363866935 / 60, 12);
  });
});

describe('MLPerf', () => {
  it('an Offline summary: tokens/s, no lengths (the benchmark decides them)', () => {
    const { format, run } = one('mlperf/H200-SXM-141GBx8_TRT__llama2-70b-99__Offline__mlperf_log_summary.txt');
    expect(format).toBe('mlperf');
    expect(run).toMatchObject({
      scenario: 'offline',
      outputTokensPerS: 31302.7,
      requestsPerS: 107.477,
      meanInputTokens: null,
    });
  });

  it('a Server summary: completed tokens/s, and TTFT/TPOT from ns to ms', () => {
    const { run } = one('mlperf/H200-SXM-141GBx8_TRT__llama2-70b-99__Server__mlperf_log_summary.txt');
    expect(run).toMatchObject({ scenario: 'server', outputTokensPerS: 29228.22 });
    // 198,269,106 ns = 198.269106 ms; p99 TPOT 146,040,006 ns = 146.040006 ms.
    expect(run.ttftMs?.mean).toBeCloseTo(198.269106, 9);
    expect(run.tpotMs?.p99).toBeCloseTo(146.040006, 9);
    expect(run.notes).toContain('LoadGen result VALID');
  });
});

describe('measurement rows', () => {
  it('a run and its context make a valid row the calibrator reads', () => {
    const { run } = one('vllm/benchmark-serving-v0.8.3-llama-3.3-70b-tp8-qps4.json');
    const row = measurementOf(
      run,
      { model: 'llama-3.3-70b', accelerator: 'a100-80gb-sxm', accelerators: 8 },
      'r1',
      'f.json',
    );
    expect(MeasurementSchema.parse(row)).toMatchObject({
      id: 'r1',
      scenario: 'server',
      accelerators_count: 8,
      concurrency: 18,
      input_tokens: 213.295,
      throughput_output_tokens_per_s: 673.9184869835061,
      tpot_ms: 27.083319078977674,
      software: 'vllm bench serve (JSON)',
    });
  });

  it('an MLPerf row is recognised as MLPerf by its software', () => {
    const { run } = one('mlperf/H200-SXM-141GBx8_TRT__llama2-70b-99__Server__mlperf_log_summary.txt');
    const row = measurementOf(
      run,
      { model: 'llama-2-70b', accelerator: 'h200', accelerators: 8 },
      'm',
      'x/llama2-70b-99/Server/mlperf_log_summary.txt',
    );
    expect(row.software).toMatch(/MLPerf/);
    expect(row.input_tokens).toBeNull();
  });
});

describe('detection', () => {
  it('names the formats when a file is none of them', () => {
    expect(() => importRuns('hello', 'x.txt')).toThrow(
      /x.txt: not a benchmark output infercost reads .*--input-format/,
    );
  });

  it('a forced format that does not fit says why', () => {
    expect(() => importRuns('{"a": 1}', 'x.json', 'guidellm')).toThrow(
      'x.json: read as guidellm: no `benchmarks` list with metrics',
    );
  });

  it("reads Python's bare Infinity and NaN", () => {
    expect(parsePythonJson('{"a": Infinity, "b": [NaN, -Infinity], "c": "Infinity x"}')).toEqual({
      a: 'Infinity',
      b: ['NaN', '-Infinity'],
      c: 'Infinity x',
    });
  });
});
