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

/** The scalar limits a budget sets, in SCALAR_METRICS order, with the figure each reads. */
interface ScalarLimit {
  readonly metric: ScalarMetric;
  readonly limit: number;
  readonly actual: (r: Measured) => number;
}

/**
 * A budget's scalar limits, found once per budget object (validated budgets are immutable): reading
 * five fields by a name held in a variable is a megamorphic lookup per field on every evaluation,
 * and a sweep's points share the budget of the scenario they were patched from.
 */
const SCALAR_LIMITS = new WeakMap<Budget, readonly ScalarLimit[]>();
function scalarLimitsOf(budget: Budget): readonly ScalarLimit[] {
  let limits = SCALAR_LIMITS.get(budget);
  if (limits === undefined) {
    const found: ScalarLimit[] = [];
    for (const metric of SCALAR_METRICS) {
      const limit = budget[metric];
      if (limit !== undefined) found.push({ metric, limit, actual: BUDGET_ACTUALS[metric] });
    }
    SCALAR_LIMITS.set(budget, (limits = found));
  }
  return limits;
}

/** The simulated percentiles each percentile budget limits. */
const PERCENTILE_ACTUALS: Readonly<Record<PercentileBudget, (l: LatencyUnderLoad) => Percentiles>> = {
  max_ttft_ms: (l) => l.timeToFirstTokenS,
  max_tpot_ms: (l) => l.timePerOutputTokenS,
  max_e2e_ms: (l) => l.endToEndS,
};

/** Whether a budget sets any percentile limit (then the latency simulation must run). */
export function hasPercentileBudget(budget: Budget | undefined): boolean {
  if (budget === undefined) return false;
  for (const k of PERCENTILE_BUDGETS) if (budget[k] !== undefined) return true;
  return false;
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

/** One limit against its figure (at the end of the range `end`, when not the expected one). */
function budgetCheck(
  metric: BudgetMetric,
  limit: number,
  figure: number,
  end: Exclude<Confidence, 'expected'> | undefined,
): BudgetCheck {
  // Accelerators come whole.
  const actual = metric === 'max_accelerators' && end !== undefined ? Math.ceil(figure) : figure;
  const check: BudgetCheck = { metric, limit, actual, headroomPct: headroomPct(limit, actual), pass: actual <= limit };
  // A spread only on the rare path: on every evaluation it is one of V8's slow ones.
  return end === undefined ? check : { ...check, end };
}

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
  const end = confidence === 'expected' || u === undefined ? undefined : confidence;
  const checks: BudgetCheck[] = [];
  for (const l of scalarLimitsOf(budget)) checks.push(budgetCheck(l.metric, l.limit, l.actual(result) * factor, end));
  if (hasPercentileBudget(budget))
    for (const [metric, limit, expected] of percentileLimits(budget, result.latency))
      checks.push(budgetCheck(metric, limit, expected * factor, end));
  return checks;
}
