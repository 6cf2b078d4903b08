/**
 * Fleet consolidation: the same workloads served by different sets of
 * deployments ("four specialised models, or one model with a dial", seeds 002
 * and 004), side by side. Pure: no I/O, no clock.
 *
 * Each deployment is run through the per-scenario calculator (`simulate`) as a
 * scenario whose traffic is the sum of the workloads it serves and whose
 * reasoning mix is their traffic-weighted mix (per level: the request-weighted
 * share, and the mean thinking tokens after each workload's own compression).
 * The replica is sized from the exact mix of requests, not from averages: a
 * decode slot holds the context of the requests that occupy it (long prompts
 * with short answers hold slots briefly), and the longest request of any
 * workload must fit. Replica time is linear in input and output tokens, so the
 * blended cost is exact, and each workload's cost uses its own tokens on the
 * shared replica (prefill attention is taken at the mean prompt length).
 *
 * On top of the calculator's fleet (replicas for the peak at the utilisation
 * target) a deployment keeps `min_replicas`, and its accelerators are split
 * into what the average load keeps busy, what the peak adds, the utilisation
 * headroom, rounding up to whole replicas, and the minimum replicas: the parts
 * that make small specialised deployments expensive.
 */
import { elementAt, valueAt } from './at.js';
import { costAtTargetUsd, monthlyRentalUsd, requestsPerMonth } from './month.js';
import { replicaSecondsFor } from './deployment.js';
import type { Fleet, FleetDeployment, FleetWorkload } from '../scenario/fleet-schema.js';
import type { Reasoning, Scenario, Traffic } from '../scenario/schema.js';
import { InfeasibleError } from '../errors.js';
import type { SimulationResult } from './result.js';
import { fieldWarnings, simulate } from './simulate.js';
import { workloadMix, workloadOf, type Workload, type WorkloadSource } from './workload.js';

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
  readonly requestsPerDay: number;
  /** Monthly cost over all requests in a month (null with no traffic). */
  readonly costPerQueryUsd: number | null;
  /** Request-weighted cost per query at each deployment's utilisation target (null with no traffic). */
  readonly costPerQueryAtTargetUsd: number | null;
  /** This option's monthly cost over the first option's (null when the first costs nothing). */
  readonly monthlyCostVsFirst: number | null;
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

export const FLEET_ASSUMPTIONS: readonly string[] = [
  'every option serves every workload at acceptable quality: capability differences between models are not modelled',
  'every replica runs all month (min_replicas stay up; no scale-to-zero)',
  "a deployment's workloads peak at the same time (peak = sum of their peaks) unless it sets peak_to_average",
  "a deployment's cost is shared among its workloads in proportion to the replica time they use",
  'operating costs per deployment (monitoring, rollouts, on-call) are not counted: only accelerator-hours',
];

/**
 * The traffic and reasoning mix of several workloads served by one deployment,
 * as a scenario's fields: per level, the request-weighted share and the mean
 * thinking tokens after each workload's own compression (levels no request
 * reaches are left out).
 */
export function mergeWorkloads(
  workloads: readonly WorkloadSource[],
  peakToAverage?: number,
): { traffic: Traffic; reasoning: Reasoning } {
  const mix = workloadMix(workloads);
  const total = workloads.reduce((s, w) => s + w.traffic.requests_per_day, 0);
  const weight = (w: WorkloadSource) => (total > 0 ? w.traffic.requests_per_day / total : 1 / workloads.length);
  const mean = (f: (w: WorkloadSource) => number) => workloads.reduce((s, w) => s + weight(w) * f(w), 0);
  const levels: Reasoning['levels'] = {};
  for (const l of activeLevels(mix).levels) levels[l.level] = { share: l.share, thinking_tokens: l.thinkingTokens };
  return {
    traffic: {
      requests_per_day: total,
      peak_to_average: peakToAverage ?? mean((w) => w.traffic.peak_to_average),
      input_tokens: mix.inputTokens,
      output_tokens: mean((w) => w.traffic.output_tokens),
    },
    // Compression is already in the thinking tokens.
    reasoning: { compression: 0, levels },
  };
}

/** The mix without the levels no request reaches (a fleet deployment reports only what it serves). */
function activeLevels(mix: Workload): Workload {
  return { ...mix, levels: mix.levels.filter((l) => l.share > 0) };
}

const sumBreakdowns = (parts: readonly AcceleratorBreakdown[]): AcceleratorBreakdown => ({
  averageLoad: parts.reduce((s, b) => s + b.averageLoad, 0),
  peak: parts.reduce((s, b) => s + b.peak, 0),
  headroom: parts.reduce((s, b) => s + b.headroom, 0),
  roundingUp: parts.reduce((s, b) => s + b.roundingUp, 0),
  minimumReplicas: parts.reduce((s, b) => s + b.minimumReplicas, 0),
});

