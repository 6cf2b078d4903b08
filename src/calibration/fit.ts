/**
 * Fitting the efficiency factors to measured rows: a handful of global,
 * named parameters (never one per row), chosen to minimise the mean absolute
 * log error, mean |ln(predicted / measured)| — symmetric (2× too high costs
 * the same as 2× too low) and robust to a few outliers. Deterministic: a grid
 * over the free parameters, then Nelder–Mead from the best grid points, every
 * parameter kept within physical bounds.
 */
import type { Efficiency } from '../scenario/schema.js';
import type { CalibrationCase } from './cases.js';
import { evaluate, type CalibrationSummary, type PreparedRows } from './evaluate.js';
import { predict } from './predict.js';

import { ALL_FIT_PARAMETERS, FIT_PARAMETERS, type FitParameter } from './fit-parameters.js';

export { ALL_FIT_PARAMETERS, FIT_PARAMETERS, type FitParameter };

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

/**
 * Physical bounds. compute and memory_bandwidth stop at the best fractions
 * measured in single large kernels (bf16 GEMM 79% of peak on H200, HBM read
 * 92% on H100: docs/kernels.md): a serving engine does
 * not beat them. Fixed costs stop where they would be a different engine
 * (a CUDA-graph decode step of a small model takes a few ms in all).
 */
export const FIT_BOUNDS: Readonly<Record<FitParameter, Bounds>> = {
  compute: { min: 0.2, max: 0.8 },
  memory_bandwidth: { min: 0.4, max: 0.92 },
  kv_bandwidth: { min: 0.3, max: 0.92 },
  gemm_half_rows: { min: 0, max: 512 },
  attention_compute: { min: 0.2, max: 0.8 },
  activation_passes: { min: 0, max: 40 },
  layer_overhead_us: { min: 0, max: 200 },
  moe_layer_overhead_us: { min: 0, max: 300 },
  expert_overhead_us: { min: 0, max: 5 },
  step_overhead_ms: { min: 0, max: 10 },
  all_reduce_latency_us: { min: 2, max: 60 },
  scale_out_latency_us: { min: 0, max: 200 },
  link: { min: 0.3, max: 1 },
  // A fraction of `compute`: a 4-bit matmul does not beat the 8-bit efficiency.
  four_bit: { min: 0.2, max: 1 },
  tpot_p99_over_mean: { min: 1, max: 3 },
  // 1: perfectly balanced; 3: beyond TensorRT-LLM's measured 2.56 without a balancer (scenario/defaults.ts).
  expert_imbalance: { min: 1, max: 3 },
};

export interface FitOptions {
  /** Parameters to fit; the others keep their value in the starting efficiency. */
  readonly parameters?: readonly FitParameter[];
  /** Override bounds of some parameters. */
  readonly bounds?: Partial<Record<FitParameter, Bounds>>;
}

export interface FitResult {
  readonly fitted: readonly FitParameter[];
  /** The efficiency the fit started from (its unfitted parameters are kept). */
  readonly start: Efficiency;
  readonly efficiency: Efficiency;
  /** Mean |ln(predicted / measured)| before and after. */
  readonly objectiveBefore: number;
  readonly objectiveAfter: number;
  readonly before: CalibrationSummary;
  readonly after: CalibrationSummary;
  /** Rows the fit used (evaluable with the starting efficiency). */
  readonly rows: number;
  /** Fitted parameters that have no effect on these rows (e.g. fine_grained_moe without such a model): left as they were. */
  readonly unidentified: readonly FitParameter[];
  /**
   * Parameters that do affect the rows but that the rows do not pin down: the
   * fit is as good (within DETERMINED_TOLERANCE) with their starting value, so
   * it is kept. With the rows that would determine each.
   */
  readonly undetermined: readonly { readonly parameter: FitParameter; readonly needs: string }[];
  /** Fitted parameters that ended at a physical bound (the rows push past it: something else is off). */
  readonly atBound: readonly { readonly parameter: FitParameter; readonly bound: 'min' | 'max' }[];
}

/** What rows would determine each parameter (for a parameter the rows leave open). */
export const DETERMINED_BY: Readonly<Record<FitParameter, string>> = {
  compute: 'rows at large batch or with long prompts (compute-bound steps)',
  gemm_half_rows: 'rows at several batch sizes between 1 and a few hundred',
  attention_compute: 'prefill rows with long prompts',
  memory_bandwidth: 'decode rows at small batch (weight-bound steps)',
  kv_bandwidth: 'decode rows at long context and large batch',
  activation_passes: 'decode rows at large batch on one accelerator',
  layer_overhead_us: 'rows at batch 16 or below',
  moe_layer_overhead_us: 'mixture-of-experts rows at small batch',
  expert_overhead_us: 'mixture-of-experts rows at several batch sizes',
  step_overhead_ms: 'rows at batch 1-4',
  all_reduce_latency_us: 'tensor-parallel rows at small batch',
  scale_out_latency_us: 'rows whose replica spans more than one node',
  link: 'tensor-parallel rows at large batch',
  four_bit: 'rows with 4-bit weights',
  tpot_p99_over_mean: 'server rows with a p99 TPOT limit (MLPerf)',
  expert_imbalance: 'expert-parallel rows at large batch',
};

