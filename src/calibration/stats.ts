/**
 * Summary statistics of calibration errors: median and 90th percentile of the
 * absolute % error, overall and by group.
 */

/**
 * The q-quantile (0..1) of `values` by linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of numpy, R and Excel
 * PERCENTILE.INC). NaN for no values.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

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
