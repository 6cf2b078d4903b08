import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileOf, seededRandom, simulateQueue, type QueueModel } from '../../src/core/queueing.js';
import { simulate } from '../../src/core/simulate.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_HAND_SCENARIO } from '../toy.js';

const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * A single server: one request at a time (batch cap 1), one output token (the
 * request ends at its first token), service = its prefill. The TTFT is then
 * the sojourn time of a FIFO single-server queue.
 */
const singleServer = (lambda: number, service: (random: () => number) => number): QueueModel => ({
  arrivalRatePerS: lambda,
  arrivalCv: 1,
  maxBatch: 1,
  stepS: () => 1,
  tokensPerStep: 1,
  prefillS: (tokens) => tokens,
  draw: (random) => ({ prefillTokens: service(random), outputTokens: 1 }),
});

describe('the scheduler simulation against closed-form queues', () => {
  it('M/M/1 (Poisson arrivals, exponential service): sojourn mean 1 / (μ − λ), exponential', () => {
    // λ = 0.5, μ = 1: ρ = 0.5, mean sojourn 1 / (1 − 0.5) = 2 s; sojourn ~ Exp(μ − λ), so its p90 is
    // ln 10 / 0.5 = 4.605 s (Kleinrock, Queueing Systems I, §3.2). 200,000 requests: the sample mean is
    // within ~2% of it (the sojourn's standard deviation is 2 s; correlated samples widen it).
    const run = simulateQueue(
      singleServer(0.5, (random) => -Math.log(1 - random())),
      200_000,
    );
    expect(mean(run.ttftS)).toBeGreaterThan(2 * 0.96);
    expect(mean(run.ttftS)).toBeLessThan(2 * 1.04);
    expect(percentileOf(run.ttftS, 0.9)).toBeGreaterThan((Math.log(10) / 0.5) * 0.95);
    expect(percentileOf(run.ttftS, 0.9)).toBeLessThan((Math.log(10) / 0.5) * 1.05);
  });

  it('M/D/1 (deterministic service): mean wait ρ / (2μ(1 − ρ)), the Pollaczek–Khinchine formula', () => {
    // D = 1 s, λ = 0.7: ρ = 0.7, mean wait 0.7 / (2 × 0.3) = 1.1667 s, sojourn 2.1667 s.
    const run = simulateQueue(
      singleServer(0.7, () => 1),
      200_000,
    );
    const sojourn = 1 + 0.7 / (2 * 0.3);
    expect(mean(run.ttftS)).toBeGreaterThan(sojourn * 0.96);
    expect(mean(run.ttftS)).toBeLessThan(sojourn * 1.04);
    // Nobody waits less than the service itself.
    expect(percentileOf(run.ttftS, 0)).toBeCloseTo(1, 12);
  });

  it('burstier arrivals (gamma gaps, cv 2) wait longer than Poisson at the same rate', () => {
    const poisson = simulateQueue(singleServer(0.5, () => 1));
    const bursty = simulateQueue({ ...singleServer(0.5, () => 1), arrivalCv: 2 });
    // Kingman: the wait scales with (ca² + cs²) / 2: (4 + 0) / (1 + 0) = 4× the M/D/1 wait of 0.5 s.
    expect(mean(bursty.ttftS) - 1).toBeGreaterThan(3 * (mean(poisson.ttftS) - 1));
  });

  it('is deterministic: the same model gives the same latencies, every run', () => {
    const m = singleServer(0.8, (random) => 0.5 + random());
    const a = simulateQueue(m);
    const b = simulateQueue(m);
    expect(Array.from(a.ttftS)).toEqual(Array.from(b.ttftS));
    expect(seededRandom(7)()).toBe(seededRandom(7)());
  });

  it('continuous batching: at light load a request decodes alone, TPOT = one step', () => {
    // 100 output tokens, steps of 10 ms at any batch, prefill 50 ms; arrivals 0.01/s: nobody overlaps.
    const run = simulateQueue({
      arrivalRatePerS: 0.01,
      arrivalCv: 1,
      maxBatch: 8,
      stepS: () => 0.01,
      tokensPerStep: 1,
      prefillS: () => 0.05,
      draw: () => ({ prefillTokens: 1, outputTokens: 100 }),
    });
    expect(percentileOf(run.tpotS, 0.9)).toBeCloseTo(0.01, 9);
    // About 1% of requests see another arrive in their 1.04 s (1 − e^(−0.0104)): its 50 ms prefill pauses
    // their decoding, 0.05 / 99 s more per token. The p99 sits on that edge; it is never faster.
    expect(percentileOf(run.tpotS, 0.995)).toBeCloseTo(0.01 + 0.05 / 99, 9);
    expect(percentileOf(run.ttftS, 0.5)).toBeCloseTo(0.05, 9);
    // 0.05 s + 99 steps × 0.01 s.
    expect(percentileOf(run.e2eS, 0.5)).toBeCloseTo(1.04, 9);
  });
});

