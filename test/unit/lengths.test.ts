import { describe, expect, it } from 'vitest';
import { longestOf, lognormalSigma, meanOf, samplerOf, secondMomentOf } from '../../src/core/lengths.js';
import { percentileOf, seededRandom } from '../../src/core/queueing.js';
import { workloadOf } from '../../src/core/workload.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_HAND_SCENARIO } from '../toy.js';

const LOGNORMAL = { distribution: 'lognormal', mean: 1500, p90: 3000 } as const;
const HISTOGRAM = {
  buckets: [
    [100, 0.5],
    [500, 0.4],
    [2000, 0.1],
  ] as [number, number][],
};

describe('token-count distributions (core/lengths.ts), by hand', () => {
  it('a lognormal from its mean and p90', () => {
    // ln(p90 / mean) = ln 2 = 0.693147; σ = 1.281552 − √(1.642375 − 1.386294) = 1.281552 − 0.506045 = 0.775507.
    expect(lognormalSigma(1500, 3000)).toBeCloseTo(0.775507, 5);
    // E[X²] = mean² × e^(σ²) = 2.25e6 × e^0.601399 = 4.1056e6.
    expect(secondMomentOf(LOGNORMAL)).toBeCloseTo(2.25e6 * Math.exp(0.775507 ** 2), -2);
    // The longest: p99.9 = exp(ln 1500 − σ²/2 + 3.090232 σ) = exp(7.313220 − 0.300700 + 2.396473) = 12,198.
    expect(longestOf(LOGNORMAL)).toBeCloseTo(12_198, -1);
    // Draws reproduce the mean and p90 (200,000 of them: within 1.5%).
    const draw = samplerOf(LOGNORMAL);
    const random = seededRandom(3);
    const xs = Float64Array.from({ length: 200_000 }, () => draw(random));
    expect(xs.reduce((a, b) => a + b, 0) / xs.length / 1500).toBeCloseTo(1, 1);
    expect(Math.abs(percentileOf(xs, 0.9) / 3000 - 1)).toBeLessThan(0.015);
  });

  it('a uniform and a histogram', () => {
    const u = { distribution: 'uniform', min: 100, max: 300 } as const;
    expect(meanOf(u)).toBe(200);
    // (100² + 100 × 300 + 300²) / 3 = 130,000 / 3.
    expect(secondMomentOf(u)).toBeCloseTo(130_000 / 3, 9);
    expect(longestOf(u)).toBe(300);
    // 0.5 × 100 + 0.4 × 500 + 0.1 × 2000 = 450; E[X²] = 5,000 + 100,000 + 400,000 = 505,000.
    expect(meanOf(HISTOGRAM)).toBeCloseTo(450, 12);
    expect(secondMomentOf(HISTOGRAM)).toBeCloseTo(505_000, 9);
    expect(longestOf(HISTOGRAM)).toBe(2000);
  });
});

describe('a workload of spread lengths', () => {
  const s = scenarioFrom(
    TOY_HAND_SCENARIO.replace('input_tokens: 1000', `input_tokens: ${JSON.stringify(LOGNORMAL)}`).replace(
      'output_tokens: 100',
      `output_tokens: ${JSON.stringify(HISTOGRAM)}`,
    ),
  );
  const w = workloadOf(s);

  it('holds decode slots longer: the mean context grows with the output spread', () => {
    // E[o (i + o/2)] / E[o] = E[i] + E[o²] / (2 E[o]) = 1500 + 505,000 / 900 = 2,061.1 (1,725 with every answer at 450).
    expect(w.meanOutputTokens).toBeCloseTo(450, 12);
    expect(w.meanContextTokens).toBeCloseTo(1500 + 505_000 / 900, 9);
  });

  it('sizes memory for the longest request, and prefill for the long prompts', () => {
    // 12,198 (the prompt's p99.9) + 2,000.
    expect(w.maxContextTokens).toBeCloseTo(12_198 + 2000, -1);
    // Token-weighted attention context E[i²] / (2 E[i]) = 4.1056e6 / 3000 = 1,368.5 (750 for every prompt at 1500).
    expect(w.prefillAttendedTokens).toBeCloseTo(secondMomentOf(LOGNORMAL) / 3000, 9);
    expect(w.draws).not.toBeNull();
  });

  it('a plain count gives the plain figures, exactly', () => {
    const plain = workloadOf(scenarioFrom(TOY_HAND_SCENARIO));
    expect(plain.meanContextTokens).toBe(1050);
    expect(plain.prefillAttendedTokens).toBe(500);
    expect(plain.draws).toBeNull();
  });
});
