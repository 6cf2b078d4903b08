/** What `infercost fleet` returns: per workload, per deployment, per option, and the comparison. */
import type { FigureRange, SimulationResult } from './result.js';

export const FLEET_SCHEMA_VERSION = 1;

/** Accelerators of a deployment (or option), by what they are there for; the parts sum to the total. */
export interface AcceleratorBreakdown {
  /** Busy serving the average load. */
  readonly averageLoad: number;
  /** Added to serve the peak rather than the average. */
  readonly peak: number;
  /** Added to stay at the utilisation target at the peak (1 − utilisation of it is headroom). */
  readonly headroom: number;
  /** Added by rounding up to whole replicas. */
  readonly roundingUp: number;
  /** Added to keep min_replicas running. */
  readonly minimumReplicas: number;
}

export interface FleetWorkloadCost {
  readonly workload: string;
  readonly deployment: string;
  readonly requestsPerDay: number;
  readonly inputTokens: number;
  /** Answer + thinking tokens after compression, averaged over the workload's reasoning mix. */
  readonly outputTokens: number;
  /** On the shared replica, at the deployment's utilisation target (what `simulate` reports). */
  readonly costPerQueryAtTargetUsd: number;
  /** The deployment's provisioned cost, shared by replica time used. */
  readonly monthlyCostUsd: number;
  /** That monthly cost over the workload's requests in a month (null with no traffic). */
  readonly costPerQueryUsd: number | null;
}

export interface FleetDeploymentResult {
  readonly name: string;
  readonly serves: readonly string[];
  readonly model: string;
  readonly hardware: string;
  readonly priceUsdPerHour: number;
  readonly acceleratorsPerReplica: number;
  readonly batch: number;
  readonly requestsPerDay: number;
  readonly averageRequestsPerS: number;
  readonly peakRequestsPerS: number;
  readonly queriesPerSPerReplica: number;
  readonly utilizationTarget: number;
  readonly minReplicas: number;
  /** Replicas the peak needs at the utilisation target, before min_replicas. */
  readonly replicasForPeak: number;
  readonly replicas: number;
  readonly accelerators: number;
  readonly breakdown: AcceleratorBreakdown;
  /** Average load over provisioned capacity. */
  readonly averageUtilization: number;
  /** Every replica running all month. */
  readonly monthlyCostUsd: number;
  /** Its 80% range: the monthly cost × the deployment's error band (core/error-bands.ts). */
  readonly monthlyCostUsdRange: FigureRange;
  readonly costPerQueryUsd: number | null;
  readonly costPerQueryAtTargetUsd: number;
  /** Every replica size that fits, and what the deployment would cost with it (the cheapest is kept). */
  readonly replicaSizes: readonly {
    readonly acceleratorsPerReplica: number;
    readonly replicas: number;
    readonly accelerators: number;
    readonly monthlyCostUsd: number;
    readonly costPerQueryAtTargetUsd: number;
  }[];
  /** The calculator's result for the deployment's merged scenario, at the replica size kept. */
  readonly simulation: SimulationResult;
}

export interface FleetOptionResult {
  readonly name: string;
  readonly description?: string;
  readonly deployments: readonly FleetDeploymentResult[];
  /** In the order of the fleet's workloads. */
  readonly workloads: readonly FleetWorkloadCost[];
  readonly accelerators: number;
  readonly breakdown: AcceleratorBreakdown;
  readonly averageUtilization: number;
  readonly monthlyCostUsd: number;
  /** The deployments' ranges added end to end: their errors taken to move together (the wider, cautious sum). */
  readonly monthlyCostUsdRange: FigureRange;
  readonly requestsPerDay: number;
  /** Monthly cost over all requests in a month (null with no traffic). */
  readonly costPerQueryUsd: number | null;
  /** Request-weighted cost per query at each deployment's utilisation target (null with no traffic). */
  readonly costPerQueryAtTargetUsd: number | null;
  /** This option's monthly cost over the first option's (null when the first costs nothing). */
  readonly monthlyCostVsFirst: number | null;
  /**
   * With autoscaling deployments (`serving.autoscaling` over the workloads'
   * daily profiles): their autoscaled months plus the others' static ones;
   * null when none autoscales.
   */
  readonly autoscaledMonthlyCostUsd: number | null;
}

export interface FleetComparison {
  readonly schemaVersion: typeof FLEET_SCHEMA_VERSION;
  readonly fleet: { readonly name: string; readonly description?: string };
  readonly workloads: readonly {
    readonly name: string;
    readonly requestsPerDay: number;
    readonly peakToAverage: number;
    readonly inputTokens: number;
    readonly outputTokens: number;
  }[];
  readonly options: readonly FleetOptionResult[];
  /** What the comparison takes for granted: shown with every output. */
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
}
