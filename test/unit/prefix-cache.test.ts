import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { workloadOf } from '../../src/core/workload.js';
import { explain } from '../../src/core/explain.js';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/errors.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_HAND_SCENARIO } from '../toy.js';

/** The hand-checked toy (test/unit/simulate.test.ts): 1,000 prompt tokens, 100 out, batch 10. */
const withCache = (cache: string) => scenarioFrom(`${TOY_HAND_SCENARIO}  prefix_cache: ${cache}\n`);

describe('prefix caching (traffic.prefix_cache), worked by hand on the toy', () => {
  // A shared 600-token prefix found by half the requests: hits prefill 400 tokens after 600 cached,
  // misses prefill all 1,000 (nothing after a missed prefix can be found).
  const s = withCache('{ shared_prefix_tokens: 600, hit_rate: 0.5 }');
  const r = simulate(s);

  it('splits the prompts into hits and misses', () => {
    const w = workloadOf(s);
    // Prefilled per request: 0.5 × 400 + 0.5 × 1000 = 700.
    expect(w.prefillTokens).toBe(700);
    // Attended per prefilled token: (0.5 × 400 × (600 + 400/2) + 0.5 × 1000 × 1000/2) / 700 = 410,000 / 700.
    expect(w.prefillAttendedTokens).toBeCloseTo(410_000 / 700, 12);
    // A slot's own KV: the mean context 1050 less the 0.5 × 600 tokens that point at the shared copy.
    expect(w.meanSlotKvTokens).toBe(750);
    expect(w.sharedPrefixTokens).toBe(600);
  });

  it('holds the shared prefix once: more sequences fit', () => {
    // floor((80e9 − 600 × 4000 B) / (750 × 4000 B)) = floor(26,665.87) = 26,665 (19,047 without the cache).
    expect(r.deployment.memoryBatch).toBe(26_665);
    expect(r.deployment.prefixCache).toEqual({
      cachedTokensPerQuery: 300,
      prefilledTokensPerQuery: 700,
      sharedPrefixTokens: 600,
    });
  });

  it('prefills only what is not cached, attending to what is', () => {
    // Packed pass of 1000 tokens: GEMMs 20 ms (compute) + attention 1000 × 585.714 × 32,000 FLOPs = 18.742857e9
    // → 0.018742857 ms: 20.018742857 ms. Per prompt token, cached ones free: 20.018742857 µs × 700 / 1000.
    const perToken = 20.018742857e-6 * 0.7;
    expect(1 / r.deployment.prefillTokensPerS).toBeCloseTo(perToken, 14);
    // Alone: a hit prefills 400 tokens attending 800 on average: GEMMs 8e12 FLOPs = 8 ms against 10 ms of
    // weights → 10 ms, attention 400 × 800 × 32,000 = 10.24e9 FLOPs → 0.01024 ms: 10.01024 ms. A miss: 20.016 ms
    // (the toy without a cache). TTFT = 0.5 × 10.01024 + 0.5 × 20.016 = 15.01312 ms.
    expect(r.blended.timeToFirstTokenS).toBeCloseTo(0.01501312, 12);
    // TPOT: the decode step 10.021 ms (each sequence still reads its whole context) + 10 × (1000 / 100) × perToken.
    expect(r.blended.timePerOutputTokenS).toBeCloseTo(0.010021 + 100 * perToken, 12);
    // Replica time: 1000 × perToken + 100 × 10.021 ms / 10 = 0.01401312 + 0.10021 s; $0.001 per second.
    expect(r.blended.costPerQueryUsd).toBeCloseTo((1000 * perToken + 0.10021) * 0.001, 15);
  });

  it('a cached share: every prompt finds its share, nothing is shared', () => {
    const c = withCache('{ cached_input_share: 0.25 }');
    const w = workloadOf(c);
    // 750 prefilled after 250 cached: attended 250 + 750 / 2 = 625; slots hold their whole context.
    expect(w.prefillTokens).toBe(750);
    expect(w.prefillAttendedTokens).toBe(625);
    expect(w.meanSlotKvTokens).toBe(1050);
    expect(w.sharedPrefixTokens).toBe(0);
    expect(simulate(c).deployment.memoryBatch).toBe(19_047);
  });

  it('is a step of the waterfall, against the same scenario without it', () => {
    const e = explain(s);
    const step = e.steps.find((x) => x.factor === 'prefix-cache');
    // Headline: prompt work left, 700 / 1000; modelled: the cost with over without the cache (0.000120226 without).
    expect(step?.headlineRatio).toBeCloseTo(0.7, 12);
    expect(step?.stepRatio).toBeCloseTo(r.blended.costPerQueryUsd / 0.000120226, 6);
  });
});

