import { describe, expect, it } from 'vitest';
import {
  caseOf,
  computePrecisionFor,
  weightsAsShipped,
  defaultKvPrecision,
  defaultPrecision,
  familyOf,
  type CalibrationCase,
} from '../../src/calibration/cases.js';
import { calibrate, prepare } from '../../src/calibration/evaluate.js';
import { crossValidate } from '../../src/calibration/cross-validate.js';
import { DETERMINED_BY, DETERMINED_TOLERANCE, fitEfficiency, meanAbsLogError } from '../../src/calibration/fit.js';
import { loadMeasurements, type Measurement } from '../../src/calibration/measurements.js';
import { MLPERF_BENCHMARKS, mlperfBenchmarkOf } from '../../src/calibration/mlperf.js';
import { predict } from '../../src/calibration/predict.js';
import { findPreset } from '../../src/data/catalog.js';
import type { HardwarePreset } from '../../src/data/types.js';
import { median, quantile } from '../../src/calibration/stats.js';
import { InputError } from '../../src/errors.js';
import { EfficiencySchema, HardwareSchema, ModelSchema, type Efficiency } from '../../src/scenario/schema.js';
import { PLAIN_EFFICIENCY } from '../toy.js';

const ONE = EfficiencySchema.parse(PLAIN_EFFICIENCY);

const row = (over: Partial<Measurement>): Measurement => ({
  id: 'r',
  model: 'llama-3.1-8b',
  accelerator: 'h100-sxm',
  accelerators_count: 1,
  precision: 'fp8',
  scenario: 'offline',
  input_tokens: 1000,
  output_tokens: 1000,
  throughput_output_tokens_per_s: 1000,
  ...over,
});

describe('statistics', () => {
  it('median and p90 interpolate between order statistics (type 7)', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([7], 0.9)).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});

