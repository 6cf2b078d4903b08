/**
 * The latency percentiles a scenario may limit, and the budgets that take
 * them: plain constants with no schema library behind them, so the command
 * table (loaded for every run, `--version` included) can name them cheaply.
 */
export const PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const;
export type PercentileKey = (typeof PERCENTILES)[number];

/** The budget keys that take percentile limits (ms). */
export const PERCENTILE_BUDGETS = ['max_ttft_ms', 'max_tpot_ms', 'max_e2e_ms'] as const;
export type PercentileBudget = (typeof PERCENTILE_BUDGETS)[number];