/**
 * A parameter the rows do not pin down keeps its starting value: reverting it
 * may cost at most this much mean |ln(predicted / measured)| (0.2% of error).
 */
export const DETERMINED_TOLERANCE = 0.002;

/** Predictions that fail during the search count as this much log error. */
const FAILED_ROW_PENALTY = 10;

export function meanAbsLogError(cases: readonly CalibrationCase[], efficiency: Efficiency): number {
  let sum = 0;
  for (const c of cases) {
    const p = predict(c, efficiency);
    sum += p.ok
      ? Math.abs(Math.log(p.tokensPerSPerAccelerator / c.measuredTokensPerSPerAccelerator))
      : FAILED_ROW_PENALTY;
  }
  return cases.length === 0 ? 0 : sum / cases.length;
}

const GRID_POINTS = 6;
/** Start points evaluated before the local search: 6^4; more free parameters use a Halton sequence of this size. */
const MAX_START_POINTS = 1296;
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

/** The index-th point of the base-b van der Corput sequence, in (0, 1). */
function halton(index: number, base: number): number {
  let f = 1;
  let r = 0;
  for (let i = index; i > 0; i = Math.floor(i / base)) {
    f /= base;
    r += f * (i % base);
  }
  return r;
}
const STARTS = 3;
const ITERATIONS = 250;

function nelderMead(f: (x: number[]) => number, start: number[], steps: number[]): { x: number[]; value: number } {
  const n = start.length;
  let points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = (p[i] as number) + (steps[i] as number);
    points.push(p);
  }
  let values = points.map(f);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    const order = points.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
    points = order.map((i) => points[i] as number[]);
    values = order.map((i) => values[i] as number);
    if ((values[n] as number) - (values[0] as number) < 1e-10) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (points[i]?.[j] as number) / n;
    const worst = points[n] as number[];
    const along = (t: number) => centroid.map((c, j) => c + t * (c - (worst[j] as number)));
    const reflected = along(1);
    const fr = f(reflected);
    if (fr < (values[0] as number)) {
      const expanded = along(2);
      const fe = f(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < (values[n - 1] as number)) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const contracted = along(-0.5);
      const fc = f(contracted);
      if (fc < (values[n] as number)) [points[n], values[n]] = [contracted, fc];
      else {
        const best = points[0] as number[];
        for (let i = 1; i <= n; i++) {
          points[i] = (points[i] as number[]).map((v, j) => (best[j] as number) + 0.5 * (v - (best[j] as number)));
          values[i] = f(points[i] as number[]);
        }
      }
    }
  }
  const bestIndex = values.indexOf(Math.min(...values));
  return { x: points[bestIndex] as number[], value: values[bestIndex] as number };
}

/** Whether changing a parameter across its range changes any prediction (else the data cannot fit it). */
function identified(cases: readonly CalibrationCase[], start: Efficiency, p: FitParameter, b: Bounds): boolean {
  const at = (v: number) =>
    cases.map((c) => predict(c, { ...start, [p]: v })).map((r) => (r.ok ? r.tokensPerSPerAccelerator : NaN));
  const lo = at(b.min);
  const hi = at(b.max);
  return lo.some((v, i) => Math.abs(v - (hi[i] as number)) > 1e-9 * Math.max(1, Math.abs(v)));
}