describe('the measurements file', () => {
  it('names every problem with its line, the field and a did-you-mean', () => {
    const text = [
      'measurements:',
      '- id: a',
      '  model: llama-3.1-8b',
      '  accelerator: h100-sxm',
      '  scenario: ofline',
      '  input_token: 10',
      '- id: a',
      '  model: llama-3.1-8b',
      '  accelerator: h100-sxm',
      '  scenario: offline',
    ].join('\n');
    let error: unknown;
    try {
      loadMeasurements(text, 'm.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toMatch(/m\.yaml:5:\d+: measurements\.0\.scenario: expected one of offline, server/);
    expect(message).toMatch(
      /m\.yaml:6:\d+: measurements\.0\.input_token: unknown key \(did you mean "input_tokens"\?\)/,
    );
  });

  it('refuses two rows with the same id', () => {
    const text =
      'measurements:\n- {id: a, model: x, accelerator: y, scenario: offline}\n- {id: a, model: x, accelerator: y, scenario: offline}\n';
    expect(() => loadMeasurements(text, 'd.yaml')).toThrow(/d\.yaml:3:\d+: measurements\.1\.id: duplicate id "a"/);
  });
});

describe('a row becomes a deployment to model', () => {
  it('fills an unstated precision with the lowest the accelerator runs natively, and an FP8 KV cache', () => {
    const hw = (id: string) => HardwareSchema.parse({ ...findHardware(id) });
    expect(defaultPrecision(hw('b200'))).toBe('fp4');
    expect(defaultPrecision(hw('h200'))).toBe('fp8');
    expect(defaultPrecision(hw('mi300x'))).toBe('fp8');
    expect(defaultPrecision(hw('a100-80gb-sxm'))).toBe('bf16');
    expect(defaultKvPrecision('fp4')).toBe('fp8');
    expect(defaultKvPrecision('bf16')).toBe('bf16');
    expect(computePrecisionFor('fp8', hw('a100-80gb-sxm'))).toBe('bf16');
    const c = caseOf(row({ accelerator: 'b200', precision: null }));
    expect(c.ok && c.case.model.weight_precision).toBe('fp4');
    expect(c.ok && c.case.assumptions.join()).toMatch(/precision: fp4 \(not stated/);
  });

  it('a row run with a prefix cache prices it; a fixed-batch row cannot have one', () => {
    const plain = caseOf(row({ model: 'llama-3.1-8b', accelerator: 'h200', precision: 'fp8' }));
    const cached = caseOf(
      row({ model: 'llama-3.1-8b', accelerator: 'h200', precision: 'fp8', prefix_cache: { cached_input_share: 0.5 } }),
    );
    expect(plain.ok && plain.case.prompts.prefillTokens).toBe(plain.ok && plain.case.inputTokens);
    expect(cached.ok && cached.case.prompts.prefillTokens).toBe(cached.ok && cached.case.inputTokens / 2);
    expect(cached.ok && cached.case.assumptions.join()).toMatch(/prefix cache: \d+ of \d+ prompt tokens found cached/);
    const [a, b] = [plain, cached].map((c) => (c.ok ? predict(c.case, EfficiencySchema.parse({})) : undefined));
    expect(a?.ok && b?.ok && b.tokensPerSPerAccelerator > a.tokensPerSPerAccelerator).toBe(true);
    const fixed = caseOf(row({ scenario: 'fixed-batch-decode', batch: 8, prefix_cache: { cached_input_share: 0.5 } }));
    expect(!fixed.ok && fixed.reason).toMatch(/prefix_cache on a fixed-batch-decode row/);
  });

  it('holds a quantised checkpoint as shipped when a row states a wider precision (gpt-oss MXFP4 "FP8" on Hopper)', () => {
    const c = caseOf(row({ model: 'gpt-oss-120b', accelerator: 'h200', precision: 'fp8' }));
    // Experts stay MXFP4 (4 bits); FP4 on a chip without FP4 runs W4A16 (bf16), whose activations, and so the
    // engine's "auto" KV cache, are bf16 (TensorRT-LLM's GPT-OSS recipe: "Hopper: use auto").
    expect(c.ok && c.case.model.weight_precision).toBe('fp4');
    expect(c.ok && c.case.model.kv_cache_precision).toBe('bf16');
    expect(c.ok && c.case.computePrecision).toBe('bf16');
    expect(c.ok && c.case.assumptions.join()).toMatch(/weights: fp4 as the checkpoint ships them, run as W4A16/);
    // A row that states its KV cache keeps it.
    const statedKv = caseOf(
      row({ model: 'gpt-oss-120b', accelerator: 'h200', precision: 'fp8', kv_cache_precision: 'fp8' }),
    );
    expect(statedKv.ok && statedKv.case.model.kv_cache_precision).toBe('fp8');
    // On Blackwell the MXFP4 experts run with MXFP8 activations (model.activation_precision): fp8, KV fp8.
    const blackwell = caseOf(row({ model: 'gpt-oss-120b', accelerator: 'b200', precision: 'fp4' }));
    expect(blackwell.ok && blackwell.case.computePrecision).toBe('fp8');
    expect(blackwell.ok && blackwell.case.model.kv_cache_precision).toBe('fp8');
    // A narrower stated precision is a quantised deployment and applies; a BF16 checkpoint takes FP8 as stated.
    expect(weightsAsShipped('fp4', 'fp8')).toBe('fp4');
    expect(weightsAsShipped('bf16', 'fp8')).toBe('fp8');
    expect(weightsAsShipped('fp8', undefined)).toBe('fp8');
    const llama = caseOf(row({ model: 'llama-3.1-8b', accelerator: 'h200', precision: 'fp8' }));
    expect(llama.ok && llama.case.model.weight_precision).toBe('fp8');
    expect(llama.ok && llama.case.assumptions.join()).not.toMatch(/as the checkpoint ships/);
  });

  it('uses the architecture equivalent when the model has no preset, and says so', () => {
    const c = caseOf(row({ model: 'llama-3.3-70b-custom', model_arch_equivalent: 'llama-3.1-70b' }));
    expect(c.ok && c.case.modelPreset).toBe('llama-3.1-70b');
    const unknown = caseOf(row({ model: 'no-such-model' }));
    expect(!unknown.ok && unknown.reason).toMatch(/unknown model preset "no-such-model"/);
    expect(familyOf('deepseek-r1')).toBe('deepseek');
    expect(familyOf('mixtral-8x7b')).toBe('mistral');
  });

  it('lists rows it cannot evaluate, with the reason', () => {
    const reasons = [
      row({ software: 'SGLang (PD disaggregation, large-scale EP)' }),
      row({ accelerators_count: null }),
      row({ throughput_output_tokens_per_s: null }),
      row({ input_tokens: null }),
      row({ scenario: 'server', tpot_ms: null }),
      row({ scenario: 'fixed-batch-decode', batch: null }),
    ].map((r) => {
      const c = caseOf(r);
      return c.ok ? 'evaluable' : c.reason;
    });
    expect(reasons[0]).toMatch(/disaggregated/);
    expect(reasons[1]).toMatch(/accelerators_count is not stated/);
    expect(reasons[2]).toMatch(/no measured figure/);
    expect(reasons[3]).toMatch(/input_tokens is not stated/);
    expect(reasons[4]).toMatch(/server row without latency limits/);
    expect(reasons[5]).toMatch(/needs batch/);
  });

  it('derives per-accelerator throughput from a system total, and sequence lengths and limits from MLPerf', () => {
    const mlperf = row({
      model: 'llama-2-70b',
      accelerator: 'h200',
      accelerators_count: 8,
      precision: null,
      scenario: 'server',
      input_tokens: null,
      output_tokens: null,
      throughput_output_tokens_per_s: 8000,
      source:
        'MLCommons inference_results_v4.1, closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99/Server/performance/run_1/mlperf_log_summary.txt',
    });
    const c = caseOf(mlperf);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.case.measuredTokensPerSPerAccelerator).toBe(1000);
    expect(c.case.outputTokens).toBe(294.45);
    expect(c.case.latency).toMatchObject({ ttftMs: 2000, tpotMs: 200 });
    expect(c.case.replicaSizes).toEqual([1, 2, 4, 8]);
    const interactive = mlperfBenchmarkOf({ ...mlperf, source: 'MLPerf v5.1 results', scenario_detail: 'interactive' });
    expect(interactive?.id).toBe('llama2-70b-interactive');
    expect(interactive?.tpotLimitMs).toBe(40);
    expect(mlperfBenchmarkOf({ model: 'llama-2-70b', source: 'a blog post' })).toBeUndefined();
    // Every benchmark carries its limits and means.
    for (const b of MLPERF_BENCHMARKS) {
      expect(b.meanInputTokens).toBeGreaterThan(0);
      expect(b.meanOutputTokens).toBeGreaterThan(0);
    }
  });
});

/** The toy of test/unit/simulate.test.ts as a calibration case, every efficiency at 1. */
function toyCase(over: Partial<CalibrationCase>): CalibrationCase {
  const inputTokens = over.inputTokens ?? 1000;
  const prompts = {
    prefillTokens: inputTokens,
    prefillAttendedTokens: inputTokens / 2,
    promptCases: [{ share: 1, prefillTokens: inputTokens, cachedTokens: 0 }],
    sharedPrefixTokens: 0,
    meanContextTokens: inputTokens,
    meanSlotKvTokens: inputTokens,
  };
  return {
    prompts,
    id: 'toy',
    kind: 'fixed-batch-decode',
    family: 'toy',
    modelPreset: 'toy',
    accelerator: 'toy',
    model: ModelSchema.parse({
      total_params_b: 10,
      active_params_b: 10,
      layers: 10,
      hidden_size: 800,
      attention: { type: 'gqa', heads: 8, kv_heads: 1, head_dim: 100 },
    }),
    hardware: HardwareSchema.parse({ dense_tflops: { bf16: 1000 }, memory_gb: 100, memory_bandwidth_tb_per_s: 2 }),
    computePrecision: 'bf16',
    accelerators: 1,
    replicaSizes: [1],
    replicaChosen: false,
    inputTokens: 1000,
    outputTokens: 1,
    batch: 10,
    closedLoop: false,
    layout: 'tensor',
    measuredTtftMs: undefined,
    measuredTpotMs: undefined,
    latency: undefined,
    mlperf: undefined,
    measuredTokensPerSPerAccelerator: 1,
    speculative: undefined,
    assumptions: [],
    ...over,
  };
}

describe('predictions worked by hand', () => {
  it('fixed-batch decode: batch / step time, per accelerator', () => {
    // Weights GEMMs: 20e9 B → 10 ms at 2 TB/s against 10 × 20e9 FLOPs → 0.2 ms at 1 PFLOP/s: 10 ms.
    // Attention: 10 × 1000 × 4,000 B KV = 40e6 B → 0.02 ms against 10 × 1000 × 32,000 FLOPs → 0.00032 ms.
    // Sum 10.02 ms, bound by the weights.
    const p = predict(toyCase({}), ONE);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.stepS).toBeCloseTo(0.01002, 12);
    expect(p.tokensPerSPerAccelerator).toBeCloseTo(10 / 0.01002, 6);
    expect(p.bound).toBe('weights');
    expect(p.decode?.weightsS).toBeCloseTo(0.01, 12);
    expect(p.decode?.kvCacheS).toBeCloseTo(0.00002, 12);
  });

  it('fixed-batch decode with speculative decoding: the verify step yields the accepted length', () => {
    // n-gram drafts (no drafter), 1 draft token, 1.5 tokens accepted per step. Verify over 2 positions:
    // GEMMs 20 rows × 20e9 FLOPs = 0.4e12 → 0.4 ms against 10 ms of weights: 10 ms; attention reads
    // 10 × (1000 + 2 written) × 4,000 B = 40.08e6 B → 0.02004 ms (FLOPs 0.64e9 → 0.00064 ms): 10.02004 ms.
    // 10 × 1.5 = 15 tokens a step; TPOT 10.02004 / 1.5 ms.
    const speculative = {
      setting: { method: 'ngram', draft_tokens: 1, accepted_tokens_per_step: 1.5 },
      drafter: undefined,
      accepted: 1.5,
    } as const;
    const p = predict(toyCase({ speculative }), ONE);
    expect(p.ok && p.stepS).toBeCloseTo(0.01002004, 12);
    expect(p.ok && p.tokensPerSPerAccelerator).toBeCloseTo(15 / 0.01002004, 6);
    expect(p.ok && p.tpotMs).toBeCloseTo(10.02004 / 1.5, 9);
  });

  it('a prefix cache: the prompts found cached cost no prefill but are attended to', () => {
    // Half of every 1000-token prompt cached: 500 prefilled, attending 500 + 500/2 = 750 on average. A packed
    // pass of 1000 tokens: GEMMs 20 ms + attention 1000 × 750 × 32,000 = 24e9 FLOPs → 0.024 ms = 20.024 ms; per
    // prompt token (cached ones free) 20.024 µs × 500/1000 = 10.012 µs. Batch 10 as above: 10.021 ms + 10 × 10 × 10.012 µs.
    const prompts = {
      prefillTokens: 500,
      prefillAttendedTokens: 750,
      promptCases: [{ share: 1, prefillTokens: 500, cachedTokens: 500 }],
      sharedPrefixTokens: 0,
      meanContextTokens: 1050,
      meanSlotKvTokens: 1050,
    };
    const c = toyCase({ kind: 'offline', inputTokens: 1000, outputTokens: 100, batch: 10, prompts });
    const p = predict(c, ONE);
    expect(p.ok && p.tokensPerSPerAccelerator).toBeCloseTo(10 / (0.010021 + 10 * 10 * 10.012e-6), 6);
  });

  it('fixed-batch prefill: prompt tokens / pass time, per accelerator', () => {
    // 2 × 1000 tokens: GEMMs 2000 × 20e9 = 40e12 FLOPs → 40 ms (weights 10 ms); attention
    // 2000 × 500 × 32,000 = 32e9 FLOPs → 0.032 ms (KV written 8e6 B → 0.004 ms): 40.032 ms, compute-bound.
    const p = predict(toyCase({ kind: 'fixed-batch-prefill', batch: 2 }), ONE);
    expect(p.ok && p.stepS).toBeCloseTo(0.040032, 12);
    expect(p.ok && p.tokensPerSPerAccelerator).toBeCloseTo(2000 / 0.040032, 6);
    expect(p.ok && p.bound).toBe('compute');
  });

  it('offline: the full-length KV cache sets the batch; prefill and decode share the replica', () => {
    // KV per sequence at full length (1000 + 100) × 4,000 B = 4.4 MB; 80 GB hold 18,181 sequences.
    const c = toyCase({ kind: 'offline', inputTokens: 1000, outputTokens: 100, batch: undefined });
    const p = predict(c, ONE);
    expect(p.ok && p.batch).toBe(4096);
    expect(p.ok && p.batchLimitedBy).toBe('max-batch');
    const capped = predict({ ...c, batch: 10 }, ONE);
    expect(capped.ok && capped.batch).toBe(10);
    // Batch 10 at context 1050: bytes 20e9 + 10 × 1050 × 4000 = 20.042e9 → 10.021 ms; one prompt
    // token costs 20.016e9 FLOP → 20.016 µs; per step, 10 × 1000/100 prompt tokens ride along.
    const tpot = 0.010021 + 10 * 10 * 20.016e-6;
    expect(capped.ok && capped.tokensPerSPerAccelerator).toBeCloseTo(10 / tpot, 6);
  });

  it('server: the largest batch whose step plus the prefill it carries meets the TPOT limit', () => {
    const c = toyCase({
      kind: 'server',
      inputTokens: 1000,
      outputTokens: 100,
      batch: undefined,
      latency: { ttftMs: undefined, tpotMs: 12, percentile: 'mean', source: 'test' },
    });
    const p = predict(c, ONE);
    expect(p.ok && p.batchLimitedBy).toBe('latency');
    // At batch b the time per output token is ≈ 10 ms + b × 0.2 ms (+ KV): b = 9 fits 12 ms, 10 does not.
    expect(p.ok && p.batch).toBe(9);
    const tight = predict({ ...c, latency: { ttftMs: undefined, tpotMs: 5, percentile: 'mean', source: 'test' } }, ONE);
    expect(tight.ok).toBe(false);
    // A p99 limit is met by the mean × tpot_p99_over_mean: 12 ms at a ratio of 1.2 allows a 10 ms mean,
    // which even batch 1 (≈ 10.2 ms) misses.
    const p99 = predict(
      { ...c, latency: { ttftMs: undefined, tpotMs: 12, percentile: 'p99', source: 'test' } },
      { ...ONE, tpot_p99_over_mean: 1.2 },
    );
    expect(p99.ok).toBe(false);
    const loose = predict(
      { ...c, latency: { ttftMs: undefined, tpotMs: 13.2, percentile: 'p99', source: 'test' } },
      { ...ONE, tpot_p99_over_mean: 1.2 },
    );
    // 13.2 / 1.2 = 11 ms of mean: b × 0.2 ms + 10.02 ms + KV ≤ 11 → b = 4.
    expect(loose.ok && loose.batch).toBe(4);
  });

  it('a system of replicas: offline takes the smallest roomy replica, a TPOT limit widens it when that pays', () => {
    // Two accelerators, replicas of 1 or 2. One accelerator holds the 20 GB of weights and 80 GB of KV cache: roomy.
    // Under a 12 ms mean TPOT limit one accelerator runs batch 9 (the test above): 9 / 12 ms ≈ 750 tokens/s. Two in
    // TP2 halve the weights' 10 ms to 5 ms and each prompt token's 20 µs to 10 µs, so ≈ 5 ms + b × 0.1 ms (plus two
    // all-reduces per layer) fits b ≈ 60: ≈ 60 / 12 ms / 2 ≈ 2,500 per accelerator. Offline has no limit to relieve.
    const base = toyCase({
      kind: 'server',
      inputTokens: 1000,
      outputTokens: 100,
      batch: undefined,
      accelerators: 2,
      replicaSizes: [1, 2],
      replicaChosen: true,
      latency: { ttftMs: undefined, tpotMs: 12, percentile: 'mean', source: 'test' },
    });
    const server = predict(base, ONE);
    expect(server.ok && server.acceleratorsPerReplica).toBe(2);
    expect(server.ok && server.batch).toBeGreaterThan(40);
    expect(server.ok && server.tokensPerSPerAccelerator).toBeGreaterThan(2000);
    const offline = predict({ ...base, kind: 'offline', latency: undefined }, ONE);
    expect(offline.ok && offline.acceleratorsPerReplica).toBe(1);
  });
});

/** Rows of these shapes whose measured throughput is what the calculator predicts under `truth`. */
function generatedBy(truth: Efficiency, shapes: readonly Partial<Measurement>[]): Measurement[] {
  const rows = shapes.map((x, i) => row({ id: `r${i}`, throughput_output_tokens_per_s: 1, ...x }));
  return calibrate(rows, truth).rows.map((r, i) => ({
    ...rows[i]!,
    throughput_output_tokens_per_s: null,
    throughput_per_accelerator_tokens_per_s: r.predicted_tokens_per_s,
  }));
}

describe('fitting', () => {
  it('recovers the efficiency factors that generated a set of measurements', () => {
    const truth = EfficiencySchema.parse({ compute: 0.5, memory_bandwidth: 0.7, step_overhead_ms: 2 });
    const shapes: Partial<Measurement>[] = [
      { scenario: 'fixed-batch-decode', batch: 1, input_tokens: 1000 },
      { scenario: 'fixed-batch-decode', batch: 64, input_tokens: 4000 },
      { scenario: 'fixed-batch-decode', batch: 512, input_tokens: 500 },
      { scenario: 'fixed-batch-prefill', batch: 4, input_tokens: 2000 },
      { scenario: 'offline', input_tokens: 2048, output_tokens: 128 },
      { scenario: 'offline', input_tokens: 128, output_tokens: 2048 },
    ];
    const measured = generatedBy(truth, shapes);
    const start = EfficiencySchema.parse({});
    const fit = fitEfficiency(prepare(measured), start, {
      parameters: ['compute', 'memory_bandwidth', 'step_overhead_ms'],
    });
    expect(fit.efficiency.compute).toBeCloseTo(0.5, 2);
    expect(fit.efficiency.memory_bandwidth).toBeCloseTo(0.7, 2);
    expect(fit.efficiency.step_overhead_ms).toBeCloseTo(2, 1);
    expect(fit.after.median_abs_error_pct).toBeLessThan(0.5);
    expect(fit.objectiveAfter).toBeLessThan(fit.objectiveBefore);
    // No mixture of experts, no second accelerator, no fp4 and no p99 limit among the rows: those
    // parameters cannot be fitted, are reported as such and keep their value.
    const all = fitEfficiency(prepare(measured), start);
    expect(all.unidentified).toEqual([
      'moe_layer_overhead_us',
      'expert_overhead_us',
      'all_reduce_latency_us',
      'four_bit',
      'tpot_p99_over_mean',
    ]);
    expect(all.efficiency.moe_layer_overhead_us).toBe(start.moe_layer_overhead_us);
    expect(meanAbsLogError(prepare(measured).cases, truth)).toBeLessThan(1e-9);
  });
});

describe('fitting: what the rows determine, and the error out of sample', () => {
  const truth = EfficiencySchema.parse({ compute: 0.5, memory_bandwidth: 0.7, step_overhead_ms: 2 });
  const shapes: Partial<Measurement>[] = [
    { scenario: 'fixed-batch-decode', batch: 1, input_tokens: 1000 },
    { scenario: 'fixed-batch-decode', batch: 2, input_tokens: 1000 },
    { scenario: 'fixed-batch-decode', batch: 64, input_tokens: 4000 },
    { scenario: 'fixed-batch-decode', batch: 512, input_tokens: 500 },
    { scenario: 'fixed-batch-prefill', batch: 4, input_tokens: 2000 },
    { scenario: 'offline', input_tokens: 2048, output_tokens: 128 },
    { scenario: 'offline', input_tokens: 128, output_tokens: 2048 },
  ];
  const measured = generatedBy(truth, shapes);
  const start = EfficiencySchema.parse({});
  const parameters = ['compute', 'memory_bandwidth', 'step_overhead_ms', 'kv_bandwidth', 'layer_overhead_us'] as const;

  it('every requested parameter is fitted, without effect, or left open at its starting value', () => {
    const fit = fitEfficiency(prepare(measured), start, { parameters });
    const all = [...fit.fitted, ...fit.unidentified, ...fit.undetermined.map((u) => u.parameter)].sort();
    expect(all).toEqual([...parameters].sort());
    for (const u of fit.undetermined) {
      expect(fit.efficiency[u.parameter]).toBe(start[u.parameter]);
      expect(u.needs).toBe(DETERMINED_BY[u.parameter]);
    }
    // The three that generated the rows are determined by them.
    expect(fit.fitted).toEqual(expect.arrayContaining(['compute', 'memory_bandwidth', 'step_overhead_ms']));
    // And the fit is (nearly) exact: leaving the others open cost at most the tolerance.
    expect(fit.objectiveAfter).toBeLessThan(DETERMINED_TOLERANCE + 1e-3);
  });

  it('a parameter that changes no prediction enough to matter is left open at its start', () => {
    // These rows are at short to moderate contexts on one accelerator: the fixed cost per layer is
    // measurable, kv_bandwidth barely: whatever is reported open keeps its start exactly.
    const fit = fitEfficiency(prepare(measured), start, { parameters: ['compute', 'kv_bandwidth'] });
    expect(fit.fitted).toContain('compute');
    for (const u of fit.undetermined) expect(fit.efficiency[u.parameter]).toBe(start[u.parameter]);
  });

  it('cross-validated: rows generated by one set of parameters are predicted out of sample almost exactly', () => {
    const cv = crossValidate(
      prepare(measured),
      start,
      { parameters: ['compute', 'memory_bandwidth', 'step_overhead_ms'] },
      () => 'one source',
    );
    // One source: 5 folds of rows (7 rows: folds of 2, 2, 1, 1, 1).
    expect(cv).toMatchObject({ folds: 5, by: 'rows', rows: 7, rows_not_predicted: 0 });
    expect(cv!.median_abs_error_pct).toBeLessThan(1);
  });

  it('whole sources are held out together when there are at least three', () => {
    const cv = crossValidate(
      prepare(measured),
      start,
      { parameters: ['compute'] },
      (id) => `s${Number(id.slice(1)) % 3}`,
    );
    expect(cv).toMatchObject({ folds: 3, by: 'source', rows: 7 });
  });

  it('fewer than four rows: no cross-validation', () => {
    expect(crossValidate(prepare(measured.slice(0, 3)), start, {}, (id) => id)).toBeUndefined();
  });
});

function findHardware(id: string): HardwarePreset['spec'] {
  const p = findPreset('hardware', id) as HardwarePreset | undefined;
  if (p === undefined) throw new Error(`no preset ${id}`);
  return p.spec;
}
