/**
 * Budgets: limits a scenario sets on its own result. Checked against the
 * blended (mix-weighted) query and the fleet provisioned for the peak.
 */
import { PERCENTILE_BUDGETS, PERCENTILES, type PercentileBudget } from '../scenario/percentiles.js';
import type { Budget } from '../scenario/schema.js';
import type { LatencyUnderLoad, Percentiles } from './latency.js';
import type { BudgetCheck, BudgetMetric, SimulationResult } from './result.js';

type Measured = Pick<SimulationResult, 'blended' | 'fleet'> &
  Partial<Pick<SimulationResult, 'uncertainty' | 'latency'>>;

/**
 * Which figure a budget is checked on: the expected one; the high end of its
 * 80% range (fail when the high end breaches: the cautious gate); or the low
 * end (fail only when even the optimistic end breaches).
 */
export const CONFIDENCES = ['expected', 'high', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** What each budget limits, read off a result. */
type ScalarMetric = Exclude<BudgetMetric, `${PercentileBudget}.${string}`>;
export const BUDGET_ACTUALS: Readonly<Record<ScalarMetric, (r: Measured) => number>> = {
  max_cost_per_query_usd: (r) => r.blended.costPerQueryUsd,
  max_cost_per_million_tokens_usd: (r) => r.blended.costPerMillionTokensUsd,
  max_monthly_cost_usd: (r) => r.fleet.provisionedMonthlyCostUsd,
  max_accelerators: (r) => r.fleet.accelerators,
  max_time_per_output_token_ms: (r) => r.blended.timePerOutputTokenS * 1000,
};

const SCALAR_METRICS = Object.keys(BUDGET_ACTUALS) as ScalarMetric[];

/** The simulated percentiles each percentile budget limits. */
const PERCENTILE_ACTUALS: Readonly<Record<PercentileBudget, (l: LatencyUnderLoad) => Percentiles>> = {
  max_ttft_ms: (l) => l.timeToFirstTokenS,
  max_tpot_ms: (l) => l.timePerOutputTokenS,
  max_e2e_ms: (l) => l.endToEndS,
};

/** Whether a budget sets any percentile limit (then the latency simulation must run). */
export function hasPercentileBudget(budget: Budget | undefined): boolean {
  return budget !== undefined && PERCENTILE_BUDGETS.some((k) => budget[k] !== undefined);
}

/** Each percentile limit as [metric, limit, actual in ms]; the simulation's figures at the peak. */
function percentileLimits(
  budget: Budget,
  latency: LatencyUnderLoad | null | undefined,
): [BudgetMetric, number, number][] {
  const out: [BudgetMetric, number, number][] = [];
  for (const key of PERCENTILE_BUDGETS) {
    const limits = budget[key];
    if (limits === undefined) continue;
    // simulate runs the simulation whenever a percentile budget is set (or refuses the scenario).
    if (latency === null || latency === undefined) throw new Error(`budget.${key} checked without simulated latencies`);
    for (const p of PERCENTILES) {
      const limit = limits[p];
      if (limit !== undefined) out.push([`${key}.${p}`, limit, PERCENTILE_ACTUALS[key](latency)[p] * 1000]);
    }
  }
  return out;
}

/**
 * (limit − actual) / limit in %, within ±1e300: a limit so small (1e-320 $/query) that the ratio
 * overflows is still a breach to report (exit 1), not an overflow to refuse.
 */
function headroomPct(limit: number, actual: number): number {
  const pct = ((limit - actual) / limit) * 100;
  return Math.max(-HEADROOM_LIMIT_PCT, Math.min(HEADROOM_LIMIT_PCT, Number.isNaN(pct) ? 0 : pct));
}
const HEADROOM_LIMIT_PCT = 1e300;

/** A limit holds when the actual value is at most the limit (a value exactly at the limit passes). */
export function checkBudget(
  budget: Budget | undefined,
  result: Measured,
  confidence: Confidence = 'expected',
): BudgetCheck[] {
  if (budget === undefined) return [];
  // Every budgeted figure is inversely proportional to throughput: the band's multiplier applies.
  // A latency percentile under load grows at least that much (slower steps also lengthen the
  // queue), so on the high end the percentile gates are the least cautious of the gates.
  const u = result.uncertainty;
  const factor = confidence === 'expected' || u === undefined ? 1 : confidence === 'high' ? u.high : u.low;
  const checks: BudgetCheck[] = [];
  const add = (metric: BudgetMetric, limit: number, expected: number) => {
    // Accelerators come whole.
    const actual = metric === 'max_accelerators' && factor !== 1 ? Math.ceil(expected * factor) : expected * factor;
    const check: BudgetCheck = {
      metric,
      limit,
      actual,
      headroomPct: headroomPct(limit, actual),
      pass: actual <= limit,
    };
    // A spread only on the rare path: on every evaluation it is one of V8's slow ones.
    checks.push(confidence === 'expected' || u === undefined ? check : { ...check, end: confidence });
  };
  for (const metric of SCALAR_METRICS) {
    const limit = budget[metric];
    if (limit !== undefined) add(metric, limit, BUDGET_ACTUALS[metric](result));
  }
  if (hasPercentileBudget(budget))
    for (const [metric, limit, expected] of percentileLimits(budget, result.latency)) add(metric, limit, expected);
  return checks;
}
