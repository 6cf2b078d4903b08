import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { InfeasibleError } from '../../src/errors.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_HAND_SCENARIO } from '../toy.js';

/** The toy deployment (test/toy.ts), one reasoning level, one request a second. */
const HAND = TOY_HAND_SCENARIO;

describe('simulate: a case worked by hand', () => {
  const r = simulate(scenarioFrom(HAND));
  const q = r.blended;

  it('sizes memory and the batch', () => {
    // weights 10e9 × 2 B = 20 GB; 1 accelerator holds 100 GB, so 80 GB are left for KV cache.
    expect(r.deployment.acceleratorsPerReplica).toBe(1);
    expect(r.deployment.weightsBytes).toBe(20e9);
    expect(r.deployment.kvCacheBudgetBytes).toBe(80e9);
    // KV per token: 2 × 10 layers × 1 KV head × 100 × 2 B = 4,000 B.
    expect(r.deployment.kvCacheBytesPerToken).toBe(4000);
    // Mean context a slot holds: 1000 + 100/2 = 1050; memory holds floor(80e9 / (1050 × 4000)) = 19,047 sequences.
    expect(r.deployment.meanContextTokens).toBe(1050);
    expect(r.deployment.memoryBatch).toBe(19_047);
    expect(r.deployment.batch).toBe(10);
    expect(r.deployment.batchLimitedBy).toBe('max_batch');
  });

  it('times decode and prefill as a sum of operator rooflines', () => {
    // The toy pins every efficiency at 1, the GEMM knee at 0 rows (η = 1 at any batch) and every fixed
    // cost at 0, so each operator is max(bytes / 2e12 B/s, FLOPs / 1e15 FLOP/s) and the step their sum.
    // Decode step, batch 10:
    //   weights GEMMs: 20e9 B → 10 ms; 10 × 2 × 10e9 = 200e9 FLOPs → 0.2 ms: weights, 10 ms;
    //   attention: 10 × 1050 × 4000 B = 42e6 B → 0.021 ms; 10 × 1050 × (2 × 10 × 2 × 8 × 100) = 336e6 FLOPs → 0.000336 ms: KV, 0.021 ms;
    //   one accelerator: no communication. Step 10.021 ms, weights-bound.
    expect(r.deployment.decodeStepS).toBeCloseTo(0.010021, 12);
    expect(r.deployment.decodeBound).toBe('weights');
    expect(r.deployment.decodeStepBreakdown).toEqual({
      weightsS: expect.closeTo(0.01, 12),
      kvCacheS: expect.closeTo(0.000021, 12),
      activationsS: 0,
      computeS: 0,
      communicationS: 0,
      fixedS: 0,
    });
    // Prefill pass of 1000 tokens:
    //   GEMMs: 1000 × 20e9 = 20e12 FLOPs → 20 ms against 10 ms of weights: compute, 20 ms;
    //   attention: 1000 × 500 × 32,000 = 16e9 FLOPs → 0.016 ms against 4e6 B of KV written → 0.002 ms: compute.
    //   Pass 20.016 ms, compute-bound. 1000 / 0.020016 tokens/s.
    expect(r.deployment.prefillBound).toBe('compute');
    expect(r.deployment.prefillPassBreakdown.computeS).toBeCloseTo(0.020016, 12);
    expect(r.deployment.prefillTokensPerS).toBeCloseTo(1000 / 0.020016, 6);
    expect(q.timeToFirstTokenS).toBeCloseTo(0.020016, 12);
    // Time per output token: the step plus the prompts that arrive at the batch's pace, prefilled
    // between steps: 10 sequences × (1000 / 100 prompt tokens per output token) × 20.016 µs = 2.0016 ms;
    // 10.021 + 2.0016 = 12.0226 ms.
    expect(q.timePerOutputTokenS).toBeCloseTo(0.0120226, 12);
    // Latency: 0.020016 + 100 × 0.0120226 = 1.222276 s.
    expect(q.latencyS).toBeCloseTo(1.222276, 9);
    expect(r.deployment.crossesNodes).toBe(false);
  });

  it('turns replica time into cost', () => {
    // Replica time per query: prefill 1000 × 20.016 µs = 0.020016 s + decode 100 × 10.021 ms / 10 = 0.10021 s = 0.120226 s.
    expect(q.acceleratorSecondsPerQuery).toBeCloseTo(0.120226, 12);
    // $3.6/h = $0.001/s, utilisation 1: $0.000120226 per query.
    expect(q.costPerQueryUsd).toBeCloseTo(0.000120226, 15);
    // Of it, the prompt: 0.020016 s × $0.001/s = $0.000020016; decoding 0.10021 s: $0.00010021.
    expect(q.prefillCostPerQueryUsd).toBeCloseTo(0.000020016, 15);
    expect(q.decodeCostPerQueryUsd).toBeCloseTo(0.00010021, 15);
    expect(q.costPerMillionOutputTokensUsd).toBeCloseTo(1.20226, 9); // / 100 tokens × 1e6
    expect(q.costPerMillionTokensUsd).toBeCloseTo((0.000120226 / 1100) * 1e6, 9);
    // 86,400 requests/day × 30.4375 days × $0.000120226 = $316.1703…
    expect(q.monthlyCostUsd).toBeCloseTo(86_400 * 30.4375 * 0.000120226, 6);
    // Energy: 0.120226 s × 1000 W / 3600 = 0.0333961 Wh.
    expect(q.energyPerQueryWh).toBeCloseTo((0.120226 * 1000) / 3600, 12);
    expect(q.outputTokensPerSPerAccelerator).toBeCloseTo(100 / 0.120226, 9);
  });

  it('sizes the fleet for the peak', () => {
    // 1 request/s; one replica serves 1 / 0.120226 = 8.3177/s → 1 replica, 1 accelerator.
    expect(r.fleet.averageRequestsPerS).toBe(1);
    expect(r.fleet.replicas).toBe(1);
    expect(r.fleet.accelerators).toBe(1);
    // $3.6 × 24 h × 30.4375 days = $2,629.80 a month, over 2,629,800 requests = $0.001 per query.
    expect(r.fleet.provisionedMonthlyCostUsd).toBeCloseTo(2629.8, 9);
    expect(r.fleet.provisionedCostPerQueryUsd).toBeCloseTo(0.001, 12);
    expect(r.fleet.averageUtilization).toBeCloseTo(0.120226, 9);
  });

  it('a latency SLO shrinks the batch to the largest that meets it', () => {
    // Time per output token(b) = step (20e9 + b × 4.2e6) / 2e12 s + b × 10 prompt tokens per output token
    // × 20.016 µs = 0.01 + b × (2.1 + 200.16) µs. An 11 ms limit allows b ≤ 0.001 / 202.26e-6 = 4.94 → batch 4.
    const slo = simulate(
      scenarioFrom(HAND.replace('max_batch: 10', 'max_batch: 10\n  max_time_per_output_token_ms: 11')),
    );
    expect(slo.deployment.batch).toBe(4);
    expect(slo.deployment.batchLimitedBy).toBe('latency');
    expect(slo.blended.timePerOutputTokenS).toBeCloseTo(0.01 + 4 * 202.26e-6, 12);
  });

  it('says why when no batch meets the SLO, and what would', () => {
    // On one accelerator, batch 1 already takes (20e9 + 4.2e6) / 2e12 = 10.0021 ms + its prompts' 10 × 20.016 µs
    // = 10.2023 ms per output token.
    const pinned = scenarioFrom(
      HAND.replace('max_batch: 10', 'max_batch: 10\n  max_time_per_output_token_ms: 5\n  accelerators_per_replica: 1'),
    );
    expect(() => simulate(pinned)).toThrow(InfeasibleError);
    expect(() => simulate(pinned)).toThrow(
      /even one sequence takes 10\.20 ms per output token.*Raise the limit to at least 11 ms/,
    );
    // Unpinned, the replica grows until a token fits: on 2, batch 1 takes (20e9 + 4.2e6) / 4e12 = 5.001 ms
    // + 10 × 10.008 µs of prompt = 5.101 ms, still over; on 4, (20e9 + 10 × 4.2e6) / 8e12 = 2.505 ms + 10 × 10 ×
    // 5.004 µs = 3.006 ms at the full batch of 10.
    const free = simulate(
      scenarioFrom(HAND.replace('max_batch: 10', 'max_batch: 10\n  max_time_per_output_token_ms: 5')),
    );
    expect(free.deployment.acceleratorsPerReplica).toBe(4);
    expect(free.deployment.batch).toBe(10);
    expect(free.deployment.candidates.map((c) => c.feasible)).toEqual([false, false, true]);
  });

  it('says why a model does not fit, and what would', () => {
    const s = scenarioFrom(HAND.replace('memory_gb: 100', 'memory_gb: 10'));
    // Pinned to one 10 GB accelerator, 20 GB of weights cannot fit.
    const pinned = scenarioFrom(
      HAND.replace('memory_gb: 100', 'memory_gb: 10').replace(
        'max_batch: 10',
        'max_batch: 10\n  accelerators_per_replica: 1',
      ),
    );
    expect(() => simulate(pinned)).toThrow(
      /does not fit: 10B parameters at bf16 need 20\.0 GB of weights.*fp8: 10\.0 GB/,
    );
    // Unpinned, the calculator grows the replica until it fits: 4 × 10 GB (20 GB weights + KV).
    expect(simulate(s).deployment.acceleratorsPerReplica).toBe(4);
  });

  it('asks for a price instead of assuming one', () => {
    const s = scenarioFrom(HAND.replace('price_usd_per_hour: 3.6', 'price_usd_per_hour: null'));
    expect(() => simulate(s)).toThrow(/set hardware\.price_usd_per_hour/);
  });
});

