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

/** Limits in ms at some of the percentiles. */
export type PercentileLimitsGiven = { [K in PercentileKey]?: number | undefined };

/**
 * Where a higher percentile's limit is below the one before it (a higher
 * percentile cannot be faster): the key and the words, for the scenario's
 * schema and the command line's flags alike.
 */
export function percentileOrderProblems(limits: PercentileLimitsGiven): { key: PercentileKey; message: string }[] {
  const given = PERCENTILES.filter((k) => limits[k] !== undefined);
  const out: { key: PercentileKey; message: string }[] = [];
  for (let i = 1; i < given.length; i++) {
    const lo = given[i - 1] as PercentileKey;
    const hi = given[i] as PercentileKey;
    if ((limits[hi] as number) < (limits[lo] as number))
      out.push({
        key: hi,
        message: `expected ${hi} at least ${lo} (${limits[lo]} ms): a higher percentile cannot be faster, got ${limits[hi]}`,
      });
  }
  return out;
}
