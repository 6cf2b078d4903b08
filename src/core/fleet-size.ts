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

/** Replicas for the peak at the utilisation target, at least min_replicas; what they cost; what they are for. */
export function sizeFleet(sim: SimulationResult, d: Pick<FleetDeployment, 'min_replicas' | 'serving'>) {
  const n = sim.deployment.acceleratorsPerReplica;
  const qps = sim.fleet.queriesPerSPerReplica;
  const avgQps = sim.fleet.averageRequestsPerS;
  const peakQps = sim.fleet.peakRequestsPerS;
  const exactForPeak = peakQps / (qps * d.serving.utilization);
  const replicasForPeak = sim.fleet.replicas;
  const replicas = Math.max(replicasForPeak, d.min_replicas);
  const accelerators = replicas * n;
  const breakdown: AcceleratorBreakdown = {
    averageLoad: (avgQps / qps) * n,
    peak: ((peakQps - avgQps) / qps) * n,
    headroom: (exactForPeak - peakQps / qps) * n,
    roundingUp: (replicasForPeak - exactForPeak) * n,
    minimumReplicas: (replicas - replicasForPeak) * n,
  };
  return {
    replicasForPeak,
    replicas,
    accelerators,
    monthlyCostUsd: monthlyRentalUsd(accelerators, sim.hardware.priceUsdPerHour),
    breakdown,
  };
}
