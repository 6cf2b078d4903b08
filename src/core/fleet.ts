/**
 * Fleet consolidation: the same workloads served by different sets of
 * deployments ("four specialised models, or one model with a dial"), side by
 * side. Pure: no I/O, no clock.
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
import { meanOf } from './lengths.js';
import { elementAt, valueAt } from './at.js';
import { replicaSecondsFor } from './deployment.js';
import { activeLevels, deploymentScenario } from './fleet-merge.js';
import {
  FLEET_SCHEMA_VERSION,
  type FleetComparison,
  type FleetDeploymentResult,
  type FleetWorkloadCost,
} from './fleet-result.js';
import { sizeFleet, sumBreakdowns } from './fleet-size.js';
import { costAtTargetUsd, requestsPerMonth } from './month.js';
import type { Fleet } from '../scenario/fleet-schema.js';
import { InfeasibleError } from '../errors.js';
import { fieldWarnings, simulate } from './simulate.js';
import { workloadMix, workloadOf } from './workload.js';

export const FLEET_ASSUMPTIONS: readonly string[] = [
  'every option serves every workload at acceptable quality: capability differences between models are not modelled',
  'every replica runs all month (min_replicas stay up; no scale-to-zero), except in "$/month autoscaled" for deployments that set serving.autoscaling',
  "a deployment's workloads peak at the same time (peak = sum of their peaks) unless it sets peak_to_average or they give daily profiles (then their summed curve's busiest hour is its peak)",
  "a deployment's cost is shared among its workloads in proportion to the replica time they use",
  'operating costs per deployment (monitoring, rollouts, on-call) are not counted: only accelerator-hours',
];

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
  const scenario = inDeployment(at, label, () => deploymentScenario(fleet.name, option.name, d, served));
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
  // A disaggregated deployment keeps the pools simulate chose (each already the cheapest for its phase).
  const sizes =
    d.serving.accelerators_per_replica !== undefined || first.disaggregation !== null
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
  const { sim, replicasForPeak, replicas, accelerators, monthlyCostUsd, monthlyCostUsdRange, breakdown } = best;
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
  // A workload's cost at the target: its tokens on the replica (or each phase on its pool, at its price).
  const g = sim.disaggregation;
  const atTarget = (inputTokens: number, outputTokens: number): number =>
    g === null
      ? costAtTargetUsd(replicaSecondsFor(rates, inputTokens, outputTokens), n, price, util)
      : costAtTargetUsd(
          inputTokens * rates.prefillSecondsPerToken,
          g.prefill.acceleratorsPerReplica,
          g.prefill.priceUsdPerHour,
          util,
        ) +
        costAtTargetUsd(
          outputTokens * rates.decodeSecondsPerToken,
          g.decode.acceleratorsPerReplica,
          g.decode.priceUsdPerHour,
          util,
        );
  const perWorkload = served.map((w) => {
    const outputTokens = workloadOf(w).meanOutputTokens;
    const replicaSeconds = replicaSecondsFor(rates, meanOf(w.traffic.input_tokens), outputTokens);
    // Shared by replica time on one replica type; by cost across two pools.
    const share = g === null ? replicaSeconds : atTarget(meanOf(w.traffic.input_tokens), outputTokens);
    return { w, outputTokens, busy: w.traffic.requests_per_day * share };
  });
  const busyTotal = perWorkload.reduce((s, p) => s + p.busy, 0);
  const workloads = perWorkload.map(({ w, outputTokens, busy }): FleetWorkloadCost => {
    const monthly = monthlyCostUsd * (busyTotal > 0 ? busy / busyTotal : 1 / perWorkload.length);
    const monthRequests = requestsPerMonth(w.traffic.requests_per_day);
    return {
      workload: w.name,
      deployment: d.name,
      requestsPerDay: w.traffic.requests_per_day,
      inputTokens: meanOf(w.traffic.input_tokens),
      outputTokens,
      costPerQueryAtTargetUsd: atTarget(meanOf(w.traffic.input_tokens), outputTokens),
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
    averageUtilization: accelerators > 0 ? breakdown.averageLoad / accelerators : 0,
    monthlyCostUsd,
    monthlyCostUsdRange,
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
    const autoscaledMonthlyCostUsd = deployments.some((d) => d.simulation.autoscaled !== null)
      ? deployments.reduce((s, d) => s + (d.simulation.autoscaled?.monthlyCostUsd ?? d.monthlyCostUsd), 0)
      : null;
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
      monthlyCostUsdRange: {
        expected: monthlyCostUsd,
        low: deployments.reduce((x, d) => x + d.monthlyCostUsdRange.low, 0),
        high: deployments.reduce((x, d) => x + d.monthlyCostUsdRange.high, 0),
      },
      requestsPerDay,
      costPerQueryUsd: monthRequests > 0 ? monthlyCostUsd / monthRequests : null,
      costPerQueryAtTargetUsd:
        requestsPerDay > 0
          ? workloads.reduce((s, w) => s + w.requestsPerDay * w.costPerQueryAtTargetUsd, 0) / requestsPerDay
          : null,
      autoscaledMonthlyCostUsd,
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
      inputTokens: meanOf(w.traffic.input_tokens),
      // The same in every option: the workload's own tokens.
      outputTokens: elementAt(elementAt(options, 0).workloads, i).outputTokens,
    })),
    options: options.map((o) => ({ ...o, monthlyCostVsFirst: first > 0 ? o.monthlyCostUsd / first : null })),
    assumptions: FLEET_ASSUMPTIONS,
    warnings,
  };
}
