/**
 * A parameter sweep: every point of the grid the axes span, simulated one at a
 * time (a generator, so a grid of millions never sits in memory). The first
 * axis is the outermost loop; the last varies fastest.
 */
import { InfeasibleError } from '../errors.js';
import type { Scenario } from '../scenario/schema.js';
import type { Axis } from '../scenario/vary.js';
import { hasPercentileBudget } from './budget.js';
import { simulate } from './simulate.js';

export interface SweepMetrics {
  readonly costPerQueryUsd: number;
  readonly costPerMillionOutputTokensUsd: number;
  readonly costPerMillionTokensUsd: number;
  readonly timeToFirstTokenS: number;
  readonly timePerOutputTokenS: number;
  readonly outputTokensPerSPerAccelerator: number;
  readonly acceleratorsPerReplica: number;
  readonly batch: number;
  readonly replicas: number;
  readonly accelerators: number;
  readonly provisionedMonthlyCostUsd: number;
  /** The provisioned fleet's month over the month's requests (null with no traffic). */
  readonly provisionedCostPerQueryUsd: number | null;
  /** The 80% range of the cost per query (core/error-bands.ts). */
  readonly costPerQueryUsdLow: number;
  readonly costPerQueryUsdHigh: number;
  /** Percentiles under load (null where the point's scenario does not ask for them: `sweepExtras`). */
  readonly timeToFirstTokenP50S: number | null;
  readonly timeToFirstTokenP99S: number | null;
  readonly timePerOutputTokenP99S: number | null;
  readonly endToEndP99S: number | null;
  readonly goodput: number | null;
  /** The autoscaled fleet's month (null without `serving.autoscaling`). */
  readonly autoscaledMonthlyCostUsd: number | null;
}

/** Which optional column groups a sweep's rows carry: those its base scenario or an axis asks for. */
export interface SweepExtras {
  readonly latency: boolean;
  readonly autoscaled: boolean;
}

const LATENCY_PATHS = /^(serving\.slo|traffic\.arrival|budget\.max_(ttft|tpot|e2e)_ms)(\.|$)/;
const AUTOSCALING_PATHS = /^serving\.autoscaling(\.|$)/;

export function sweepExtras(base: Scenario, axes: readonly Pick<Axis, 'path'>[]): SweepExtras {
  return {
    latency:
      base.serving.slo !== undefined ||
      base.traffic.arrival !== undefined ||
      hasPercentileBudget(base.budget) ||
      axes.some((a) => LATENCY_PATHS.test(a.path)),
    autoscaled: base.serving.autoscaling !== undefined || axes.some((a) => AUTOSCALING_PATHS.test(a.path)),
  };
}

export interface SweepRow {
  /** Index into each axis's values. */
  readonly at: readonly number[];
  readonly metrics: SweepMetrics | null;
  /** Why this point is infeasible. */
  readonly error: string | null;
}

