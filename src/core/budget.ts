/**
 * Budgets: limits a scenario sets on its own result. Checked against the
 * blended (mix-weighted) query and the fleet provisioned for the peak.
 */
import type { Budget } from '../scenario/schema.js';
import type { BudgetCheck, BudgetMetric, SimulationResult } from './result.js';

type Measured = Pick<SimulationResult, 'blended' | 'fleet'>;

/** What each budget limits, read off a result. */
export const BUDGET_ACTUALS: Readonly<Record<BudgetMetric, (r: Measured) => number>> = {
  max_cost_per_query_usd: (r) => r.blended.costPerQueryUsd,
  max_cost_per_million_tokens_usd: (r) => r.blended.costPerMillionTokensUsd,
  max_monthly_cost_usd: (r) => r.fleet.provisionedMonthlyCostUsd,
  max_accelerators: (r) => r.fleet.accelerators,
  max_time_per_output_token_ms: (r) => r.blended.timePerOutputTokenS * 1000,
};

/** A limit holds when the actual value is at most the limit (a value exactly at the limit passes). */
export function checkBudget(budget: Budget | undefined, result: Measured): BudgetCheck[] {
  if (budget === undefined) return [];
  const checks: BudgetCheck[] = [];
  for (const metric of Object.keys(BUDGET_ACTUALS) as BudgetMetric[]) {
    const limit = budget[metric];
    if (limit === undefined) continue;
    const actual = BUDGET_ACTUALS[metric](result);
    checks.push({ metric, limit, actual, headroomPct: ((limit - actual) / limit) * 100, pass: actual <= limit });
  }
  return checks;
}
