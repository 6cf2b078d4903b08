/**
 * The accuracy gate: the calculator, with its default parameters, must keep
 * predicting the published measurements within the errors README "Accuracy"
 * states. A change to the physics or the defaults that makes it worse fails
 * here. The gates sit a little above what the defaults reach today (so they
 * catch a regression, not noise); the targets of issue 14 (median ≤ 10%,
 * p90 ≤ 30%; ≤ 12% held out) are met where README says so and not elsewhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate, prepare } from '../../src/calibration/evaluate.js';
import { fitEfficiency } from '../../src/calibration/fit.js';
import { FIT_PARAMETERS } from '../../src/calibration/fit-parameters.js';
import { loadMeasurements } from '../../src/calibration/measurements.js';
import { CALIBRATION_BOUNDS } from '../../src/calibration/predict.js';
import { EfficiencySchema } from '../../src/scenario/schema.js';

const fixture = (name: string) => path.resolve(__dirname, '../fixtures/calibration', name);
const load = (...names: string[]) =>
  names.flatMap((name) => loadMeasurements(readFileSync(fixture(name), 'utf8'), name).rows);
const defaults = EfficiencySchema.parse({});

/** The fit set: what the FITTED defaults were fitted on (scenario/defaults.ts). */
const FIT_SET = [
  'public.yaml',
  'concurrency.yaml',
  'gathered.yaml',
  'gathered-lowbatch.yaml',
  'gathered-speculative.yaml',
];
/** Rows never fitted on: the 0.2.0 hold-out and the v2 one (held out by whole source group). */
const HELD_OUT = ['holdout.yaml', 'holdout-v2.yaml'];

