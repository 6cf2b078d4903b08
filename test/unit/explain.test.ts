import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, factorIds, type FactorId } from '../../src/core/explain.js';
import { simulate } from '../../src/core/simulate.js';
import { stepWords, worded } from '../../src/formats/explain-words.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_DEPLOYMENT } from '../toy.js';

/** The toy deployment (test/toy.ts) with a reasoning mix, compression and a half-speed baseline chip. */
const TOY = `
name: toy waterfall
${TOY_DEPLOYMENT}reasoning:
  compression: 0.5
  levels: { none: { share: 0.5, thinking_tokens: 0 }, high: { share: 0.5, thinking_tokens: 1000 } }
traffic: { requests_per_day: 86400, input_tokens: 1000, output_tokens: 100 }
baseline:
  hardware:
    name: half-speed toy
    dense_tflops: { bf16: 500 }
    memory_gb: 100
    memory_bandwidth_tb_per_s: 1
    price_usd_per_hour: 3.6
    accelerators_per_node: 1
`;

describe('explain: a waterfall worked by hand', () => {
  const e = explain(scenarioFrom(TOY));
  const cost = (i: number) => e.steps[i]?.costPerQueryUsd ?? NaN;

  it('baseline: half-speed chip, every request at "high", no compression', () => {
    // Output 100 + 1000 = 1100 tokens; mean context 1000 + 1100/2 = 1550.
    // Prefill: 1000 × (20e9 + 500 × 32,000) FLOPs / 0.5e15 = 40.032 ms per 1000-token prompt.
    // Decode step, batch 10: (20e9 + 10 × 1550 × 4000) B / 1e12 B/s = 20.062 ms → 2.0062 ms per token × 1100 = 2.20682 s.
    // (0.040032 + 2.20682) s × $0.001/s = $0.002246852.
    expect(e.baseline.costPerQueryUsd).toBeCloseTo(0.002246852, 12);
  });

  it('each step, re-run through the model', () => {
    // 1. model: already dense → unchanged.
    expect(e.steps[0]?.stepRatio).toBeCloseTo(1, 12);
    // 2. mix: outputs 100 and 1100 at half each → 600 mean; mean context (0.5·100·1050 + 0.5·1100·1550) / 600 = 1508.33;
    //    step (20e9 + 10 × 1508.33 × 4000) / 1e12 = 20.06033 ms; (0.040032 + 600 × 0.002006033) × 0.001 = $0.001243652.
    expect(cost(1)).toBeCloseTo(0.001243652, 11);
    // 3. compression 0.5: high emits 100 + 500 = 600; mean 350; mean context (0.5·100·1050 + 0.5·600·1300) / 350 = 1264.29;
    //    step (20e9 + 10 × 1264.29 × 4000) / 1e12 = 20.05057 ms; (0.040032 + 350 × 0.002005057) × 0.001 = $0.000741802.
    expect(cost(2)).toBeCloseTo(0.000741802, 11);
    // 4. hardware: full-speed chip: prefill 0.020016 s; step 20.05057e9 / 2e12 = 10.02529 ms;
    //    (0.020016 + 350 × 0.001002529) × 0.001 = $0.000370901.
    expect(cost(3)).toBeCloseTo(0.000370901, 11);
  });

  it('naive product of headlines vs the modelled compound', () => {
    // Headlines: model 10/10 = 1; mix (100 + 500) / (100 + 1000) = 0.5454; compression 0.5; $/FLOP (3.6/1000)/(3.6/500) = 0.5.
    expect(e.steps.map((s) => s.headlineRatio)).toEqual([1, 600 / 1100, 0.5, 0.5]);
    expect(e.naiveCompoundRatio).toBeCloseTo(0.1363636, 6);
    // Modelled: 0.000370901 / 0.002246852 = 0.16508: compression and the faster chip leave the prompt's cost behind.
    expect(e.modelledCompoundRatio).toBeCloseTo(0.000370901 / 0.002246852, 5);
  });

  it('ends at exactly what simulate gives for the scenario', () => {
    expect(e.finalCostPerQueryUsd).toBe(simulate(scenarioFrom(TOY)).blended.costPerQueryUsd);
  });
});