describe('latency percentiles in simulate', () => {
  const toy = (extra: string) =>
    scenarioFrom(TOY_HAND_SCENARIO.replace('  utilization: 1\n', `  utilization: 1\n${extra}`));

  it('reports p50-p99 at the peak when asked, and leaves them out otherwise', () => {
    expect(simulate(scenarioFrom(TOY_HAND_SCENARIO)).latency).toBeNull();
    const r = simulate(toy('  slo: { ttft_ms: { p99: 1000 } }\n'));
    const l = r.latency;
    expect(l).not.toBeNull();
    // The toy serves 1 request/s with one replica at batch 10: TTFT at least one prefill (20.016 ms).
    expect(l?.timeToFirstTokenS.p50).toBeGreaterThanOrEqual(0.020016 - 1e-12);
    expect(l?.timeToFirstTokenS.p99).toBeGreaterThanOrEqual(l?.timeToFirstTokenS.p50 ?? Infinity);
    expect(l?.slo).toEqual([
      expect.objectContaining({ metric: 'ttft_ms', percentile: 'p99', limitMs: 1000, pass: true }),
    ]);
    expect(l?.goodput).toBeGreaterThan(0.99);
  });

  it('sizes the fleet so a tight percentile SLO holds at the peak', () => {
    const loose = simulate(toy('  slo: { tpot_ms: { p99: 1000 } }\n'));
    // 20 requests/s at the peak on a toy replica that serves ~8/s: TPOT p99 under 12 ms needs spare replicas.
    const busy = (slo: string) =>
      scenarioFrom(
        TOY_HAND_SCENARIO.replace('requests_per_day: 86400', 'requests_per_day: 1728000').replace(
          '  utilization: 1\n',
          `  utilization: 1\n${slo}`,
        ),
      );
    const base = simulate(busy('  slo: { tpot_ms: { p99: 1000 } }\n'));
    const tight = simulate(busy('  slo: { tpot_ms: { p99: 11 } }\n'));
    expect(loose.latency?.replicasAddedForSlo).toBe(0);
    expect(tight.fleet.replicas).toBeGreaterThan(base.fleet.replicas);
    expect(tight.latency?.slo.every((c) => c.pass)).toBe(true);
    expect(tight.latency?.timePerOutputTokenS.p99).toBeLessThanOrEqual(0.011);
  });
});

describe('percentileOf', () => {
  it('is the nearest-rank quantile of each array, asked in any order across arrays (the sorted copy is kept)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.integer({ min: -1e6, max: 1e6 }).map((x) => x / 7 + 0),
            { minLength: 1, maxLength: 40 },
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 }),
        (lists, asks) => {
          const arrays = lists.map((l) => Float64Array.from(l));
          for (const [i, q] of asks) {
            const values = arrays[i % arrays.length] as Float64Array;
            // Nearest rank by hand: the ceil(q n)-th smallest (the first for q = 0).
            const sorted = [...values].sort((a, b) => a - b);
            const want = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
            expect(percentileOf(values, q)).toBe(want);
          }
          // The arrays themselves are left in their order (a run's requests stay aligned across figures).
          arrays.forEach((a, i) => expect([...a]).toEqual(lists[i]));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the scheduler simulation on a fractional batch cap', () => {
  it('admits as many as stay under the cap (8 under 7.5) and ends', () => {
    // 24 clients all at once, each request 4 decode steps of 1 s (5 tokens, the first from the
    // prefill): a cap of 7.5 runs 8 at a time (7 < 7.5 admits an eighth), three rounds of 4 s, so
    // the mean batch is (3 × 8 × 4) / 12 = 8 (at 7 a round it would be 96 / 16 = 6).
    const run = simulateQueue(
      {
        arrivalRatePerS: 1,
        arrivalCv: 1,
        maxBatch: 7.5,
        stepS: () => 1,
        tokensPerStep: 1,
        prefillS: () => 0,
        draw: () => ({ prefillTokens: 1, outputTokens: 5 }),
        concurrency: 24,
      },
      24,
      undefined,
      0,
    );
    expect(run.requests).toBe(24);
    expect(run.meanBatch).toBe(8);
  });
});
