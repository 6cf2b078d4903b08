/** A deployment's replicas for the peak, at least min_replicas, and what its accelerators are there for. */
import type { FleetDeployment } from '../scenario/fleet-schema.js';
import type { AcceleratorBreakdown } from './fleet-result.js';
import { monthlyRentalUsd } from './month.js';
import type { SimulationResult } from './result.js';

export const sumBreakdowns = (parts: readonly AcceleratorBreakdown[]): AcceleratorBreakdown => ({
  averageLoad: parts.reduce((s, b) => s + b.averageLoad, 0),
  peak: parts.reduce((s, b) => s + b.peak, 0),
  headroom: parts.reduce((s, b) => s + b.headroom, 0),
  roundingUp: parts.reduce((s, b) => s + b.roundingUp, 0),
  minimumReplicas: parts.reduce((s, b) => s + b.minimumReplicas, 0),
});

/** One pool of replicas: its size, queries/s per replica, price and the replicas the calculator sized for the peak. */
interface PoolSizing {
  readonly acceleratorsPerReplica: number;
  readonly queriesPerSPerReplica: number;
  readonly priceUsdPerHour: number;
  readonly replicasForPeak: number;
  readonly minReplicas: number;
  /**
   * The replicas the calculator keeps whatever the load (core/simulate.ts replicasForPeak): the
   * serving block's min_replicas, else one with traffic (a prefill pool: one), none without.
   */
  readonly floorReplicas: number;
}

function sizePool(p: PoolSizing, avgQps: number, peakQps: number, utilization: number) {
  const n = p.acceleratorsPerReplica;
  const qps = p.queriesPerSPerReplica;
  const exactForPeak = peakQps / (qps * utilization);
  const replicas = Math.max(p.replicasForPeak, p.minReplicas);
  const accelerators = replicas * n;
  const breakdown: AcceleratorBreakdown = {
    averageLoad: (avgQps / qps) * n,
    peak: ((peakQps - avgQps) / qps) * n,
    headroom: (exactForPeak - peakQps / qps) * n,
    roundingUp: (p.replicasForPeak - exactForPeak) * n,
    minimumReplicas: (replicas - p.replicasForPeak) * n,
  };
  return {
    replicas,
    accelerators,
    monthlyCostUsd: monthlyRentalUsd(accelerators, p.priceUsdPerHour),
    monthlyCostUsdAt: (factor: number) => monthlyRentalUsd(replicasAt(p, exactForPeak, factor) * n, p.priceUsdPerHour),
    breakdown,
  };
}

/**
 * The pool's replicas were each replica's time per query `factor` times the calculator's (an end
 * of its error band): the peak's share re-sized, in whole replicas, never under min_replicas or one
 * replica with traffic. A replica count raised past the peak's (a percentile SLO) scales with it.
 * At factor 1 it is the pool's replicas, so the range holds the estimate whenever the band holds 1.
 */
function replicasAt(p: PoolSizing, exactForPeak: number, factor: number): number {
  const peakOnly = Math.max(p.floorReplicas, Math.ceil(exactForPeak));
  const scaled = p.replicasForPeak > peakOnly ? p.replicasForPeak * factor : exactForPeak * factor;
  return Math.max(p.minReplicas, p.floorReplicas, Math.ceil(scaled));
}

/**
 * Replicas for the peak at the utilisation target, at least min_replicas; what they cost; what they are for.
 * A disaggregated deployment sizes each pool so (min_replicas holds the decode pool) and adds them up.
 */
export function sizeFleet(sim: SimulationResult, d: Pick<FleetDeployment, 'min_replicas' | 'serving'>) {
  const avgQps = sim.fleet.averageRequestsPerS;
  const peakQps = sim.fleet.peakRequestsPerS;
  const util = d.serving.utilization;
  const g = sim.disaggregation;
  const least = d.serving.min_replicas;
  const floor = (withTraffic: number) => (peakQps > 0 ? withTraffic : (least ?? 0));
  const pools: PoolSizing[] =
    g === null
      ? [
          {
            acceleratorsPerReplica: sim.deployment.acceleratorsPerReplica,
            queriesPerSPerReplica: sim.fleet.queriesPerSPerReplica,
            priceUsdPerHour: sim.hardware.priceUsdPerHour,
            replicasForPeak: sim.fleet.replicas,
            minReplicas: d.min_replicas,
            floorReplicas: floor(least ?? 1),
          },
        ]
      : [g.prefill, g.decode].map((pool, i) => ({
          acceleratorsPerReplica: pool.acceleratorsPerReplica,
          queriesPerSPerReplica: 1 / pool.replicaSecondsPerQuery,
          priceUsdPerHour: pool.priceUsdPerHour,
          replicasForPeak: pool.replicas,
          minReplicas: i === 1 ? d.min_replicas : 0,
          // simulate's disaggregatedFleet: the prefill pool keeps one replica with traffic, the decode pool min_replicas.
          floorReplicas: floor(i === 1 ? (least ?? 1) : 1),
        }));
  const sized = pools.map((p) => sizePool(p, avgQps, peakQps, util));
  const monthlyCostUsd = sized.reduce((s, p) => s + p.monthlyCostUsd, 0);
  const at = (factor: number) => sized.reduce((s, p) => s + p.monthlyCostUsdAt(factor), 0);
  return {
    replicasForPeak: pools.reduce((s, p) => s + p.replicasForPeak, 0),
    replicas: sized.reduce((s, p) => s + p.replicas, 0),
    accelerators: sized.reduce((s, p) => s + p.accelerators, 0),
    monthlyCostUsd,
    // The fleet re-sized at each end of the error band (a cost in whole replicas, not a scaled figure).
    monthlyCostUsdRange: { expected: monthlyCostUsd, low: at(sim.uncertainty.low), high: at(sim.uncertainty.high) },
    breakdown: sumBreakdowns(sized.map((p) => p.breakdown)),
  };
}
