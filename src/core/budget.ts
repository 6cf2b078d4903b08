/**
 * Budgets: limits a scenario sets on its own result. Checked against the
 * blended (mix-weighted) query and the fleet provisioned for the peak.
 */
import type { Budget } from '../scenario/schema.js';
import type { BudgetCheck, BudgetMetric, SimulationResult } from './result.js';

type Measured = Pick<SimulationResult, 'blended' | 'fleet'> & Partial<Pick<SimulationResult, 'uncertainty'>>;

/**
 * Which figure a budget is checked on: the expected one; the high end of its
 * 80% range (fail when the high end breaches: the cautious gate); or the low
 * end (fail only when even the optimistic end breaches).
 */
export const CONFIDENCES = ['expected', 'high', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** What each budget limits, read off a result. */
export const BUDGET_ACTUALS: Readonly<Record<BudgetMetric, (r: Measured) => number>> = {
  max_cost_per_query_usd: (r) => r.blended.costPerQueryUsd,
  max_cost_per_million_tokens_usd: (r) => r.blended.costPerMillionTokensUsd,
  max_monthly_cost_usd: (r) => r.fleet.provisionedMonthlyCostUsd,
  max_accelerators: (r) => r.fleet.accelerators,
  max_time_per_output_token_ms: (r) => r.blended.timePerOutputTokenS * 1000,
};

/** A limit holds when the actual value is at most the limit (a value exactly at the limit passes). */
export function checkBudget(
  budget: Budget | undefined,
  result: Measured,
  confidence: Confidence = 'expected',
): BudgetCheck[] {
  if (budget === undefined) return [];
  // Every budgeted figure is inversely proportional to throughput: the band's multiplier applies.
  const u = result.uncertainty;
  const factor = confidence === 'expected' || u === undefined ? 1 : confidence === 'high' ? u.high : u.low;
  const checks: BudgetCheck[] = [];
  for (const metric of Object.keys(BUDGET_ACTUALS) as BudgetMetric[]) {
    const limit = budget[metric];
    if (limit === undefined) continue;
    const expected = BUDGET_ACTUALS[metric](result);
    // Accelerators come whole.
    const actual = metric === 'max_accelerators' && factor !== 1 ? Math.ceil(expected * factor) : expected * factor;
    checks.push({
      metric,
      limit,
      actual,
      headroomPct: ((limit - actual) / limit) * 100,
      pass: actual <= limit,
      ...(confidence === 'expected' || u === undefined ? {} : { end: confidence }),
    });
  }
  return checks;
}
