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