describe('reasoning mix', () => {
  const mixed = HAND.replace(
    'levels: { none: { share: 1, thinking_tokens: 0 } }',
    'compression: 0.5\n  levels: { none: { share: 0.5, thinking_tokens: 0 }, high: { share: 0.5, thinking_tokens: 1000 } }',
  );
  const r = simulate(scenarioFrom(mixed));

  it('output tokens = answer + thinking × (1 − compression)', () => {
    const high = r.levels.find((l) => l.level === 'high');
    expect(high?.thinkingTokens).toBe(500);
    expect(high?.outputTokens).toBe(600);
    expect(r.blended.outputTokens).toBe(350); // 0.5 × 100 + 0.5 × 600
  });

  it('the blend is the share-weighted mean of the levels', () => {
    const weighted = r.levels.reduce((s, l) => s + l.share * l.costPerQueryUsd, 0);
    expect(r.blended.costPerQueryUsd).toBeCloseTo(weighted, 15);
  });
});

describe("simulate's figures-only detail (what a sweep row reads)", () => {
  const strip = (r: ReturnType<typeof simulate>) => ({
    ...r,
    deployment: { ...r.deployment, candidates: [] },
    assumptions: [],
    warnings: [],
    uncertainty: { ...r.uncertainty, basis: '' },
  });
  it.each(readdirSync('scenarios').filter((f) => f.endsWith('.yaml')))(
    '%s: every figure is the full result’s; only the words are left out',
    (file) => {
      const text = readFileSync(path.join('scenarios', file), 'utf8');
      const s = loadScenario(text, file).scenario;
      const full = simulate(s);
      const figures = simulate(s, undefined, undefined, undefined, 'figures');
      expect(figures.assumptions).toEqual([]);
      expect(figures.deployment.candidates).toEqual([]);
      expect(full.assumptions.length).toBeGreaterThan(0);
      expect(figures).toEqual(strip(full));
    },
  );
});