export function gridSize(axes: readonly Pick<Axis, 'values'>[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

function metricsOf(s: Scenario): SweepMetrics {
  const r = simulate(s, undefined, undefined, undefined, 'figures');
  const q = r.blended;
  return {
    costPerQueryUsd: q.costPerQueryUsd,
    costPerMillionOutputTokensUsd: q.costPerMillionOutputTokensUsd,
    costPerMillionTokensUsd: q.costPerMillionTokensUsd,
    timeToFirstTokenS: q.timeToFirstTokenS,
    timePerOutputTokenS: q.timePerOutputTokenS,
    outputTokensPerSPerAccelerator: q.outputTokensPerSPerAccelerator,
    acceleratorsPerReplica: r.deployment.acceleratorsPerReplica,
    batch: r.deployment.batch,
    replicas: r.fleet.replicas,
    accelerators: r.fleet.accelerators,
    provisionedMonthlyCostUsd: r.fleet.provisionedMonthlyCostUsd,
    provisionedCostPerQueryUsd: r.fleet.provisionedCostPerQueryUsd,
    costPerQueryUsdLow: q.costPerQueryUsdRange.low,
    costPerQueryUsdHigh: q.costPerQueryUsdRange.high,
    timeToFirstTokenP50S: r.latency?.timeToFirstTokenS.p50 ?? null,
    timeToFirstTokenP99S: r.latency?.timeToFirstTokenS.p99 ?? null,
    timePerOutputTokenP99S: r.latency?.timePerOutputTokenS.p99 ?? null,
    endToEndP99S: r.latency?.endToEndS.p99 ?? null,
    goodput: r.latency?.goodput ?? null,
    autoscaledMonthlyCostUsd: r.autoscaled?.monthlyCostUsd ?? null,
  };
}

export function* sweep(base: Scenario, axes: readonly SweepAxis[]): Generator<SweepRow> {
  yield* sweepRange(base, axes, 0, gridSize(axes));
}

/** What a sweep needs of an axis: its values' patches (scenario/vary.ts builds them; a worker rebuilds them). */
export type SweepAxis = Pick<Axis, 'path' | 'values' | 'patches'>;

/** The grid points `from` to `to` (exclusive), in grid order: a block of the sweep (one worker's share). */
export function* sweepRange(base: Scenario, axes: readonly SweepAxis[], from: number, to: number): Generator<SweepRow> {
  // The first point's index on each axis: the linear index in mixed radix, the last axis fastest.
  const at = axes.map(() => 0);
  for (let i = axes.length - 1, rest = from; i >= 0; i--) {
    const n = (axes[i] as SweepAxis).values.length;
    at[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  // Presets replace a whole section: apply them before leaf values that may sit inside it.
  const order = axes
    .map((_, i) => i)
    .sort((i, j) => Number(!axes[i]?.path.endsWith('.preset')) - Number(!axes[j]?.path.endsWith('.preset')));
  // When patches apply in grid order, keep the scenario patched by the outer axes and
  // redo only the axes that moved (most steps move only the innermost one).
  const inGridOrder = order.every((axis, k) => axis === k);
  const prefix: Scenario[] = axes.map(() => base);
  let moved = 0;
  for (let n = from; n < to; n++) {
    let s = moved === 0 ? base : (prefix[moved - 1] as Scenario);
    if (inGridOrder) {
      for (let i = moved; i < axes.length; i++) {
        s = (axes[i] as SweepAxis).patches[at[i] as number]?.(s) ?? s;
        prefix[i] = s;
      }
    } else {
      s = base;
      for (const i of order) s = (axes[i] as SweepAxis).patches[at[i] as number]?.(s) ?? s;
    }
    let metrics: SweepMetrics | null = null;
    let error: string | null = null;
    try {
      metrics = metricsOf(s);
    } catch (e) {
      if (!(e instanceof InfeasibleError)) throw e;
      error = e.message;
    }
    yield { at: [...at], metrics, error };
    for (let i = axes.length - 1; i >= 0; i--) {
      at[i] = (at[i] as number) + 1;
      moved = i;
      if ((at[i] as number) < (axes[i] as SweepAxis).values.length) break;
      at[i] = 0;
    }
  }
}

/** The extremes a sweep reports: the first row of the lowest and of the highest figure (in grid order). */
export interface SweepTally {
  rows: number;
  cheapest?: SweepRow | undefined;
  dearest?: SweepRow | undefined;
  cheapestProvisioned?: SweepRow | undefined;
  dearestProvisioned?: SweepRow | undefined;
}

/** Count a row into the tally; a later row replaces an extreme only when strictly beyond it. */
export function tallyRow(t: SweepTally, row: SweepRow): void {
  t.rows++;
  const cost = row.metrics?.costPerQueryUsd;
  if (cost !== undefined) {
    if (t.cheapest?.metrics == null || cost < t.cheapest.metrics.costPerQueryUsd) t.cheapest = row;
    if (t.dearest?.metrics == null || cost > t.dearest.metrics.costPerQueryUsd) t.dearest = row;
  }
  const provisioned = row.metrics?.provisionedCostPerQueryUsd;
  if (provisioned != null) {
    if (
      t.cheapestProvisioned?.metrics?.provisionedCostPerQueryUsd == null ||
      provisioned < t.cheapestProvisioned.metrics.provisionedCostPerQueryUsd
    )
      t.cheapestProvisioned = row;
    if (
      t.dearestProvisioned?.metrics?.provisionedCostPerQueryUsd == null ||
      provisioned > t.dearestProvisioned.metrics.provisionedCostPerQueryUsd
    )
      t.dearestProvisioned = row;
  }
}

/** A later block's tally after this one's: the same result as tallying its rows one by one. */
export function mergeTally(t: SweepTally, later: SweepTally): void {
  t.rows += later.rows;
  const cost = (r: SweepRow | undefined) => r?.metrics?.costPerQueryUsd;
  const provisioned = (r: SweepRow | undefined) => r?.metrics?.provisionedCostPerQueryUsd ?? undefined;
  // Each extreme on its own figure: strictly beyond keeps the first row in grid order among equals.
  const beyond = (figure: typeof cost, a: SweepRow | undefined, b: SweepRow | undefined, sign: 1 | -1) => {
    const x = figure(a);
    const y = figure(b);
    return y !== undefined && (x === undefined || sign * (y - x) > 0);
  };
  if (beyond(cost, t.cheapest, later.cheapest, -1)) t.cheapest = later.cheapest;
  if (beyond(cost, t.dearest, later.dearest, 1)) t.dearest = later.dearest;
  if (beyond(provisioned, t.cheapestProvisioned, later.cheapestProvisioned, -1))
    t.cheapestProvisioned = later.cheapestProvisioned;
  if (beyond(provisioned, t.dearestProvisioned, later.dearestProvisioned, 1))
    t.dearestProvisioned = later.dearestProvisioned;
}