describe('prefix caching: rules and properties', () => {
  it('a bad prefix_cache is a located error', () => {
    const bad = (cache: string) => () => loadScenario(`${TOY_HAND_SCENARIO}  prefix_cache: ${cache}\n`, 'cache.yaml');
    expect(bad('{ shared_prefix_tokens: 1000, hit_rate: 1 }')).toThrow(
      /shared_prefix_tokens.*fewer than input_tokens/s,
    );
    expect(bad('{ shared_prefix_tokens: 100 }')).toThrow(/hit_rate.*expected hit_rate/s);
    expect(bad('{ hit_rate: 0.5, cached_input_share: 0.5, shared_prefix_tokens: 10 }')).toThrow(/not both/);
    expect(bad('{}')).toThrow(InputError);
    expect(bad('{ cached_input_share: 1 }')).toThrow(InputError);
  });

  const shared = fc.record({
    prefix: fc.integer({ min: 1, max: 999 }),
    hit: fc.double({ min: 0, max: 1, noNaN: true }),
    more: fc.double({ min: 0, max: 1, noNaN: true }),
    tpot: fc.option(fc.integer({ min: 12, max: 40 }), { nil: undefined }),
  });
  const scenarioAt = (prefix: number, hit: number, tpot: number | undefined) =>
    scenarioFrom(
      TOY_HAND_SCENARIO.replace(
        'max_batch: 10',
        `max_batch: 10${tpot === undefined ? '' : `\n  max_time_per_output_token_ms: ${tpot}`}`,
      ) + `  prefix_cache: { shared_prefix_tokens: ${prefix}, hit_rate: ${hit} }\n`,
    );

  it('a hit rate of 0 costs what no cache costs', () => {
    fc.assert(
      fc.property(shared, ({ prefix, tpot }) => {
        const none = simulate(scenarioAt(prefix, 0, tpot));
        const plain = simulate(
          scenarioFrom(
            TOY_HAND_SCENARIO.replace(
              'max_batch: 10',
              `max_batch: 10${tpot === undefined ? '' : `\n  max_time_per_output_token_ms: ${tpot}`}`,
            ),
          ),
        );
        expect(none.blended.costPerQueryUsd).toBeCloseTo(plain.blended.costPerQueryUsd, 15);
        expect(none.blended.timeToFirstTokenS).toBeCloseTo(plain.blended.timeToFirstTokenS, 15);
        expect(none.deployment.memoryBatch).toBe(plain.deployment.memoryBatch);
      }),
      { numRuns: 100 },
    );
  });

  it('a higher hit rate never costs more nor waits longer for the first token', () => {
    fc.assert(
      fc.property(shared, ({ prefix, hit, more, tpot }) => {
        const lo = simulate(scenarioAt(prefix, hit, tpot));
        const hi = simulate(scenarioAt(prefix, hit + (1 - hit) * more, tpot));
        expect(hi.blended.costPerQueryUsd).toBeLessThanOrEqual(lo.blended.costPerQueryUsd * (1 + 1e-12));
        expect(hi.blended.timeToFirstTokenS).toBeLessThanOrEqual(lo.blended.timeToFirstTokenS * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });
});
