/**
 * A fleet's monthly range is the fleet re-sized at each end of the error band, in whole replicas
 * (core/fleet-size.ts): never below min_replicas or one replica with traffic. It used to be the
 * monthly cost times the band, so a fleet held at min_replicas got a range that left out its own
 * estimate (one replica, band 0.86-0.997: $1,848-2,148 around $2,155).
 */
import { describe, expect, it } from 'vitest';
import { sizeFleet } from '../../src/core/fleet-size.js';
import { monthlyRentalUsd } from '../../src/core/month.js';
import type { SimulationResult } from '../../src/core/result.js';

/** What sizeFleet reads of a result: one co-located replica type. */
function sim(o: { qps: number; peak: number; replicasForPeak: number; low: number; high: number }): SimulationResult {
  return {
    fleet: {
      averageRequestsPerS: o.peak / 2,
      peakRequestsPerS: o.peak,
      queriesPerSPerReplica: o.qps,
      replicas: o.replicasForPeak,
    },
    deployment: { acceleratorsPerReplica: 2 },
    hardware: { priceUsdPerHour: 3 },
    disaggregation: null,
    uncertainty: { low: o.low, high: o.high },
  } as unknown as SimulationResult;
}
const serving = { utilization: 0.5 } as never;
const replicaUsd = monthlyRentalUsd(2, 3); // one replica of 2 accelerators at $3/h

/** The monthly range of a fleet sized from `o`, and a range of whole replicas to compare it with. */
const rangeOf = (o: Parameters<typeof sim>[0], min_replicas: number, servingBlock: never = serving) =>
  sizeFleet(sim(o), { min_replicas, serving: servingBlock }).monthlyCostUsdRange;
const replicas = (expected: number, low: number, high: number) => ({
  expected: expected * replicaUsd,
  low: low * replicaUsd,
  high: high * replicaUsd,
});

describe('sizeFleet: the monthly range', () => {
  it('a fleet held at its minimum: the range is the minimum, whatever the band', () => {
    // Peak 1 q/s, 10 q/s per replica at 50%: 0.2 of a replica; 1 for the peak, 3 by min_replicas.
    const o = { qps: 10, peak: 1, replicasForPeak: 1, low: 0.86, high: 0.997 };
    expect(sizeFleet(sim(o), { min_replicas: 3, serving }).monthlyCostUsd).toBe(3 * replicaUsd);
    expect(rangeOf(o, 3)).toEqual(replicas(3, 3, 3));
  });

  it('a fleet sized by its peak: each end re-sized in whole replicas around the estimate', () => {
    // Peak 37 q/s at 10 q/s per replica and 50%: 7.4 replicas -> 8. Band 0.8-1.3: 5.92 -> 6, 9.62 -> 10.
    expect(rangeOf({ qps: 10, peak: 37, replicasForPeak: 8, low: 0.8, high: 1.3 }, 0)).toEqual(replicas(8, 6, 10));
  });

  it("the serving block's min_replicas is a floor too, not a raise to scale (with traffic and without)", () => {
    // Peak 1 q/s: 0.2 of a replica, but serving.min_replicas 4 (simulate sized 4): 4 at either end.
    const held = { utilization: 0.5, min_replicas: 4 } as never;
    expect(rangeOf({ qps: 10, peak: 1, replicasForPeak: 4, low: 0.7, high: 1.5 }, 1, held)).toEqual(replicas(4, 4, 4));
    // No traffic at all: the 2 replicas serving.min_replicas keeps, at either end.
    const idle = { utilization: 0.5, min_replicas: 2 } as never;
    expect(rangeOf({ qps: 10, peak: 0, replicasForPeak: 2, low: 0.7, high: 1.5 }, 0, idle)).toEqual(replicas(2, 2, 2));
  });

  it('replicas raised past the peak (a percentile SLO) scale with the band', () => {
    // 7.4 for the peak, but 12 sized for the SLO: 12 x 0.8 = 9.6 -> 10, 12 x 1.3 = 15.6 -> 16.
    expect(rangeOf({ qps: 10, peak: 37, replicasForPeak: 12, low: 0.8, high: 1.3 }, 0)).toEqual(replicas(12, 10, 16));
  });
});