describe('explain: facts in core, words in formats', () => {
  const e = explain(scenarioFrom(TOY));

  it('each step carries the numbers behind it', () => {
    // The toy baseline runs every request at "high" (1100 output tokens); the mix brings 600, compression 350.
    expect(e.steps.map((s) => s.facts.kind)).toEqual(['model', 'reasoning-mix', 'compression', 'hardware']);
    expect(e.steps[1]?.facts).toEqual({
      kind: 'reasoning-mix',
      topLevel: 'high',
      inputTokens: 1000,
      outputTokens: { before: 1100, after: expect.closeTo(600, 9) },
    });
    expect(e.steps[2]?.facts).toMatchObject({ kind: 'compression', from: 0, to: 0.5 });
    // $/(TB/s): 3.6/1 → 3.6/2 (the toy chip has 2 TB/s) = 1/2.
    expect(e.steps[3]?.facts).toMatchObject({ kind: 'hardware', pricePerBandwidthRatio: 0.5 });
    expect(e.baseline).toMatchObject({ hardware: 'half-speed toy', precision: 'bf16', compression: 0 });
  });

  it('words them once, with their rounding, for every format', () => {
    const w = worded(e);
    expect(w.steps[2]?.why).toBe(
      // 350 / 600 = 0.5833 → 1/1.71.
      'it removes thinking tokens only: output per query goes from 600 to 350 tokens (1/1.71); the prompt and the answer are unchanged',
    );
    // The toy model has no name: "model".
    expect(w.baseline.description).toBe(
      'model at bf16 on half-speed toy, every request at the highest reasoning level of the mix, compression 0',
    );
    // Naive 0.136 = 1/7.33; modelled 0.165 = 1/6.06: more than naive → "the factors overlap".
    expect(w.summary).toBe(
      'multiplying the headline ratios predicts 1/7.33 the baseline cost; the model predicts 1/6.06. The factors overlap: each acts on a different phase or bottleneck, so no single one scales the whole cost.',
    );
  });

  it('a side that could not be simulated leaves the figures out, and says so in words', () => {
    const words = stepWords({
      headlineRatio: 0.5,
      facts: {
        kind: 'hardware',
        from: { name: 'a', precision: 'bf16', priceUsdPerHour: 2 },
        to: { name: 'b', precision: 'fp8', priceUsdPerHour: 2 },
        pricePerBandwidthRatio: 0.25,
        bounds: null,
      },
    });
    expect(words.why).toBe('price per FLOP/s changes 1/2, per unit of bandwidth 1/4');
    expect(words.change).toBe('a at bf16 → b at fp8');
  });
});