export function fitEfficiency(prepared: PreparedRows, start: Efficiency, options: FitOptions = {}): FitResult {
  const before = evaluate(prepared, start);
  const usable = new Set(before.rows.map((r) => r.id));
  const cases = prepared.cases.filter((c) => usable.has(c.id));
  const bounds = { ...FIT_BOUNDS, ...options.bounds };
  const requested = options.parameters ?? FIT_PARAMETERS;
  const unidentified = requested.filter((p) => !identified(cases, start, p, bounds[p]));
  const free = requested.filter((p) => !unidentified.includes(p));

  // Search in [0, 1] per parameter, mapped to its bounds; outside the box costs extra.
  const toEfficiency = (u: readonly number[]): Efficiency => {
    const e: Record<string, number> = { ...start };
    free.forEach((p, i) => {
      const b = bounds[p];
      const t = Math.min(1, Math.max(0, u[i] as number));
      e[p] = b.min + t * (b.max - b.min);
    });
    return e as Efficiency;
  };
  const outside = (u: readonly number[]) => u.reduce((s, v) => s + Math.max(0, -v, v - 1), 0);
  const objective = (u: number[]) => meanAbsLogError(cases, toEfficiency(u)) + outside(u);

  let best = { x: free.map((p) => (start[p] - bounds[p].min) / (bounds[p].max - bounds[p].min)), value: Infinity };
  best.value = objective(best.x);
  if (free.length > 0 && cases.length > 0) {
    // Start points: a full grid of GRID_POINTS per parameter while that stays small, else the
    // same number of points of a Halton sequence (deterministic, evenly spread in [0, 1]^k).
    const grid: { x: number[]; value: number }[] = [];
    const total = Math.min(GRID_POINTS ** free.length, MAX_START_POINTS);
    const full = GRID_POINTS ** free.length <= MAX_START_POINTS;
    for (let k = 0; k < total; k++) {
      const x = full
        ? free.map((_, i) => (Math.floor(k / GRID_POINTS ** i) % GRID_POINTS) / (GRID_POINTS - 1))
        : free.map((_, i) => halton(k + 1, PRIMES[i % PRIMES.length] as number));
      grid.push({ x, value: objective(x) });
    }
    grid.sort((a, b) => a.value - b.value);
    for (const g of [best, ...grid.slice(0, STARTS)]) {
      const refined = nelderMead(
        objective,
        g.x,
        free.map(() => 0.15),
      );
      const again = nelderMead(
        objective,
        refined.x,
        free.map(() => 0.04),
      );
      if (again.value < best.value) best = again;
    }
  }
  // A parameter the rows leave open: moving it a fifth of its range from the optimum, either way
  // the bounds allow (others held), changes the objective by less than DETERMINED_TOLERANCE. It
  // keeps its starting value; the rest are refined once more with those held.
  // The search may end outside the box (where the efficiency is clamped): judge from inside it.
  const inBox = best.x.map((v) => Math.min(1, Math.max(0, v)));
  const base = objective(inBox);
  const flat = (i: number): boolean => {
    const rise = (t: number) => {
      const y = inBox.slice();
      y[i] = Math.min(1, Math.max(0, t));
      // A side that a bound stops (within a twentieth of the range) says nothing.
      return Math.abs(y[i] - (inBox[i] as number)) < 0.05 ? 0 : objective(y) - base;
    };
    const u = inBox[i] as number;
    return rise(u + 0.2) < DETERMINED_TOLERANCE && rise(u - 0.2) < DETERMINED_TOLERANCE;
  };
  const open = free.filter((_, i) => flat(i));
  const undetermined = open.map((p) => ({ parameter: p, needs: DETERMINED_BY[p] }));
  const startX = free.map((p) => (start[p] - bounds[p].min) / (bounds[p].max - bounds[p].min));
  /** `u` with the open parameters at their starting values. */
  const pinned = (u: readonly number[]) =>
    u.map((v, i) => (open.includes(free[i] as FitParameter) ? (startX[i] as number) : v));
  let x = pinned(inBox);
  if (open.length > 0 && open.length < free.length)
    x = pinned(
      nelderMead(
        (u) => objective(pinned(u)),
        x,
        free.map(() => 0.04),
      ).x,
    );
  const determined = free.filter((p) => !undetermined.some((u) => u.parameter === p));
  // Parameters left open keep their starting value exactly (not its image through the search box).
  const efficiency: Efficiency = {
    ...round(toEfficiency(x), determined),
    ...Object.fromEntries(undetermined.map((u) => [u.parameter, start[u.parameter]])),
  };
  const atBound = determined.flatMap((p): FitResult['atBound'] => {
    const b = bounds[p];
    const t = (efficiency[p] - b.min) / (b.max - b.min);
    return t <= 0.005 ? [{ parameter: p, bound: 'min' }] : t >= 0.995 ? [{ parameter: p, bound: 'max' }] : [];
  });
  const after = evaluate(prepared, efficiency);
  return {
    fitted: determined,
    undetermined,
    atBound,
    start,
    efficiency,
    objectiveBefore: meanAbsLogError(cases, start),
    objectiveAfter: meanAbsLogError(cases, efficiency),
    before: before.summary,
    after: after.summary,
    rows: cases.length,
    unidentified,
  };
}

/** Three significant digits: the data does not support more. */
function round(e: Efficiency, fitted: readonly FitParameter[]): Efficiency {
  const out: Record<string, number> = { ...e };
  for (const p of fitted) out[p] = Number(e[p].toPrecision(3));
  return out as Efficiency;
}