/** The scenario one deployment amounts to. */
export function deploymentScenario(
  fleetName: string,
  optionName: string,
  d: FleetDeployment,
  served: readonly FleetWorkload[],
): Scenario {
  const { traffic, reasoning } = mergeWorkloads(served, d.peak_to_average);
  return {
    name: `${fleetName} / ${optionName} / ${d.name}`,
    model: d.model,
    hardware: d.hardware,
    serving: d.serving,
    reasoning,
    traffic,
    extra_factors: d.extra_factors,
  };
}

/** Rethrow an infeasible deployment with its place in the fleet file and which option it is. */
function inDeployment<T>(at: string, label: string, compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (!(e instanceof InfeasibleError)) throw e;
    // Traffic fields of the merged scenario come from the workloads: point at the deployment's serves.
    const field = e.path === undefined ? undefined : e.path.startsWith('traffic.') ? 'serves' : e.path;
    throw new InfeasibleError(`${label}: ${e.message}`, field === undefined ? at : `${at}.${field}`);
  }
}

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

function evaluateDeployment(
  fleet: Fleet,
  optionIndex: number,
  deploymentIndex: number,
): { result: FleetDeploymentResult; workloads: FleetWorkloadCost[]; warnings: string[] } {
  const option = elementAt(fleet.fleet.options, optionIndex);
  const d = elementAt(option.deployments, deploymentIndex);
  const at = `fleet.options.${optionIndex}.deployments.${deploymentIndex}`;
  const label = `option "${option.name}", deployment "${d.name}"`;
  const byName = new Map(fleet.fleet.workloads.map((w) => [w.name, w]));
  const served = d.serves.map((n) => valueAt(byName, n));
  const scenario = deploymentScenario(fleet.name, option.name, d, served);
  const mix = activeLevels(workloadMix(served));

  // The merged mix averages thinking tokens per level; check each workload's own longest request.
  const contextTokens = d.model.context_tokens;
  if (contextTokens !== undefined)
    for (const w of served) {
      const longest = workloadOf(w).maxContextTokens;
      if (longest > contextTokens)
        throw new InfeasibleError(
          `${label}: workload "${w.name}" reaches ${Math.round(longest)} tokens of context, beyond the model's ${contextTokens}`,
          `fleet.workloads.${fleet.fleet.workloads.indexOf(w)}.traffic.input_tokens`,
        );
    }

  // The calculator picks the replica size cheapest per query at full load; a small
  // deployment's cost is its whole replicas, so try every size that fits and keep
  // the one cheapest to run (then cheapest per query, then the smaller).
  const first = inDeployment(at, label, () => simulate(scenario, undefined, mix));
  const sizes =
    d.serving.accelerators_per_replica !== undefined
      ? [first]
      : first.deployment.candidates
          .filter((c) => c.feasible)
          .map((c) =>
            c.acceleratorsPerReplica === first.deployment.acceleratorsPerReplica
              ? first
              : inDeployment(at, label, () =>
                  simulate(
                    {
                      ...scenario,
                      serving: { ...scenario.serving, accelerators_per_replica: c.acceleratorsPerReplica },
                    },
                    undefined,
                    mix,
                  ),
                ),
          );
  const sized = sizes.map((sim) => ({ sim, ...sizeFleet(sim, d) }));
  const best = sized.reduce((a, b) =>
    b.monthlyCostUsd < a.monthlyCostUsd ||
    (b.monthlyCostUsd === a.monthlyCostUsd && b.sim.blended.costPerQueryUsd < a.sim.blended.costPerQueryUsd)
      ? b
      : a,
  );
  const { sim, replicasForPeak, replicas, accelerators, monthlyCostUsd, breakdown } = best;
  const n = sim.deployment.acceleratorsPerReplica;
  const price = sim.hardware.priceUsdPerHour;
  const util = d.serving.utilization;
  const qps = sim.fleet.queriesPerSPerReplica;
  const avgQps = sim.fleet.averageRequestsPerS;
  const peakQps = sim.fleet.peakRequestsPerS;

  // Each workload's tokens on the shared replica (replica time is linear in tokens).
  const rates = {
    prefillSecondsPerToken: 1 / sim.deployment.prefillTokensPerS,
    decodeSecondsPerToken: sim.deployment.decodeStepS / sim.deployment.batch,
  };
  const perWorkload = served.map((w) => {
    const outputTokens = workloadOf(w).meanOutputTokens;
    const replicaSeconds = replicaSecondsFor(rates, w.traffic.input_tokens, outputTokens);
    return { w, outputTokens, replicaSeconds, busy: w.traffic.requests_per_day * replicaSeconds };
  });
  const busyTotal = perWorkload.reduce((s, p) => s + p.busy, 0);
  const workloads = perWorkload.map(({ w, outputTokens, replicaSeconds, busy }): FleetWorkloadCost => {
    const monthly = monthlyCostUsd * (busyTotal > 0 ? busy / busyTotal : 1 / perWorkload.length);
    const monthRequests = requestsPerMonth(w.traffic.requests_per_day);
    return {
      workload: w.name,
      deployment: d.name,
      requestsPerDay: w.traffic.requests_per_day,
      inputTokens: w.traffic.input_tokens,
      outputTokens,
      costPerQueryAtTargetUsd: costAtTargetUsd(replicaSeconds, n, price, util),
      monthlyCostUsd: monthly,
      costPerQueryUsd: monthRequests > 0 ? monthly / monthRequests : null,
    };
  });

  const requestsPerDay = scenario.traffic.requests_per_day;
  const monthRequests = requestsPerMonth(requestsPerDay);
  const result: FleetDeploymentResult = {
    name: d.name,
    serves: d.serves,
    model: sim.model.name,
    hardware: sim.hardware.name,
    priceUsdPerHour: price,
    acceleratorsPerReplica: n,
    batch: sim.deployment.batch,
    requestsPerDay,
    averageRequestsPerS: avgQps,
    peakRequestsPerS: peakQps,
    queriesPerSPerReplica: qps,
    utilizationTarget: util,
    minReplicas: d.min_replicas,
    replicasForPeak,
    replicas,
    accelerators,
    breakdown,
    averageUtilization: replicas > 0 ? avgQps / (replicas * qps) : 0,
    monthlyCostUsd,
    costPerQueryUsd: monthRequests > 0 ? monthlyCostUsd / monthRequests : null,
    costPerQueryAtTargetUsd: sim.blended.costPerQueryUsd,
    replicaSizes: sized.map((z) => ({
      acceleratorsPerReplica: z.sim.deployment.acceleratorsPerReplica,
      replicas: z.replicas,
      accelerators: z.accelerators,
      monthlyCostUsd: z.monthlyCostUsd,
      costPerQueryAtTargetUsd: z.sim.blended.costPerQueryUsd,
    })),
    simulation: sim,
  };
  // The calculator's warnings about the merged scenario's traffic and zero-share levels
  // are about its fields, not the fleet file's: say it in fleet terms.
  const merged = new Set(fieldWarnings(scenario, mix));
  const warnings = sim.warnings.filter((w) => !merged.has(w)).map((w) => `${label}: ${w}`);
  if (requestsPerDay === 0)
    warnings.push(
      replicas === 0
        ? `${label}: no traffic and min_replicas 0: no replicas, no cost`
        : `${label}: no traffic: min_replicas keeps ${replicas} replica${replicas === 1 ? '' : 's'} running for nothing`,
    );
  return { result, workloads, warnings };
}

