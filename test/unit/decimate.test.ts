import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimate, extent } from '../../src/formats/html/decimate.js';

const line = (ys: readonly number[]) => ys.map((y, x) => ({ x, y }));

describe('decimate: fewer points, same peaks and troughs', () => {
  it('a short series is kept whole', () => {
    const pts = line([3, 1, 2]);
    expect(decimate(pts, 2)).toEqual(pts); // 3 ≤ 2·2 points: nothing to drop
  });

  it('keeps each run’s lowest and highest point in x order', () => {
    // 8 points in 2 buckets of 4: [5, 1, 9, 4] keeps x=1 (y 1) then x=2 (y 9); [2, 2, 8, 0] keeps x=6 (8) then x=7 (0).
    const out = decimate(line([5, 1, 9, 4, 2, 2, 8, 0]), 2);
    expect(out).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 9 },
      { x: 6, y: 8 },
      { x: 7, y: 0 },
    ]);
  });

  it('property: at most two points a bucket, in x order, global min and max kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        (ys, buckets) => {
          const out = decimate(line(ys), buckets);
          expect(out.length).toBeLessThanOrEqual(Math.max(ys.length <= 2 * buckets ? ys.length : 0, 2 * buckets));
          for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
          const ysOut = out.map((p) => p.y);
          expect(extent(ysOut)).toEqual(extent(ys));
        },
      ),
    );
  });
});

describe('extent', () => {
  it('handles more values than Math.min(...xs) can take as arguments', () => {
    const xs = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_000);
    expect(extent(xs)).toEqual({ min: 0, max: 299_999 });
  });
});
