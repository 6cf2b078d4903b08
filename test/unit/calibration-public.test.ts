/**
 * The accuracy gate: the calculator, with its default efficiency factors, must
 * keep predicting the published measurements (a copy of
 * shared/calibration/public.yaml) within the error README "Accuracy" states.
 * A change to the physics or the defaults that makes it worse fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate, prepare } from '../../src/calibration/evaluate.js';
import { fitEfficiency } from '../../src/calibration/fit.js';
import { loadMeasurements } from '../../src/calibration/measurements.js';
import { CALIBRATION_BOUNDS } from '../../src/calibration/predict.js';
import { EfficiencySchema } from '../../src/scenario/schema.js';

const fixture = (name: string) => path.resolve(__dirname, '../fixtures/calibration', name);
const load = (name: string) => loadMeasurements(readFileSync(fixture(name), 'utf8'), name).rows;
const defaults = EfficiencySchema.parse({});

/**
 * The target is a median absolute error of 15%. The defaults reach
 * 14.1% (p90 46.6%) on the public set, so the gate sits at the target, and
 * the p90 at that plus a small margin; README "Accuracy" says so. Lower these
 * when the model improves.
 */
const PUBLIC_MEDIAN_ABS_ERROR_PCT = 15;
const PUBLIC_P90_ABS_ERROR_PCT = 50;
/** Rows from the same sources held out of the fit: 16.3% (p90 57.6%) with the defaults. */
const HOLDOUT_MEDIAN_ABS_ERROR_PCT = 18;
const HOLDOUT_P90_ABS_ERROR_PCT = 62;

describe('accuracy on published measurements (test/fixtures/calibration/public.yaml)', () => {
  const rows = load('public.yaml');
  const report = calibrate(rows, defaults);

  it('evaluates every row it can, and lists the others with the reason', () => {
    expect(rows).toHaveLength(52);
    expect(report.rows.length + report.not_evaluable.length).toBe(52);
    expect(report.summary.rows_evaluated).toBe(49);
    expect(report.summary.rows_not_evaluable).toBe(3);
    for (const n of report.not_evaluable) {
      expect(n.id).toMatch(/^sglang-lmsys-deepseek-gb200nvl72/);
      expect(n.reason).toMatch(/disaggregated prefill\/decode/);
    }
    for (const r of report.rows) expect(CALIBRATION_BOUNDS).toContain(r.bound);
  });

  it(`keeps the median absolute error under ${PUBLIC_MEDIAN_ABS_ERROR_PCT}% and the p90 under ${PUBLIC_P90_ABS_ERROR_PCT}%`, () => {
    expect(report.summary.median_abs_error_pct).toBeLessThan(PUBLIC_MEDIAN_ABS_ERROR_PCT);
    expect(report.summary.p90_abs_error_pct).toBeLessThan(PUBLIC_P90_ABS_ERROR_PCT);
  });

  it('summarises by model family and by accelerator', () => {
    expect(Object.keys(report.summary.by_family).sort()).toEqual(['deepseek', 'gpt-oss', 'llama', 'mistral']);
    expect(Object.keys(report.summary.by_accelerator).sort()).toEqual(['b200', 'h100-sxm', 'h200', 'mi300x']);
    const rowsByFamily = Object.values(report.summary.by_family).reduce((s, f) => s + f.rows, 0);
    expect(rowsByFamily).toBe(49);
  });

  it(`generalises to held-out rows of the same sources: median under ${HOLDOUT_MEDIAN_ABS_ERROR_PCT}%`, () => {
    const holdout = calibrate(load('holdout.yaml'), defaults);
    expect(holdout.summary.rows_not_evaluable).toBe(0);
    expect(holdout.summary.median_abs_error_pct).toBeLessThan(HOLDOUT_MEDIAN_ABS_ERROR_PCT);
    expect(holdout.summary.p90_abs_error_pct).toBeLessThan(HOLDOUT_P90_ABS_ERROR_PCT);
  });

  it("the fitted defaults are the fitter's optimum on these rows (compute, decode_compute, four_bit)", () => {
    // scenario/defaults.ts: fitted with fitEfficiency, fine_grained_moe held at its bound.
    const fit = fitEfficiency(prepare(rows), defaults, { parameters: ['compute', 'decode_compute', 'four_bit'] });
    expect(fit.unidentified).toEqual([]);
    for (const p of ['compute', 'decode_compute', 'four_bit'] as const)
      expect(Math.abs(fit.efficiency[p] - defaults[p])).toBeLessThanOrEqual(0.005);
    expect(fit.objectiveAfter).toBeGreaterThan(fit.objectiveBefore - 1e-3);
  });

  it('the fixture is a verbatim copy of shared/calibration/public.yaml when that is present', () => {
    const shared = path.resolve(__dirname, '../../../shared/calibration/public.yaml');
    let original: string | undefined;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      original = undefined; // CI without ../shared: nothing to compare.
    }
    if (original !== undefined) expect(readFileSync(fixture('public.yaml'), 'utf8')).toBe(original);
  });
});
