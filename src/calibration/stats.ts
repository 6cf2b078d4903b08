/**
 * Summary statistics of calibration errors: median and 90th percentile of the
 * absolute % error, overall and by group.
 */

import { quantile } from '../core/quantile.js';

export { quantile };

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export interface ErrorStats {
  readonly rows: number;
  readonly median_abs_error_pct: number;
  readonly p90_abs_error_pct: number;
  /** Mean of the signed % errors: > 0 means predictions run high on average. */
  readonly mean_error_pct: number;
}

export function errorStats(errorsPct: readonly number[]): ErrorStats {
  const abs = errorsPct.map(Math.abs);
  return {
    rows: errorsPct.length,
    median_abs_error_pct: median(abs),
    p90_abs_error_pct: quantile(abs, 0.9),
    mean_error_pct: errorsPct.length === 0 ? NaN : errorsPct.reduce((s, e) => s + e, 0) / errorsPct.length,
  };
}

/** errorStats per group, groups in first-seen order. */
export function groupStats<T>(
  items: readonly T[],
  key: (item: T) => string,
  errorPct: (item: T) => number,
): Record<string, ErrorStats> {
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(errorPct(item));
    groups.set(k, list);
  }
  return Object.fromEntries([...groups].map(([k, errors]) => [k, errorStats(errors)]));
}
