/**
 * Token counts as a number or a distribution (traffic.input_tokens,
 * traffic.output_tokens, a level's thinking_tokens): its mean, second moment,
 * quantiles and draws, the one home of each formula.
 *
 * - lognormal { mean, p90 }: ln X ~ N(μ, σ²) with mean = exp(μ + σ²/2) and
 *   p90 = exp(μ + z₉₀σ), z₉₀ = 1.281552; so ln(p90 / mean) = z₉₀σ − σ²/2,
 *   σ = z₉₀ − √(z₉₀² − 2 ln(p90 / mean)) (the root with p90 above the mean;
 *   p90 / mean ≤ exp(z₉₀² / 2) = 2.2736). E[X²] = mean² × exp(σ²).
 * - uniform { min, max }: mean (min + max) / 2, E[X²] = (min² + min·max + max²) / 3.
 * - histogram { buckets: [[tokens, share], …] }: each bucket's tokens with its share.
 */
import { normal } from './queueing.js';

/** A distribution of a token count, as the scenario schema validates it (scenario/schema.ts TokensDistributionSchema). */
export interface TokensDistribution {
  readonly distribution?: 'lognormal' | 'uniform' | undefined;
  readonly mean?: number | undefined;
  readonly p90?: number | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly buckets?: readonly (readonly [number, number])[] | undefined;
}
/** A token count per request: a number (every request alike) or a distribution. */
export type TokenCount = number | TokensDistribution;

/** The standard normal's 90th and 99.9th percentiles. */
const Z90 = 1.2815515655446004;
const Z999 = 3.090232306167813;
/** The largest p90 / mean a lognormal can have: exp(Z90² / 2). */
export const LOGNORMAL_MAX_P90_OVER_MEAN = Math.exp((Z90 * Z90) / 2);
/**
 * The quantile that stands for "the longest request" of an unbounded
 * distribution (the memory check must hold it): the 99.9th percentile.
 */
export const LONGEST_QUANTILE = 0.999;

/** σ of the lognormal with this mean and p90 (p90 > mean, p90 / mean ≤ LOGNORMAL_MAX_P90_OVER_MEAN). */
export function lognormalSigma(mean: number, p90: number): number {
  const r = Math.log(p90 / mean);
  return Z90 - Math.sqrt(Math.max(0, Z90 * Z90 - 2 * r));
}

export function meanOf(t: TokenCount): number {
  if (typeof t === 'number') return t;
  if (t.buckets !== undefined) return t.buckets.reduce((s, [tokens, share]) => s + tokens * share, 0);
  if (t.distribution === 'uniform') return ((t.min ?? 0) + (t.max ?? 0)) / 2;
  return t.mean ?? 0;
}

/** E[X²]. */
export function secondMomentOf(t: TokenCount): number {
  if (typeof t === 'number') return t * t;
  if (t.buckets !== undefined) return t.buckets.reduce((s, [tokens, share]) => s + tokens * tokens * share, 0);
  if (t.distribution === 'uniform') {
    const a = t.min ?? 0;
    const b = t.max ?? 0;
    return (a * a + a * b + b * b) / 3;
  }
  const m = t.mean ?? 0;
  const sigma = lognormalSigma(m, t.p90 ?? m);
  return m * m * Math.exp(sigma * sigma);
}

/** The longest count a request reaches: the number itself, the top of a uniform or histogram, a lognormal's p99.9. */
export function longestOf(t: TokenCount): number {
  if (typeof t === 'number') return t;
  if (t.buckets !== undefined) return Math.max(...t.buckets.filter(([, share]) => share > 0).map(([tokens]) => tokens));
  if (t.distribution === 'uniform') return t.max ?? 0;
  const m = t.mean ?? 0;
  const sigma = lognormalSigma(m, t.p90 ?? m);
  return Math.exp(Math.log(m) - (sigma * sigma) / 2 + Z999 * sigma);
}

/** A draw from the distribution (the number itself for a plain count). */
export function samplerOf(t: TokenCount): (random: () => number) => number {
  if (typeof t === 'number') return () => t;
  const d: TokensDistribution = t;
  if (d.buckets !== undefined) {
    const buckets = d.buckets;
    return (random) => {
      let u = random();
      for (const [tokens, share] of buckets) {
        if (u < share) return tokens;
        u -= share;
      }
      return (buckets[buckets.length - 1] as readonly [number, number])[0];
    };
  }
  if (d.distribution === 'uniform') {
    const a = d.min ?? 0;
    const b = d.max ?? 0;
    return (random) => a + (b - a) * random();
  }
  const m = d.mean ?? 0;
  const sigma = lognormalSigma(m, d.p90 ?? m);
  const mu = Math.log(m) - (sigma * sigma) / 2;
  return (random) => Math.exp(mu + sigma * normal(random));
}
