/**
 * Fewer points for a line chart, keeping its shape: min-max decimation. The
 * points (sorted by x) fall into `buckets` runs of equal count, and each run
 * keeps its lowest and highest y, in x order, so no peak or trough the full
 * series has is lost. A chart is a few hundred pixels wide: more points than
 * twice that draw nothing more, and cost megabytes of embedded data.
 */
export interface XY {
  readonly x: number;
  readonly y: number;
}

export function decimate<P extends XY>(points: readonly P[], buckets: number): P[] {
  if (points.length <= 2 * buckets) return [...points];
  const out: P[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * points.length) / buckets);
    const to = Math.floor(((b + 1) * points.length) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if ((points[i] as P).y < (points[lo] as P).y) lo = i;
      if ((points[i] as P).y > (points[hi] as P).y) hi = i;
    }
    out.push(points[Math.min(lo, hi)] as P);
    if (lo !== hi) out.push(points[Math.max(lo, hi)] as P);
  }
  return out;
}

/** Smallest and largest of a list without spreading it into Math.min (which overflows the call stack near 130,000 arguments). */
export function extent(xs: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}