describe('explain: order of factors', () => {
  const base = DEFAULT_SCENARIO_YAML.replace('compression: 0', 'compression: 0.58').concat(
    'extra_factors:\n  - { name: speculative decoding, time_ratio: 0.6, phase: decode, source: assumption }\n',
  );
  const s = scenarioFrom(base);
  const ids = factorIds(s);
  const permutations = fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }) as fc.Arbitrary<
    FactorId[]
  >;

  it('does not change the baseline, the final cost or the compound; step ratios multiply to it', () => {
    const reference = explain(s);
    fc.assert(
      fc.property(permutations, (order) => {
        const e = explain(s, order);
        expect(e.steps.map((st) => st.factor)).toEqual(order);
        expect(e.baseline.costPerQueryUsd).toBe(reference.baseline.costPerQueryUsd);
        expect(e.finalCostPerQueryUsd).toBe(reference.finalCostPerQueryUsd);
        expect(e.modelledCompoundRatio).toBe(reference.modelledCompoundRatio);
        const product = e.steps.reduce((p, st) => p * (st.stepRatio ?? NaN), 1);
        expect(product).toBeCloseTo(e.modelledCompoundRatio ?? NaN, 12);
      }),
      { numRuns: 30 },
    );
  });

  it('savings are ratios ≤ 1 in any order: compression, a lighter mix, a decode speed-up', () => {
    fc.assert(
      fc.property(permutations, (order) => {
        const e = explain(s, order);
        for (const st of e.steps)
          if (st.factor === 'compression' || st.factor === 'reasoning-mix' || st.factor === 'extra:0')
            expect(st.stepRatio).toBeLessThanOrEqual(1);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects an order that misses or repeats a factor', () => {
    expect(() => explain(s, ['model', 'model', 'compression', 'hardware', 'extra:0'])).toThrow(/each of/);
  });
});

describe('extra factors and API pricing', () => {
  it('a decode time ratio is applied to decode only, and reported as an assumption', () => {
    const plain = simulate(scenarioFrom(DEFAULT_SCENARIO_YAML));
    const faster = simulate(
      scenarioFrom(`${DEFAULT_SCENARIO_YAML}extra_factors:\n  - { name: JEPA, time_ratio: 0.5, phase: decode }\n`),
    );
    // The decode step halves; the prompts prefilled between steps (prefill time) do not change.
    expect(faster.deployment.decodeStepS).toBeCloseTo(plain.deployment.decodeStepS / 2, 12);
    expect(faster.blended.timePerOutputTokenS - faster.deployment.decodeStepS).toBeCloseTo(
      plain.blended.timePerOutputTokenS - plain.deployment.decodeStepS,
      12,
    );
    expect(faster.blended.timeToFirstTokenS).toBe(plain.blended.timeToFirstTokenS);
    expect(faster.assumptions.find((a) => a.path === 'extra_factors.0')?.origin).toMatch(/^ASSUMPTION/);
  });

  it('prices each level through the API, thinking billed as output', () => {
    const r = simulate(
      scenarioFrom(
        `${DEFAULT_SCENARIO_YAML}api_pricing: { name: test API, input_usd_per_million_tokens: 0.1, output_usd_per_million_tokens: 0.3 }\n`,
      ),
    );
    // high: 1000 in × $0.1/M + 6400 out × $0.3/M = $0.0001 + $0.00192 = $0.00202.
    expect(r.api?.levels.find((l) => l.level === 'high')?.costPerQueryUsd).toBeCloseTo(0.00202, 12);
    // blended: 1000 × 0.1/M + 1450 × 0.3/M = $0.000535.
    expect(r.api?.blendedCostPerQueryUsd).toBeCloseTo(0.000535, 12);
    // Like with like: the decision figure is the fleet as provisioned; the at-target one is beside it.
    expect(r.api?.selfHostedAtTargetOverApi).toBeCloseTo(r.blended.costPerQueryUsd / 0.000535, 9);
    expect(r.api?.selfHostedOverApi).toBeCloseTo(r.fleet.provisionedCostPerQueryUsd! / 0.000535, 9);
  });
});

describe('explain: the autoscaling step, as provisioned', () => {
  it('is the static fleet against the autoscaled one, after the waterfall at the target', () => {
    const text = readFileSync('scenarios/llama-3.1-8b-h100-business-hours.yaml', 'utf8');
    const s = scenarioFrom(text);
    const e = explain(s);
    const r = simulate(s);
    expect(e.autoscaling?.staticCostPerQueryUsd).toBe(r.fleet.provisionedCostPerQueryUsd);
    expect(e.autoscaling?.autoscaledCostPerQueryUsd).toBe(r.autoscaled?.costPerQueryUsd);
    expect(e.autoscaling?.stepRatio).toBeLessThan(1);
    // The waterfall itself ends at the cost at the utilisation target, which autoscaling does not move.
    expect(e.finalCostPerQueryUsd).toBe(r.blended.costPerQueryUsd);
    expect(explain(scenarioFrom(DEFAULT_SCENARIO_YAML)).autoscaling).toBeNull();
  });
});
