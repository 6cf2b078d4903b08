/**
 * Budget gates for CI: each scenario checked on its own; the run's exit code
 * follows one documented rule (see `exitCodeOf`).
 */
import type { ErrorRow } from '../data/types.js';
import { PERCENTILE_BUDGETS } from '../scenario/percentiles.js';
import type { Budget, Scenario } from '../scenario/schema.js';
import { checkBudget, type Confidence } from './budget.js';
import type { BudgetCheck } from './result.js';
import { simulate } from './simulate.js';

export const CHECK_SCHEMA_VERSION = 1;

export type CheckStatus = 'pass' | 'fail' | 'no-budget' | 'error';

export interface ScenarioCheck {
  readonly file: string;
  readonly name: string | null;
  readonly status: CheckStatus;
  readonly checks: readonly BudgetCheck[];
  readonly costPerQueryUsd: number | null;
  /** Why the scenario could not be evaluated (status `error`). */
  readonly error?: string;
}

/** A report over checks of type `C` (a renderer may add places to each). */
export interface CheckReport<C extends ScenarioCheck = ScenarioCheck> {
  readonly schemaVersion: typeof CHECK_SCHEMA_VERSION;
  readonly scenarios: readonly C[];
  readonly summary: {
    readonly scenarios: number;
    readonly passed: number;
    readonly failed: number;
    readonly noBudget: number;
    readonly errors: number;
  };
}

/**
 * Budget limits given on the command line win over the scenario's own; a
 * percentile limit on the command line replaces that percentile only.
 */
export function effectiveBudget(scenario: Scenario, overrides: Budget): Budget {
  const merged: Budget = { ...scenario.budget, ...overrides };
  for (const key of PERCENTILE_BUDGETS) {
    const own = scenario.budget?.[key];
    const given = overrides[key];
    if (own !== undefined && given !== undefined) merged[key] = { ...own, ...given };
  }
  return merged;
}

export function checkScenario(
  file: string,
  scenario: Scenario,
  overrides: Budget,
  confidence: Confidence = 'expected',
  /** The measured errors the ranges come from (default: the shipped calibration rows). */
  errorRows?: readonly ErrorRow[],
): ScenarioCheck {
  const budget = effectiveBudget(scenario, overrides);
  // Simulated with the effective budget: a percentile limit runs the latency simulation.
  const result = simulate({ ...scenario, budget }, undefined, undefined, errorRows);
  const checks = checkBudget(budget, result, confidence);
  const status: CheckStatus = checks.length === 0 ? 'no-budget' : checks.every((c) => c.pass) ? 'pass' : 'fail';
  return { file, name: scenario.name, status, checks, costPerQueryUsd: result.blended.costPerQueryUsd };
}

export function reportOf<C extends ScenarioCheck>(scenarios: readonly C[]): CheckReport<C> {
  const count = (s: CheckStatus) => scenarios.filter((c) => c.status === s).length;
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    scenarios,
    summary: {
      scenarios: scenarios.length,
      passed: count('pass'),
      failed: count('fail'),
      noBudget: count('no-budget'),
      errors: count('error'),
    },
  };
}

/**
 * The exit code rule:
 * - 1 when any budget was breached: a breach is a result, and it stands even
 *   if other scenarios could not be evaluated;
 * - otherwise 2 when any scenario could not be evaluated (2 wins over 1 only
 *   when nothing could be checked, and then there is no breach);
 * - otherwise 1 when `failOnMissingBudget` and a scenario has no budget;
 * - otherwise 0.
 */
export function exitCodeOf(report: CheckReport, failOnMissingBudget = false): 0 | 1 | 2 {
  const { failed, errors, noBudget } = report.summary;
  if (failed > 0) return 1;
  if (errors > 0) return 2;
  if (failOnMissingBudget && noBudget > 0) return 1;
  return 0;
}
