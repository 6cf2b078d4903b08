/**
 * Several workloads served by one fleet deployment, as the scenario the
 * calculator runs: their summed traffic and request-weighted reasoning mix.
 */
import type { FleetDeployment, FleetWorkload } from '../scenario/fleet-schema.js';
import type { Reasoning, Scenario, Traffic } from '../scenario/schema.js';
import { InfeasibleError } from '../errors.js';
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
  const profile = mergedProfile(workloads, weights, peakToAverage);
  const arrival = mergedArrival(workloads, weights);
  return {
    traffic: {
      requests_per_day: total,
      peak_to_average: profile === undefined ? (peakToAverage ?? mean((w) => w.traffic.peak_to_average)) : 1,
      input_tokens: mix.inputTokens,
      output_tokens: mean((w) => meanOf(w.traffic.output_tokens)),
      ...(profile === undefined ? {} : { daily_profile: profile }),
      ...(arrival === undefined ? {} : { arrival }),
    },
    // Compression is already in the thinking tokens.
    reasoning: { compression: 0, levels },
  };
}

/**
 * The deployment's day: each hour's share of its requests, Σ_w weight_w ×
 * share_w,h. Workloads that peak at different hours give a flatter curve (a
 * lower peak) than their peaks summed. Every workload it serves gives a
 * profile, or none does: a workload with only a peak factor has no curve to add.
 */
function mergedProfile(
  workloads: readonly WorkloadSource[],
  weights: readonly number[],
  peakToAverage: number | undefined,
): number[] | undefined {
  const given = workloads.filter((w) => w.traffic.daily_profile !== undefined).length;
  if (given === 0) return undefined;
  if (given < workloads.length)
    throw new InfeasibleError(
      `${given} of the ${workloads.length} workloads it serves give traffic.daily_profile: give one for every workload, or for none (a peak factor has no hours to add to a curve)`,
      'serves',
    );
  if (peakToAverage !== undefined)
    throw new InfeasibleError(
      "the workloads' daily profiles give this deployment's peak (their summed curve): drop peak_to_average",
      'peak_to_average',
    );
  const profile = new Array<number>(24).fill(0);
  workloads.forEach((w, i) =>
    w.traffic.daily_profile?.forEach(
      (share, h) => (profile[h] = (profile[h] as number) + (weights[i] as number) * share),
    ),
  );
  return profile;
}

/**
 * The merged arrivals of independent streams: Poisson when every workload's
 * is (or none is given); otherwise gamma gaps with c² = Σ_w weight_w × c²_w,
 * the stationary-interval superposition of Whitt's Queueing Network Analyzer
 * (W. Whitt, "The Queueing Network Analyzer", Bell System Technical Journal
 * 62(9), 1983, §4.3: the asymptotic method's rate-weighted mean of the squared
 * coefficients of variation).
 */
function mergedArrival(workloads: readonly WorkloadSource[], weights: readonly number[]): Traffic['arrival'] {
  if (workloads.every((w) => w.traffic.arrival === undefined)) return undefined;
  const cv2 = workloads.reduce((s, w, i) => {
    const a = w.traffic.arrival;
    const cv = a?.process === 'gamma' ? (a.cv ?? 1) : 1;
    return s + (weights[i] as number) * cv * cv;
  }, 0);
  return Math.abs(cv2 - 1) < 1e-12 ? { process: 'poisson' } : { process: 'gamma', cv: Math.sqrt(cv2) };
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