describe('accuracy on published measurements', () => {
  const publicRows = load('public.yaml');
  const report = calibrate(publicRows, defaults);

  it('evaluates every public row it can, and lists the others with the reason', () => {
    expect(publicRows).toHaveLength(52);
    expect(report.summary.rows_evaluated).toBe(49);
    expect(report.summary.rows_not_evaluable).toBe(3);
    for (const n of report.not_evaluable) {
      expect(n.id).toMatch(/^sglang-lmsys-deepseek-gb200nvl72/);
      expect(n.reason).toMatch(/the decode pool\) of a disaggregated, wide expert-parallel cluster, at a decode batch/);
    }
    for (const r of report.rows) expect(CALIBRATION_BOUNDS).toContain(r.bound);
  });

  it('public + concurrency rows: median 7.0% (target ≤ 10%), p90 24% (target ≤ 30%)', () => {
    const both = calibrate(load('public.yaml', 'concurrency.yaml'), defaults);
    expect(both.summary.rows_evaluated).toBe(57);
    expect(both.summary.median_abs_error_pct).toBeLessThan(10);
    // 62% until the parallelism model priced DEP memory and imbalance (53.5% since); 44% until AMD's chips ran at
    // their measured GEMM and memory shares (hardware.gemm_fraction_of_peak) and the MLPerf prompt means were derived
    // from the datasets' own counts (31.9% since); 21.5% since Blackwell's 128-row MMA tile moved its GEMM knee
    // and the FITTED parameters were refitted to the fitter's optimum on the fit set; 23.9% once A100, B200, GB200
    // and B300 took their measured GEMM shares (and the refit that followed).
    expect(both.summary.p90_abs_error_pct).toBeLessThan(26);
  });

  it('closed-loop rows at concurrency 1-100: median 8% (0.2.0: 140%, ignoring the concurrency)', () => {
    const closed = calibrate(load('concurrency.yaml'), defaults);
    expect(closed.summary.rows_evaluated).toBe(8);
    expect(closed.summary.median_abs_error_pct).toBeLessThan(10);
    expect(closed.summary.p90_abs_error_pct).toBeLessThan(35);
    for (const r of closed.rows) {
      expect(r.batch_limited_by).toBe('concurrency');
      expect(r.predicted_tpot_ms).toBeGreaterThan(0);
      expect(r.measured_tpot_ms).toBeGreaterThan(0);
    }
  });

  // p90 53% on the 96 rows before the speculative-decoding rows; 59% with them (the DEP16 decode pool at 64k
  // context is over-predicted by 60-68% with and without MTP alike, docs/methodology.md §10).
  it('the whole fit set: median 8.9%, p90 39%', () => {
    const all = calibrate(load(...FIT_SET), defaults);
    expect(all.summary.rows_evaluated).toBe(109);
    expect(all.summary.median_abs_error_pct).toBeLessThan(10);
    expect(all.summary.p90_abs_error_pct).toBeLessThan(43);
  });

  it('speculative decoding: the measured speed-ups over the same deployment without it', () => {
    // Pairs from one source each: DeepSeek-R1 on 8 × B200 at batch 1 with MTP depth 1-5 (TensorRT-LLM
    // tech blog 1) and DeepSeek-V3's DEP16 decode pool on H200 with 2-3 MTP drafts (LMSYS). The speed-up
    // predicted (with / without, both predicted) against the speed-up measured: within 5% on every pair
    // (7.5% on the DEP16 pool at 64k context since MLA attention is priced at its BF16 rate: there the
    // verify step's attention over 64k tokens is compute-bound, so each draft position costs more),
    // and the optimum depth (3 on B200: 31.6 tok/s, then 30.6 and 29.9) where it was measured (below).
    const rows = calibrate(load('gathered.yaml', 'gathered-speculative.yaml'), defaults).rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const speedUp = (id: string, base: string, side: 'measured' | 'predicted') => {
      const a = byId.get(id);
      const b = byId.get(base);
      if (a === undefined || b === undefined) throw new Error(`missing ${id} or ${base}`);
      return side === 'measured'
        ? a.measured_tokens_per_s / b.measured_tokens_per_s
        : a.predicted_tokens_per_s / b.predicted_tokens_per_s;
    };
    const b200 = 'ga-trtllm-blog1-dsr1-b200x8-fp4-bs1-nomtp';
    const h200 = 'gs-lmsys-mtp-dsv3-h200x16-decode-dep16-b32-64k4k-baseline';
    const pairs = [
      ...[1, 2, 3, 4, 5].map((k) => [`gs-trtllm-blog1-dsr1-b200x8-fp4-c1-1k2k-mtp${k}`, b200] as const),
      ['gs-lmsys-mtp-dsv3-h200x16-decode-dep16-b32-64k4k-mtp2', h200] as const,
      ['gs-lmsys-mtp-dsv3-h200x16-decode-dep16-b32-64k4k-mtp3', h200] as const,
    ];
    for (const [id, base] of pairs) {
      const ratio = speedUp(id, base, 'predicted') / speedUp(id, base, 'measured');
      expect(Math.abs(ratio - 1), id).toBeLessThan(base === h200 ? 0.075 : 0.05);
    }
    const depth = [1, 2, 3, 4, 5].map(
      (k) => byId.get(`gs-trtllm-blog1-dsr1-b200x8-fp4-c1-1k2k-mtp${k}`)?.predicted_tokens_per_s ?? 0,
    );
    // Since Blackwell's 128-row MMA tile and the refit, depths 3 and 4 tie within 0.1% (31.67 and 31.68 tok/s):
    // depth 3 must be within 0.1% of the best, and the curve must fall on both sides of the plateau.
    const [, two = 0, three = 0, , five = 0] = depth;
    expect(three).toBeGreaterThan(0.999 * Math.max(...depth));
    expect(two).toBeLessThan(three);
    expect(five).toBeLessThan(three);
  });

  // p90 gate 64: at 0.3.0 it was 62, and holding gpt-oss's MXFP4 experts as shipped (calibration/cases.ts
  // weightsAsShipped) moved two held-out rows from -58%/-48% (FP8 experts left a batch of 111) to +67%/+28%.
  // Each GEMM at its operands' precision (gpt-oss's BF16 attention on FP4 chips, MXFP8 activations on
  // Blackwell, BF16 KV under W4A16 on Hopper) took the held-out median from 16.2% to 13.8%, p90 63% → 40%;
  // moe.layers (DeepSeek's 3 dense layers) 13.6%; 14.4% with the four Llama 4 Maverick rows (42); 12.7% with AMD's
  // measured GEMM and memory shares (the ROCm vLLM and MLPerf v5.0 MI325X rows); 12.3% with Blackwell's 128-row MMA
  // tile alone, 12.7% again after the refit that took the fit set to the fitter's optimum (mean |ln error| on these
  // rows 0.188 -> 0.183: the refit lowers the error overall and raises the median a little); 11.4% (0.180) once
  // A100, B200, GB200 and B300 took their measured GEMM shares from one table (stas00/ml-engineering's MAMF) and
  // the FITTED parameters were refitted again.
  it('generalises to held-out rows: median 11.4% (target ≤ 12%), p90 39%', () => {
    const held = calibrate(load(...HELD_OUT), defaults);
    expect(held.summary.rows_not_evaluable).toBe(0);
    expect(held.summary.rows_evaluated).toBe(42);
    expect(held.summary.median_abs_error_pct).toBeLessThan(12.5);
    expect(held.summary.p90_abs_error_pct).toBeLessThan(42);
  });

  // MLPerf Inference v5.1 by NVIDIA and AMD (holdout-v4.yaml), transcribed and evaluated after the replica choice under
  // latency limits, the derived prompt means and the measured AMD shares were in: median 15.9%, p90 44%. Before them
  // 22.4% / 78% (the GB300 NVL72 DeepSeek-R1 server row was −78%: its replica of 2 was held to batch 58 by the TPOT
  // limit). The MMA tile and the refit: median 17.5%, p90 32% (mean |ln error| 0.176 -> 0.160); the NVIDIA chips'
  // measured GEMM shares and the refit after them: 15.8%, p90 33% (0.155). The interactive
  // rows stay over-predicted (the model's step at a few hundred sequences is faster than the engines': methodology §11).
  it('MLPerf v5.1 by NVIDIA and AMD, held out (holdout-v4.yaml): median 15.8%, p90 33%', () => {
    const v51 = calibrate(load('holdout-v4.yaml'), defaults);
    expect(v51.summary.rows_not_evaluable).toBe(0);
    expect(v51.summary.rows_evaluated).toBe(27);
    expect(v51.summary.median_abs_error_pct).toBeLessThan(17);
    expect(v51.summary.p90_abs_error_pct).toBeLessThan(35);
  });

  // The GB200 NVL72 pool was within 1-2% until MLA attention was priced at its BF16 rate (-9.7% since:
  // SGLang's Blackwell MLA kernels may compute in FP8, which FlashMLA's README does not cover); -13.3% since GB200
  // takes its measured GEMM share (0.681 of spec in the reference's terms: hardware presets).
  it('wide expert parallelism across nodes, held out (holdout-v3.yaml): median 22%, the GB200 NVL72 decode pool within 15%', () => {
    const wide = calibrate(load('holdout-v3.yaml'), defaults);
    expect(wide.summary.rows_not_evaluable).toBe(0);
    expect(wide.summary.rows_evaluated).toBe(4);
    expect(wide.summary.median_abs_error_pct).toBeLessThan(25);
    // Measured 13,088 tok/s per GPU (the reproduction log's median); predicted 13,016 at 0.3.0.
    const gb200 = wide.rows.find((r) => r.id === 'sglang-gb200-dsr1-decode-dep48-nvfp4-1024perrank-kv2005');
    expect(Math.abs(gb200?.error_pct ?? Infinity)).toBeLessThan(15);
  });

  it('summarises by model family, accelerator, scenario and batch regime', () => {
    expect(Object.keys(report.summary.by_family).sort()).toEqual(['deepseek', 'gpt-oss', 'llama', 'mistral']);
    expect(Object.keys(report.summary.by_accelerator).sort()).toEqual(['b200', 'h100-sxm', 'h200', 'mi300x']);
    const rowsByRegime = Object.values(report.summary.by_regime).reduce((s, f) => s + f.rows, 0);
    expect(rowsByRegime).toBe(49);
  });

  it("the fitted defaults are at the fitter's optimum on the fit set", () => {
    // scenario/defaults.ts: the FITTED parameters, fitted with fitEfficiency on FIT_SET. The
    // objective is flat along some directions (fixed costs trade against each other), so what is
    // checked is that a fit started from the defaults gains almost nothing (< 0.004 in mean |ln error|).
    // Since the parallelism model (dense weights per data-parallel group, expert imbalance) the
    // valley along activation_passes × compute is flat: a refit holding activation_passes gains
    // 0.0007; the full fit gains 0.0034 only by driving activation_passes to 0 (compute 0.51), a
    // trade the rows cannot tell apart, so the defaults were kept. Since MLA attention is priced at
    // its BF16 rate (core/steps.ts) the full fit gains 0.0048 and a fit holding activation_passes
    // 0.0025, each by trading the median for the tail (fit-set median 10.5% → 11.4%, held out
    // 14.4% → 15.4%): the defaults were kept for the median targets of issue 14. Since Blackwell's 128-row MMA
    // tile (REFERENCE_MMA_TILE_ROWS) they are the full fit's optimum again, refitted from there.
    const prepared = prepare(load(...FIT_SET));
    const fit = fitEfficiency(prepared, defaults);
    expect(fit.unidentified).toEqual([]);
    expect(fit.objectiveAfter).toBeGreaterThan(fit.objectiveBefore - 0.006);
    const held = fitEfficiency(prepared, defaults, {
      parameters: FIT_PARAMETERS.filter((p) => p !== 'activation_passes'),
    });
    expect(held.objectiveAfter).toBeGreaterThan(held.objectiveBefore - 0.004);
    // Two full fits: ~11 s each on a 2-core CI machine, so this one test gets 120 s.
  }, 120_000);

  it('the fixtures are verbatim copies of shared/calibration/ when that is present', () => {
    for (const name of ['public.yaml', 'concurrency.yaml']) {
      const shared = path.resolve(__dirname, '../../../shared/calibration', name);
      let original: string | undefined;
      try {
        original = readFileSync(shared, 'utf8');
      } catch {
        original = undefined; // CI without ../shared: nothing to compare.
      }
      if (original !== undefined) expect(readFileSync(fixture(name), 'utf8')).toBe(original);
    }
  });
});
