/** Ranges on simulate's figures, as each format shows them (the band itself: test/unit/error-bands.test.ts). */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('simulate: the 80% range beside each figure', () => {
  it('JSON: {expected, low, high} beside the field, which keeps its name and value', async () => {
    const r = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout).results[0];
    const range = r.blended.costPerQueryUsdRange;
    expect(range.expected).toBe(r.blended.costPerQueryUsd);
    // Cost scales by the band's multipliers; throughput by their inverse.
    expect(range.low).toBeCloseTo(r.blended.costPerQueryUsd * r.uncertainty.low, 15);
    expect(range.high).toBeCloseTo(r.blended.costPerQueryUsd * r.uncertainty.high, 15);
    expect(r.blended.outputTokensPerSPerAcceleratorRange.low).toBeCloseTo(
      r.blended.outputTokensPerSPerAccelerator / r.uncertainty.high,
      9,
    );
    expect(r.uncertainty.basis).toMatch(/10th-90th percentile/);
  });

  it('table: the blended cost and TPOT with their ranges, and what they rest on', async () => {
    const r = await runCli(['simulate']);
    expect(r.stdout).toMatch(
      / {2}80% range: \$[\d.]+ \([\d.]+–[\d.]+\)\/query, TPOT [\d.]+ ms \([\d.]+ ms–[\d.]+ ms\) — from the calculator's error/,
    );
  });

  it('CSV: _low and _high columns after the existing ones', async () => {
    const records = parseCsv((await runCli(['simulate', '--format', 'csv'])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    const blended = records.find((x) => x.level === 'blended')!;
    expect(Number(blended.cost_per_query_usd_low)).toBeLessThan(Number(blended.cost_per_query_usd));
    expect(Number(blended.cost_per_query_usd_high)).toBeGreaterThan(Number(blended.cost_per_query_usd));
    expect(Object.keys(blended).slice(-6)).toEqual([
      'cost_per_query_usd_low',
      'cost_per_query_usd_high',
      'cost_per_million_tokens_usd_low',
      'cost_per_million_tokens_usd_high',
      'time_per_output_token_s_low',
      'time_per_output_token_s_high',
    ]);
  });
});
