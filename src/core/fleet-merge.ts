/**
 * Several workloads served by one fleet deployment, as the scenario the
 * calculator runs: their summed traffic and request-weighted reasoning mix.
 */
import type { FleetDeployment, FleetWorkload } from '../scenario/fleet-schema.js';
import type { Reasoning, Scenario, Traffic } from '../scenario/schema.js';
import { meanOf } from './lengths.js';
import { sourceWeights, workloadMix, type Workload, type WorkloadSource } from './workload.js';

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
  const weights = sourceWeights(workloads);
  const mean = (f: (w: WorkloadSource) => number) =>
    workloads.reduce((s, w, i) => s + (weights[i] as number) * f(w), 0);
  const levels: Reasoning['levels'] = {};
  for (const l of activeLevels(mix).levels) levels[l.level] = { share: l.share, thinking_tokens: l.thinkingTokens };
  return {
    traffic: {
      requests_per_day: total,
      peak_to_average: peakToAverage ?? mean((w) => w.traffic.peak_to_average),
      input_tokens: mix.inputTokens,
      output_tokens: mean((w) => meanOf(w.traffic.output_tokens)),
    },
    // Compression is already in the thinking tokens.
    reasoning: { compression: 0, levels },
  };
}

/** The mix without the levels no request reaches (a fleet deployment reports only what it serves). */
export function activeLevels(mix: Workload): Workload {
  return { ...mix, levels: mix.levels.filter((l) => l.share > 0) };
}

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