export function compareFleet(fleet: Fleet): FleetComparison {
  const warnings: string[] = [];
  const options = fleet.fleet.options.map((option, oi) => {
    const evaluated = option.deployments.map((_, di) => evaluateDeployment(fleet, oi, di));
    for (const e of evaluated) warnings.push(...e.warnings);
    const deployments = evaluated.map((e) => e.result);
    const byWorkload = new Map(evaluated.flatMap((e) => e.workloads).map((w) => [w.workload, w]));
    const workloads = fleet.fleet.workloads.map((w) => valueAt(byWorkload, w.name));
    const accelerators = deployments.reduce((s, d) => s + d.accelerators, 0);
    const breakdown = sumBreakdowns(deployments.map((d) => d.breakdown));
    const monthlyCostUsd = deployments.reduce((s, d) => s + d.monthlyCostUsd, 0);
    const requestsPerDay = workloads.reduce((s, w) => s + w.requestsPerDay, 0);
    const monthRequests = requestsPerMonth(requestsPerDay);
    return {
      name: option.name,
      ...(option.description === undefined ? {} : { description: option.description }),
      deployments,
      workloads,
      accelerators,
      breakdown,
      averageUtilization: accelerators > 0 ? breakdown.averageLoad / accelerators : 0,
      monthlyCostUsd,
      requestsPerDay,
      costPerQueryUsd: monthRequests > 0 ? monthlyCostUsd / monthRequests : null,
      costPerQueryAtTargetUsd:
        requestsPerDay > 0
          ? workloads.reduce((s, w) => s + w.requestsPerDay * w.costPerQueryAtTargetUsd, 0) / requestsPerDay
          : null,
    };
  });
  const first = elementAt(options, 0).monthlyCostUsd;
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    fleet:
      fleet.description === undefined ? { name: fleet.name } : { name: fleet.name, description: fleet.description },
    workloads: fleet.fleet.workloads.map((w, i) => ({
      name: w.name,
      requestsPerDay: w.traffic.requests_per_day,
      peakToAverage: w.traffic.peak_to_average,
      inputTokens: w.traffic.input_tokens,
      // The same in every option: the workload's own tokens.
      outputTokens: elementAt(elementAt(options, 0).workloads, i).outputTokens,
    })),
    options: options.map((o) => ({ ...o, monthlyCostVsFirst: first > 0 ? o.monthlyCostUsd / first : null })),
    assumptions: FLEET_ASSUMPTIONS,
    warnings,
  };
}
