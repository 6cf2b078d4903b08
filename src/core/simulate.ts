/**
 * The calculator: a validated scenario in, a versioned result out. Pure: no
 * I/O, no clock, no randomness; the same scenario always gives the same result.
 */
import type { Precision } from '../scenario/precision.js';
import { defaultComputePrecision, precisionWhy, requireFigures } from './requirements.js';
import { costAtTargetUsd, monthlyRentalUsd, requestsPerMonth } from './month.js';
import { ERROR_ROWS } from '../data/error-rows.js';
import { priceOffersOf } from './price-range.js';
import { acceleratorClassOf, cachedErrorBand, familyOfName, NEAREST_ROWS, type ErrorRow } from './error-bands.js';
import { DEFAULT_EFFICIENCY, SECONDS_PER_DAY } from '../scenario/defaults.js';
import { PERCENTILE_BUDGETS, PERCENTILES } from '../scenario/percentiles.js';
import type { ApiPricing, Scenario } from '../scenario/schema.js';
import { InfeasibleError } from '../errors.js';
import { kvBytesPerToken } from './architecture.js';
import { breakEven, type FleetEconomics } from './break-even.js';
import { checkBudget, hasPercentileBudget } from './budget.js';
import { speculativeStepAt, type Deployment, type Rejection, type SizingContext } from './deployment.js';
import { chooseDeployment } from './replica-choice.js';
import { disaggregate, type Disaggregated } from './disaggregation.js';
import type { ReplicaRates } from './replica.js';
import { expectedDistinctExperts } from './experts.js';
import { explainInfeasible, rejectionReason } from './infeasible.js';
import { disaggregatedLatencyUnderLoad, latencyUnderLoad, type LatencyUnderLoad } from './latency.js';
import { autoscaledFleet, peakToAverageOf, type AutoscaledFleet } from './autoscale.js';
import {
  RESULT_SCHEMA_VERSION,
  type ApiComparison,
  type Assumption,
  type Candidate,
  type DisaggregationResult,
  type FigureRange,
  type FleetResult,
  type QueryCost,
  type SimulationResult,
} from './result.js';
import { parallelismLabel } from './parallelism.js';
import { workloadOf, type Workload } from './workload.js';
import { meanOf } from './lengths.js';

/** Where each input value came from (`scenario`, `preset h100-sxm`), by field path; undefined = a default. */
export interface Origins {
  get(path: string): string | undefined;
}

/** No input has an origin (every one is a default): one empty table, not one per evaluation. */
const NO_ORIGINS: Origins = new Map<string, string>();

/**
 * `workload` is the token workload the scenario's traffic and reasoning mix put
 * on a replica; a fleet deployment serving several workloads passes their exact
 * mix (core/fleet.ts).
 */
export function simulate(
  scenario: Scenario,
  origins: Origins = NO_ORIGINS,
  workload: Workload = workloadOf(scenario),
  /** The measured errors the figures' ranges come from: the shipped calibration rows, or a user's own. */
  errorRows: readonly ErrorRow[] = ERROR_ROWS,
  /**
   * `figures`: the same evaluation with its explanations in words left out
   * (deployment.candidates, assumptions and warnings empty, the range's basis
   * ''): what a sweep row reads (core/sweep.ts). Every figure, and every
   * error, is the full result's.
   */
  detail: 'full' | 'figures' = 'full',
): SimulationResult {
  const words = detail === 'full';
  const { model, hardware, serving, traffic } = scenario;
  const { computePrecision: precision, priceUsdPerHour: price } = requireFigures(scenario);
  if (model.context_tokens !== undefined && workload.maxContextTokens > model.context_tokens)
    throw new InfeasibleError(
      `input + output tokens reach ${round(workload.maxContextTokens)} tokens, beyond the model's context of ${model.context_tokens}: shorten traffic.input_tokens, traffic.output_tokens or the thinking tokens`,
      'traffic.input_tokens',
    );
  // Disaggregated: the decode pool's replica is `best`; prompts are prefilled on the prefill pool.
  const disagg = serving.disaggregation === undefined ? undefined : disaggregate(scenario, workload);
  // The replica chosen (and what it was sized with): the scenario's, or the decode pool's.
  const { best, tried, ctx } = disagg?.decode ?? chooseDeployment(scenario, workload, precision);
  if (best === undefined)
    throw new InfeasibleError(
      explainInfeasible(scenario, workload, tried),
      infeasiblePath(tried, scenario.serving.accelerators_per_replica !== undefined),
    );
  const { split } = ctx;

  const n = best.rates.accelerators;
  const pools = phaseEconomics(best, price, hardware, disagg, workload.inputTokens);
  const timeToFirstTokenS = disagg?.prefill.best.timeToFirstTokenS ?? best.timeToFirstTokenS;
  const disaggregated = disagg !== undefined;
  // How far to trust the figures: the measured error on the published rows most like this deployment.
  const prefillAcceleratorS = workload.inputTokens * pools.prefill.secondsPerToken * pools.prefill.accelerators;
  const blendedAcceleratorS =
    prefillAcceleratorS + workload.meanOutputTokens * pools.decode.secondsPerToken * pools.decode.accelerators;
  const band = cachedErrorBand(
    {
      family: familyOfName(model.name ?? ''),
      moe: model.moe !== null,
      acceleratorClass: acceleratorClassOf(hardware.name ?? ''),
      batch: best.batch.batch,
      prefillShare: blendedAcceleratorS > 0 ? prefillAcceleratorS / blendedAcceleratorS : 0,
    },
    errorRows,
  );
  // Figures inversely proportional to throughput scale by the band; throughput by its inverse.
  const inverse = (x: number): FigureRange => ({ expected: x, low: x * band.low, high: x * band.high });
  const direct = (x: number): FigureRange => ({ expected: x, low: x / band.high, high: x / band.low });
  const costOf = (replicaSeconds: number, pool: PhaseEconomics): number =>
    costAtTargetUsd(replicaSeconds, pool.accelerators, pool.price, serving.utilization);
  const monthRequests = requestsPerMonth(traffic.requests_per_day);
  const tpot = best.batch.timePerOutputTokenS;

  const queryCost = (
    level: QueryCost['level'],
    share: number,
    thinkingTokens: number,
    outputTokens: number,
  ): QueryCost => {
    // Replica time in each phase, on the replica (and at the price) that serves it.
    const prefillSeconds = workload.inputTokens * pools.prefill.secondsPerToken;
    const decodeSeconds = outputTokens * pools.decode.secondsPerToken;
    const prefillCostPerQueryUsd = costOf(prefillSeconds, pools.prefill);
    // One replica serving both phases: its time summed first (the arithmetic of a co-located result).
    const onePool = !disaggregated;
    const costPerQueryUsd = onePool
      ? costOf(prefillSeconds + decodeSeconds, pools.decode)
      : prefillCostPerQueryUsd + costOf(decodeSeconds, pools.decode);
    const prefillAccS = prefillSeconds * pools.prefill.accelerators;
    const decodeAccS = decodeSeconds * pools.decode.accelerators;
    const acceleratorSecondsPerQuery = onePool ? (prefillSeconds + decodeSeconds) * n : prefillAccS + decodeAccS;
    return {
      level,
      share,
      inputTokens: workload.inputTokens,
      thinkingTokens,
      outputTokens,
      timeToFirstTokenS,
      timePerOutputTokenS: tpot,
      latencyS: timeToFirstTokenS + outputTokens * tpot,
      outputTokensPerSPerAccelerator: outputTokens / acceleratorSecondsPerQuery,
      acceleratorSecondsPerQuery,
      costPerQueryUsd,
      prefillCostPerQueryUsd,
      decodeCostPerQueryUsd: costPerQueryUsd - prefillCostPerQueryUsd,
      costPerMillionOutputTokensUsd: (costPerQueryUsd / outputTokens) * 1e6,
      costPerMillionTokensUsd: (costPerQueryUsd / (workload.inputTokens + outputTokens)) * 1e6,
      monthlyCostUsd: share * monthRequests * costPerQueryUsd,
      energyPerQueryWh:
        pools.prefill.powerW == null || pools.decode.powerW == null
          ? null
          : onePool
            ? (acceleratorSecondsPerQuery * pools.decode.powerW) / 3600
            : (prefillAccS * pools.prefill.powerW + decodeAccS * pools.decode.powerW) / 3600,
      costPerQueryUsdRange: inverse(costPerQueryUsd),
      costPerMillionTokensUsdRange: inverse((costPerQueryUsd / (workload.inputTokens + outputTokens)) * 1e6),
      timePerOutputTokenSRange: inverse(tpot),
      outputTokensPerSPerAcceleratorRange: direct(outputTokens / acceleratorSecondsPerQuery),
    };
  };

  const levels = workload.levels.map((l) => queryCost(l.level, l.share, l.thinkingTokens, l.outputTokens));
  const meanThinking = workload.levels.reduce((s, l) => s + l.share * l.thinkingTokens, 0);
  const blended = queryCost('blended', 1, meanThinking, workload.meanOutputTokens);

  const peakPools = disagg === undefined ? undefined : disaggregatedFleet(scenario, disagg);
  const peakFleet = peakPools?.fleet ?? fleetOf(scenario, best, price);
  const latency = latencyOf(scenario, ctx, best, peakFleet, disagg, peakPools?.result);
  // Percentile SLOs may need more replicas than the peak at the utilisation target.
  const sloSized =
    latency !== null && (latency.replicasAddedForSlo > 0 || (latency.prefillPool?.replicasAddedForSlo ?? 0) > 0)
      ? latency
      : null;
  const poolFleets =
    disagg === undefined || sloSized === null
      ? peakPools
      : disaggregatedFleet(scenario, disagg, {
          prefill: sloSized.prefillPool?.replicas ?? 0,
          decode: sloSized.replicas,
        });
  const fleet =
    sloSized === null ? peakFleet : (poolFleets?.fleet ?? fleetOf(scenario, best, price, sloSized.replicas));
  if (serving.autoscaling !== undefined && (traffic.daily_profile === undefined || disaggregated))
    throw new InfeasibleError(
      disaggregated
        ? 'autoscaling is modelled for co-located replicas only, not yet for disaggregated pools'
        : 'serving.autoscaling needs traffic.daily_profile: the 24 hourly shares the replicas follow',
      'serving.autoscaling',
    );
  const autoscaled = autoscaledFleet(scenario, {
    queriesPerSPerReplica: fleet.queriesPerSPerReplica,
    acceleratorsPerReplica: n,
    priceUsdPerHour: price,
    staticMonthlyCostUsd: fleet.provisionedMonthlyCostUsd,
    weightsBytes: best.weightsBytes,
    sloRatePerReplicaPerS:
      latency !== null && latency.replicasAddedForSlo > 0 ? latency.arrivalRatePerReplicaPerS : undefined,
  });
  const api =
    scenario.api_pricing === undefined
      ? null
      : apiComparison(scenario.api_pricing, levels, blended, fleet, {
          // Disaggregated: a decode replica with its share of prefill replicas.
          replicaUsdPerDay:
            24 *
            (n * pools.decode.price +
              (poolFleets?.prefillPerDecodeReplica ?? 0) * pools.prefill.accelerators * pools.prefill.price),
          replicasPerRequestPerDay:
            peakToAverage(traffic) / (SECONDS_PER_DAY * fleet.queriesPerSPerReplica * serving.utilization),
          minReplicas: serving.min_replicas ?? 1,
        });
  const warnings = words ? fieldWarnings(scenario, workload) : [];
  // A loop, not push(...): spreading an argument list is one of V8's slow calls, on every evaluation.
  if (words) for (const w of coldStartWarnings(scenario, autoscaled)) warnings.push(w);
  const crossing = crossingCollectives(best.rates);
  if (words) {
    const decodeCrossing =
      disagg === undefined
        ? crossingWarning('the replica', best.rates, hardware, crossing, 'the decode and prefill steps')
        : crossingWarning('the decode pool’s replica', best.rates, hardware, crossing, 'the decode steps');
    // The prefill pool's replica, on its own hardware, may span scale-up domains too.
    const prefill = disagg?.prefill;
    const prefillCrossing =
      prefill === undefined
        ? undefined
        : crossingWarning(
            'the prefill pool’s replica',
            prefill.best.rates,
            prefill.hardware,
            crossingCollectives(prefill.best.rates),
            'the prefill passes',
          );
    for (const w of [decodeCrossing, prefillCrossing]) if (w !== undefined) warnings.push(w);
  }
  // The chip's usual precision for these weights, in words: the assumptions say it; the table, unless pinned.
  const chipWhy = computePrecisionWhy(scenario);
  const deployment = {
    acceleratorsPerReplica: n,
    parallelism: best.rates.parallelism,
    parallelismLabel: parallelismLabel(best.rates.parallelism),
    parallelismChosen: scenario.serving.parallelism === undefined,
    computePrecision: precision,
    computePrecisionWhy:
      scenario.serving.compute_precision !== undefined ? 'set in the scenario: serving.compute_precision' : chipWhy,
    weightsBytes: best.weightsBytes,
    kvCacheBytesPerToken: kvBytesPerToken(model),
    kvCacheBudgetBytes: best.kvBudgetBytes,
    usableMemoryBytes: best.rates.usableMemoryBytes,
    batch: best.batch.batch,
    batchLimitedBy: best.batch.limitedBy,
    memoryBatch: best.batch.memoryBatch,
    meanContextTokens: workload.meanContextTokens,
    maxContextTokens: workload.maxContextTokens,
    decodeStepS: best.batch.step.seconds,
    decodeBound: best.batch.step.bound,
    decodeStepBytes: best.batch.step.bytes,
    decodeStepFlops: best.batch.step.flops,
    decodeStepBreakdown: best.batch.step.breakdown,
    expertsTouchedPerLayer: expectedDistinctExperts(split, best.batch.batch),
    prefillBound: (disagg?.prefill.best.pass ?? best.prefillStep).bound,
    prefillTokensPerS: 1 / pools.prefill.secondsPerToken,
    prefillChunkTokens: serving.prefill_chunk_tokens,
    prefillPassS: (disagg?.prefill.best.pass ?? best.prefillStep).seconds,
    prefillPassBreakdown: (disagg?.prefill.best.pass ?? best.prefillStep).breakdown,
    speculative: speculativeAt(ctx, best),
    prefixCache:
      scenario.traffic.prefix_cache === undefined && workload.prefillTokens === workload.inputTokens
        ? null
        : {
            cachedTokensPerQuery: workload.inputTokens - workload.prefillTokens,
            prefilledTokensPerQuery: workload.prefillTokens,
            sharedPrefixTokens: workload.sharedPrefixTokens,
          },
    crossesNodes: crossing.length > 0,
    candidates: !words
      ? []
      : tried.map((d): Candidate =>
          d.ok
            ? {
                acceleratorsPerReplica: d.rates.accelerators,
                parallelismLabel: parallelismLabel(d.rates.parallelism),
                feasible: true,
                batch: d.batch.batch,
                costPerQueryUsd: costAtTargetUsd(
                  d.replicaSecondsPerQuery,
                  d.rates.accelerators,
                  price,
                  serving.utilization,
                ),
                provisionedMonthlyCostUsd: monthlyRentalUsd(peakReplicas(scenario, d) * d.rates.accelerators, price),
              }
            : {
                acceleratorsPerReplica: d.accelerators,
                parallelismLabel: parallelismLabel(d.parallelism),
                feasible: false,
                reason: rejectionReason(d),
              },
        ),
  };
  const parametersChanged = errorRows === ERROR_ROWS && !atDefaultEfficiency(serving.efficiency);
  const result: SimulationResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    scenario:
      scenario.description === undefined
        ? { name: scenario.name }
        : { name: scenario.name, description: scenario.description },
    model: {
      name: model.name ?? 'custom model',
      totalParamsB: model.total_params_b,
      activeParamsB: model.active_params_b,
      moe: model.moe !== null,
    },
    hardware: {
      name: hardware.name ?? 'custom hardware',
      priceUsdPerHour: price,
      priceOffers: atOffers(hardware.name, price, blended.costPerQueryUsd),
    },
    deployment,
    disaggregation: poolFleets?.result ?? null,
    levels,
    blended,
    fleet,
    autoscaled,
    latency,
    api,
    budget: checkBudget(scenario.budget, { blended, fleet, latency }),
    assumptions: words ? assumptionsOf(scenario, precision, chipWhy, n, origins) : [],
    warnings,
    uncertainty: {
      low: band.low,
      high: band.high,
      comparableRows: band.comparableRows,
      widened: band.widened,
      rows: errorRows === ERROR_ROWS ? 'published' : 'own',
      parametersChanged,
      basis: words ? basisOf(band.comparableRows, band.widened, errorRows === ERROR_ROWS, parametersChanged) : '',
    },
  };
  if (!allFinite(result)) assertFinite(result, '', mostExtremeInput(scenario));
  return result;
}

/** What the range rests on, in words; each of its few variants built once (every evaluation states one). */
function basisOf(comparableRows: number, widened: boolean, published: boolean, parametersChanged: boolean): string {
  // comparableRows is a count of rows (0 … NEAREST_ROWS): with the three flags, a small integer.
  const key = comparableRows * 8 + (widened ? 4 : 0) + (published ? 2 : 0) + (parametersChanged ? 1 : 0);
  let basis = BASES.get(key);
  if (basis === undefined) {
    basis = `the 10th-90th percentile of the calculator's error on the ${NEAREST_ROWS} ${published ? 'published' : 'given calibration'} rows most like this deployment (${comparableRows} close${widened ? '; widened: few are' : ''})${parametersChanged ? '; measured at the default serving.efficiency, which this scenario changes (set calibration: to the runs it was fitted on)' : ''}; docs/methodology.md §10`;
    BASES.set(key, basis);
  }
  return basis;
}
const BASES = new Map<number, string>();

/** Speculative decoding at the chosen replica and batch, for the result (null: off). */
function speculativeAt(ctx: SizingContext, best: Deployment) {
  if (ctx.speculative === undefined) return null;
  const s = speculativeStepAt(ctx, best.rates, best.batch.batch);
  return {
    method: ctx.speculative.setting.method,
    draftTokens: ctx.speculative.setting.draft_tokens,
    acceptedTokensPerStep: s.tokensPerStep,
    verifyStepS: s.verifyS,
    draftS: s.draftS,
  };
}

/** One phase's replica: its time per token (prompt or output), size, price and board power. */
interface PhaseEconomics {
  readonly secondsPerToken: number;
  readonly accelerators: number;
  readonly price: number;
  readonly powerW: number | null | undefined;
}

/** Who serves each phase: the one replica (co-located), or each pool's (disaggregated). */
function phaseEconomics(
  best: Deployment,
  price: number,
  hardware: Scenario['hardware'],
  disagg: Disaggregated | undefined,
  inputTokens: number,
): { prefill: PhaseEconomics; decode: PhaseEconomics } {
  const n = best.rates.accelerators;
  const decode = {
    secondsPerToken: best.decodeSecondsPerToken,
    accelerators: n,
    price: disagg?.decode.priceUsdPerHour ?? price,
    powerW: (disagg?.decode.hardware ?? hardware).power_w,
  };
  if (disagg === undefined)
    return {
      prefill: { secondsPerToken: best.prefillSecondsPerToken, accelerators: n, price, powerW: hardware.power_w },
      decode,
    };
  const p = disagg.prefill;
  return {
    prefill: {
      secondsPerToken: p.best.replicaSecondsPerQuery / inputTokens,
      accelerators: p.best.rates.accelerators,
      price: p.priceUsdPerHour,
      powerW: p.hardware.power_w,
    },
    decode,
  };
}

/** Requests per second on average and at the peak: the one place a day's traffic becomes a rate. */
function requestRates(traffic: Scenario['traffic']) {
  const averageRequestsPerS = traffic.requests_per_day / SECONDS_PER_DAY;
  return { averageRequestsPerS, peakRequestsPerS: averageRequestsPerS * peakToAverage(traffic) };
}

/** The peak over the average: a daily profile's busiest hour (it replaces peak_to_average), else peak_to_average. */
function peakToAverage(traffic: Scenario['traffic']): number {
  return traffic.daily_profile === undefined ? traffic.peak_to_average : peakToAverageOf(traffic.daily_profile);
}

/**
 * Replicas that serve the peak at the utilisation target, at least `least` with traffic; a fleet without
 * traffic keeps only min_replicas.
 */
function replicasForPeak(
  peakRequestsPerS: number,
  queriesPerSPerReplica: number,
  serving: Scenario['serving'],
  least: number,
): number {
  return peakRequestsPerS === 0
    ? (serving.min_replicas ?? 0)
    : Math.max(least, Math.ceil(peakRequestsPerS / (queriesPerSPerReplica * serving.utilization)));
}

/** Both pools sized for the peak, and the fleet they make together. */
function disaggregatedFleet(scenario: Scenario, d: Disaggregated, atLeast = { prefill: 0, decode: 0 }) {
  const { traffic, serving } = scenario;
  const { averageRequestsPerS, peakRequestsPerS } = requestRates(traffic);
  const pool = (
    figures: Disaggregated['prefill'] | Disaggregated['decode'],
    rates: ReplicaRates,
    replicaSecondsPerQuery: number,
    least: number,
  ) => {
    const replicas = replicasForPeak(peakRequestsPerS, 1 / replicaSecondsPerQuery, serving, least);
    const accelerators = replicas * rates.accelerators;
    return {
      hardwareName: figures.hardware.name ?? 'custom hardware',
      priceUsdPerHour: figures.priceUsdPerHour,
      acceleratorsPerReplica: rates.accelerators,
      parallelismLabel: parallelismLabel(rates.parallelism),
      replicas,
      accelerators,
      replicaSecondsPerQuery,
      provisionedMonthlyCostUsd: monthlyRentalUsd(accelerators, figures.priceUsdPerHour),
    };
  };
  const p = d.prefill.best;
  const prefill = pool(d.prefill, p.rates, p.replicaSecondsPerQuery, Math.max(1, atLeast.prefill));
  const decode = pool(
    d.decode,
    d.decode.best.rates,
    d.decode.best.replicaSecondsPerQuery,
    Math.max(serving.min_replicas ?? 1, atLeast.decode),
  );
  const monthRequests = requestsPerMonth(traffic.requests_per_day);
  const provisionedMonthlyCostUsd = prefill.provisionedMonthlyCostUsd + decode.provisionedMonthlyCostUsd;
  const queriesPerSPerReplica = 1 / d.decode.best.replicaSecondsPerQuery;
  const fleet: FleetResult = {
    averageRequestsPerS,
    peakRequestsPerS,
    queriesPerSPerReplica,
    replicas: prefill.replicas + decode.replicas,
    accelerators: prefill.accelerators + decode.accelerators,
    provisionedMonthlyCostUsd,
    provisionedCostPerQueryUsd: monthRequests === 0 ? null : provisionedMonthlyCostUsd / monthRequests,
    averageUtilization: decode.replicas === 0 ? 0 : averageRequestsPerS / (decode.replicas * queriesPerSPerReplica),
  };
  const result: DisaggregationResult = {
    prefill: {
      ...prefill,
      boundBy: p.replicaSecondsPerQuery > p.computeSecondsPerQuery ? 'kv-transfer' : 'prefill',
    },
    decode: { ...decode, batch: d.decode.best.batch.batch },
    kvTransfer: {
      bytesPerQuery: p.transfer.bytesPerQuery,
      link: p.transfer.link,
      gbPerS: p.transfer.bytesPerS / 1e9,
      seconds: p.transfer.seconds,
    },
    prefillPerDecodeAccelerator: decode.accelerators === 0 ? 0 : prefill.accelerators / decode.accelerators,
  };
  // A decode replica's share of prefill replicas, for the break-even economics.
  const prefillPerDecodeReplica = p.replicaSecondsPerQuery / d.decode.best.replicaSecondsPerQuery;
  return { fleet, result, prefillPerDecodeReplica };
}

/** A replica whose collectives leave its scale-up domain, in words (undefined: none do). */
function crossingWarning(
  which: string,
  rates: ReplicaRates,
  hardware: Scenario['hardware'],
  crossing: readonly string[],
  pricedIn: string,
): string | undefined {
  if (crossing.length === 0) return undefined;
  const n = rates.accelerators;
  return `${which} of ${n} accelerators (${parallelismLabel(rates.parallelism)}) spans ${Math.ceil(n / hardware.accelerators_per_node)} scale-up domains of ${hardware.accelerators_per_node}: its ${crossing.join(' and ')} cross the scale-out network (${hardware.scale_out_gb_per_s} GB/s per accelerator), priced in ${pricedIn}`;
}

/** The collectives of a replica that leave its scale-up domain, in words. */
function crossingCollectives(rates: ReplicaRates): string[] {
  const out: string[] = [];
  if (rates.allReduce.crossesNodes) out.push('tensor-parallel all-reduces');
  if (rates.parallelism.data > 1 && rates.parallelism.expert === 1 && rates.moeAllReduce.crossesNodes)
    out.push('MoE all-reduces');
  if (rates.allToAll.crossesNodes) out.push('expert-parallel all-to-alls');
  if (rates.stageHop.crossesNodes) out.push('pipeline hops');
  return out;
}

/**
 * The fast check: an overflow anywhere reaches one of these figures (every
 * other number is derived from them); assertFinite then says where.
 */
/** The chip's listed prices, and the blended cost at the lowest and highest (cost is proportional to price). */
function atOffers(
  name: string | undefined,
  price: number,
  costPerQueryUsd: number,
): SimulationResult['hardware']['priceOffers'] {
  const offers = priceOffersOf(name);
  if (offers === null || price <= 0) return null;
  return {
    offers: offers.offers,
    kinds: offers.kinds,
    lowUsdPerHour: offers.lowUsdPerHour,
    highUsdPerHour: offers.highUsdPerHour,
    costPerQueryUsdAtLow: (costPerQueryUsd * offers.lowUsdPerHour) / price,
    costPerQueryUsdAtHigh: (costPerQueryUsd * offers.highUsdPerHour) / price,
  };
}

function allFinite(r: SimulationResult): boolean {
  const b = r.blended;
  const d = r.deployment;
  const f = r.fleet;
  return (
    Number.isFinite(
      b.costPerQueryUsd + b.latencyS + b.outputTokensPerSPerAccelerator + b.costPerMillionTokensUsd + b.monthlyCostUsd,
    ) &&
    Number.isFinite(
      d.usableMemoryBytes + d.kvCacheBudgetBytes + d.prefillTokensPerS + d.decodeStepBytes + d.decodeStepFlops,
    ) &&
    Number.isFinite(
      f.provisionedMonthlyCostUsd +
        f.queriesPerSPerReplica +
        f.averageUtilization +
        (f.provisionedCostPerQueryUsd ?? 0),
    ) &&
    r.levels.every((l) =>
      Number.isFinite(l.costPerQueryUsd + l.latencyS + l.outputTokensPerSPerAccelerator + (l.energyPerQueryWh ?? 0)),
    ) &&
    r.budget.every((c) => Number.isFinite(c.headroomPct)) &&
    (r.api === null || Number.isFinite(r.api.blendedCostPerQueryUsd + (r.api.selfHostedOverApi ?? 0)))
  );
}

/**
 * Inputs the schema accepts can still be so extreme (a price of 1e-320, a
 * bandwidth of 5e-324) that a figure overflows. Say so rather than print ∞.
 */
function assertFinite(value: unknown, path: string, culprit: ExtremeInput | undefined): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new InfeasibleError(
        culprit === undefined
          ? `the result's ${path} would be ${value}: an input is far outside any real deployment (a price, bandwidth, memory, efficiency or budget near 0 or near the largest number)`
          : `${culprit.value} is far outside any real deployment: the result's ${path} would not be a finite number`,
        culprit?.path,
      );
  } else if (Array.isArray(value)) value.forEach((v, i) => assertFinite(v, `${path}.${i}`, culprit));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) assertFinite(v, path ? `${path}.${k}` : k, culprit);
}

interface ExtremeInput {
  readonly path: string;
  readonly value: number;
}

/** The numeric input furthest from 1 in orders of magnitude: what made a result overflow, to name at its line. */
function mostExtremeInput(scenario: Scenario): ExtremeInput | undefined {
  const { traffic, hardware, reasoning } = scenario;
  const candidates: ExtremeInput[] = [
    { path: 'traffic.requests_per_day', value: traffic.requests_per_day },
    { path: 'traffic.peak_to_average', value: traffic.peak_to_average },
    { path: 'traffic.input_tokens', value: meanOf(traffic.input_tokens) },
    { path: 'traffic.output_tokens', value: meanOf(traffic.output_tokens) },
    { path: 'hardware.price_usd_per_hour', value: hardware.price_usd_per_hour ?? 1 },
    { path: 'hardware.memory_gb', value: hardware.memory_gb },
    { path: 'hardware.memory_bandwidth_tb_per_s', value: hardware.memory_bandwidth_tb_per_s },
    ...Object.entries(hardware.dense_tflops).map(([p, v]) => ({ path: `hardware.dense_tflops.${p}`, value: v ?? 1 })),
    ...Object.entries(reasoning.levels).map(([l, v]) => ({
      path: `reasoning.levels.${l}.thinking_tokens`,
      value: v === undefined ? 1 : meanOf(v.thinking_tokens),
    })),
  ];
  let worst: ExtremeInput | undefined;
  let worstOrders = 12; // within 10^±12 of 1 nothing overflows a double here
  for (const c of candidates) {
    const orders = c.value > 0 ? Math.abs(Math.log10(c.value)) : 0;
    if (orders > worstOrders) [worst, worstOrders] = [c, orders];
  }
  return worst === undefined ? undefined : { path: worst.path, value: worst.value };
}

function apiComparison(
  pricing: ApiPricing,
  levels: readonly QueryCost[],
  blended: QueryCost,
  fleet: FleetResult,
  economics: FleetEconomics,
): ApiComparison {
  const apiCost = (q: QueryCost) =>
    (q.inputTokens * pricing.input_usd_per_million_tokens + q.outputTokens * pricing.output_usd_per_million_tokens) /
    1e6;
  const blendedCostPerQueryUsd = apiCost(blended);
  const over = (x: number | null) => (blendedCostPerQueryUsd === 0 || x === null ? null : x / blendedCostPerQueryUsd);
  return {
    name: pricing.name,
    inputUsdPerMillionTokens: pricing.input_usd_per_million_tokens,
    outputUsdPerMillionTokens: pricing.output_usd_per_million_tokens,
    levels: levels.map((q) => ({ level: q.level, costPerQueryUsd: apiCost(q) })),
    blendedCostPerQueryUsd,
    selfHostedOverApi: over(fleet.provisionedCostPerQueryUsd),
    selfHostedAtTargetOverApi: over(blended.costPerQueryUsd),
    breakEven: breakEven(economics, blendedCostPerQueryUsd),
  };
}

/**
 * Where scaling to zero makes a day-wide TTFT percentile slower than a limit
 * the scenario sets on it (serving.slo or a budget, both checked at the peak).
 */
function coldStartWarnings(scenario: Scenario, autoscaled: AutoscaledFleet | null): string[] {
  if (autoscaled === null || autoscaled.coldStartRequestShare === 0) return [];
  const out: string[] = [];
  const limits = [
    ['serving.slo.ttft_ms', scenario.serving.slo?.ttft_ms],
    ['budget.max_ttft_ms', scenario.budget?.max_ttft_ms],
  ] as const;
  for (const [field, l] of limits)
    for (const p of PERCENTILES) {
      const limitMs = l?.[p];
      const floorS = autoscaled.coldStartTtftFloorS[p];
      if (limitMs !== undefined && floorS * 1000 > limitMs)
        out.push(
          `over the day, ${+(autoscaled.coldStartRequestShare * 100).toPrecision(3)}% of requests arrive while a replica starts from zero: TTFT ${p} is at least ${+floorS.toPrecision(3)} s from the cold starts alone, against ${field}.${p} = ${limitMs} ms (checked at the peak, when no replica is starting); keep min_replicas at 1 or more`,
        );
    }
  return out;
}

/**
 * Latency percentiles under load, when the scenario asks for them (percentile
 * SLOs or an arrival process) and has traffic; disaggregated pools each simulated (latency.ts).
 */
function latencyOf(
  scenario: Scenario,
  ctx: SizingContext,
  best: Deployment,
  fleet: FleetResult,
  disagg: Disaggregated | undefined,
  pools: DisaggregationResult | undefined,
): LatencyUnderLoad | null {
  const { serving, traffic, budget } = scenario;
  const gated = hasPercentileBudget(budget);
  if (serving.slo === undefined && traffic.arrival === undefined && !gated) return null;
  if (fleet.peakRequestsPerS <= 0) {
    if (gated)
      throw new InfeasibleError(
        'a percentile budget is checked on latencies under load, and traffic.requests_per_day is 0: give the traffic, or drop the percentile budgets',
        `budget.${PERCENTILE_BUDGETS.find((k) => budget?.[k] !== undefined)}`,
      );
    return null;
  }
  if (disagg !== undefined && pools !== undefined)
    return disaggregatedLatencyUnderLoad(
      scenario,
      disagg,
      fleet.peakRequestsPerS,
      pools.prefill.replicas,
      pools.decode.replicas,
    );
  return latencyUnderLoad(scenario, ctx, best, fleet.peakRequestsPerS, fleet.replicas);
}

/** The fleet for the peak; `atLeast`: replicas a percentile SLO needs (more than the peak sizing). */
function fleetOf(scenario: Scenario, best: Deployment, priceUsdPerHour: number, atLeast = 0): FleetResult {
  const { traffic } = scenario;
  const { averageRequestsPerS, peakRequestsPerS } = requestRates(traffic);
  const queriesPerSPerReplica = 1 / best.replicaSecondsPerQuery;
  const replicas = Math.max(atLeast, peakReplicas(scenario, best));
  const accelerators = replicas * best.rates.accelerators;
  const provisionedMonthlyCostUsd = monthlyRentalUsd(accelerators, priceUsdPerHour);
  const monthRequests = requestsPerMonth(traffic.requests_per_day);
  return {
    averageRequestsPerS,
    peakRequestsPerS,
    queriesPerSPerReplica,
    replicas,
    accelerators,
    provisionedMonthlyCostUsd,
    provisionedCostPerQueryUsd: monthRequests === 0 ? null : provisionedMonthlyCostUsd / monthRequests,
    averageUtilization: replicas === 0 ? 0 : averageRequestsPerS / (replicas * queriesPerSPerReplica),
  };
}

/** Replicas of this size that serve the scenario's peak at its utilisation target (at least min_replicas). */
function peakReplicas(scenario: Scenario, d: Deployment): number {
  const { serving } = scenario;
  return replicasForPeak(
    requestRates(scenario.traffic).peakRequestsPerS,
    1 / d.replicaSecondsPerQuery,
    serving,
    serving.min_replicas ?? 1,
  );
}

/** Warnings about the scenario's own fields (a fleet words these in its own terms: core/fleet.ts). */
export function fieldWarnings(scenario: Scenario, workload: Workload): string[] {
  const warnings: string[] = [];
  if (scenario.traffic.daily_profile !== undefined && scenario.traffic.peak_to_average !== 1)
    warnings.push(
      `traffic.peak_to_average ${scenario.traffic.peak_to_average} is ignored: traffic.daily_profile's busiest hour sets the peak (${+(24 * Math.max(...scenario.traffic.daily_profile)).toPrecision(4)}× the average)`,
    );
  if (scenario.traffic.requests_per_day === 0)
    warnings.push(
      'traffic.requests_per_day is 0: costs per query are for a replica that would be busy; the fleet is empty',
    );
  for (const l of workload.levels)
    if (l.share === 0)
      warnings.push(
        `reasoning.levels.${l.level}.share is 0: its row shows what such a query would cost, but it adds nothing to the blend`,
      );
  return warnings;
}

function infeasiblePath(tried: readonly (Deployment | Rejection)[], pinned: boolean): string {
  const last = tried[tried.length - 1];
  if (last === undefined || last.ok) return 'model';
  switch (last.reason) {
    case 'weights':
    case 'kv-cache':
      // A pinned replica size is what failed; otherwise the precision is the first thing to change.
      return pinned ? 'serving.accelerators_per_replica' : 'model.weight_precision';
    case 'time-per-output-token':
      return 'serving.max_time_per_output_token_ms';
    case 'time-to-first-token':
      return 'serving.max_time_to_first_token_ms';
  }
}

/** Why the replica computes at its precision (core/requirements.ts), for the assumptions and the table. */
function computePrecisionWhy(scenario: Scenario): string {
  const { weight_precision: weight, activation_precision: activation } = scenario.model;
  const choice = defaultComputePrecision(weight, scenario.hardware.dense_tflops, activation);
  return choice === undefined
    ? 'the weight precision, or the next wider one the hardware has'
    : precisionWhy(choice, weight, activation);
}

/**
 * The efficiency parameters in schema order and their paths, taken from the
 * first validated scenario seen (every one has all of them, in that order) and
 * built once: simulate runs millions of times in a sweep, and importing the
 * zod schema here would load zod on the start-up path of `simulate`.
 */
type EfficiencyKey = keyof Scenario['serving']['efficiency'];
let EFFICIENCY_KEYS: readonly EfficiencyKey[] = [];
let EFFICIENCY_PATHS: readonly string[] = [];
function efficiencyKeys(efficiency: Scenario['serving']['efficiency']): readonly EfficiencyKey[] {
  if (EFFICIENCY_KEYS.length === 0) {
    EFFICIENCY_KEYS = Object.keys(efficiency) as EfficiencyKey[];
    EFFICIENCY_PATHS = EFFICIENCY_KEYS.map((k) => `serving.efficiency.${k}`);
  }
  return EFFICIENCY_KEYS;
}

/** Whether every step-model parameter is its default (what the shipped rows' error was measured with). */
function atDefaultEfficiency(efficiency: Scenario['serving']['efficiency']): boolean {
  // The same object across a sweep's points unless an axis changes it: asked once per object.
  let at = AT_DEFAULT.get(efficiency);
  if (at === undefined) AT_DEFAULT.set(efficiency, (at = compareToDefault(efficiency)));
  return at;
}

const AT_DEFAULT = new WeakMap<Scenario['serving']['efficiency'], boolean>();

function compareToDefault(efficiency: Scenario['serving']['efficiency']): boolean {
  return efficiencyKeys(efficiency).every((k) => efficiency[k] === DEFAULT_EFFICIENCY[k]);
}

/**
 * The step model's parameters: each one the scenario set on its own line, the
 * rest as one line (all 15 on a line each would bury the inputs that matter;
 * their values and sources are in docs/methodology.md §8 and `infercost schema`).
 */
function efficiencyAssumptions(
  efficiency: Scenario['serving']['efficiency'],
  origins: Origins,
  list: Assumption[],
): void {
  const start = list.length;
  const keys = efficiencyKeys(efficiency);
  for (let i = 0; i < keys.length; i++) {
    const path = EFFICIENCY_PATHS[i] as string;
    const origin = origins.get(path);
    if (origin !== undefined) list.push({ path, value: efficiency[keys[i] as EfficiencyKey], origin });
  }
  const set = list.length - start;
  const rest = keys.length - set;
  if (rest > 0)
    list.push({
      path: 'serving.efficiency',
      value: set === 0 ? 'all defaults' : `${rest} more at their defaults`,
      origin: 'default: docs/methodology.md §8 (values and sources)',
    });
}

function assumptionsOf(
  scenario: Scenario,
  precision: Precision,
  chipWhy: string,
  accelerators: number,
  origins: Origins,
): Assumption[] {
  const { model, hardware, serving, reasoning, traffic } = scenario;
  const entry = (path: string, value: string | number, fallback = 'default'): Assumption => ({
    path,
    value,
    origin: origins.get(path) ?? fallback,
  });
  const list: Assumption[] = [
    entry('model.weight_precision', model.weight_precision),
    entry('model.kv_cache_precision', model.kv_cache_precision),
    entry('serving.compute_precision', precision, `calculator: ${chipWhy}`),
    entry('serving.accelerators_per_replica', accelerators, 'calculator: the cheapest count that fits'),
    entry('hardware.price_usd_per_hour', hardware.price_usd_per_hour ?? 0),
    entry('hardware.memory_gb', hardware.memory_gb),
    entry('hardware.memory_bandwidth_tb_per_s', hardware.memory_bandwidth_tb_per_s),
    entry(`hardware.dense_tflops.${precision}`, hardware.dense_tflops[precision] ?? 0),
    entry('serving.max_batch', serving.max_batch),
    entry('serving.prefill_chunk_tokens', serving.prefill_chunk_tokens),
    entry('serving.utilization', serving.utilization),
  ];
  efficiencyAssumptions(serving.efficiency, origins, list);
  list.push(
    entry('hardware.scale_up_gb_per_s', hardware.scale_up_gb_per_s),
    entry('hardware.scale_out_gb_per_s', hardware.scale_out_gb_per_s),
    entry('hardware.accelerators_per_node', hardware.accelerators_per_node),
    entry('reasoning.compression', reasoning.compression),
    entry('traffic.peak_to_average', traffic.peak_to_average),
  );
  const cache = traffic.prefix_cache;
  if (cache?.shared_prefix_tokens !== undefined && cache.hit_rate !== undefined)
    list.push(
      entry('traffic.prefix_cache.shared_prefix_tokens', cache.shared_prefix_tokens),
      entry('traffic.prefix_cache.hit_rate', cache.hit_rate),
    );
  if (cache?.cached_input_share !== undefined)
    list.push(entry('traffic.prefix_cache.cached_input_share', cache.cached_input_share));
  // A chip measured unlike the reference chips (its share of spec, its MMA tile): its rates are scaled (core/replica.ts).
  if (hardware.gemm_fraction_of_peak !== undefined)
    list.push(entry('hardware.gemm_fraction_of_peak', hardware.gemm_fraction_of_peak));
  if (hardware.memory_fraction_of_peak !== undefined)
    list.push(entry('hardware.memory_fraction_of_peak', hardware.memory_fraction_of_peak));
  if (hardware.mma_tile_rows !== undefined) list.push(entry('hardware.mma_tile_rows', hardware.mma_tile_rows));
  if (serving.max_concurrency !== undefined) list.push(entry('serving.max_concurrency', serving.max_concurrency));
  if (serving.max_time_per_output_token_ms !== undefined)
    list.push(entry('serving.max_time_per_output_token_ms', serving.max_time_per_output_token_ms));
  if (serving.max_time_to_first_token_ms !== undefined)
    list.push(entry('serving.max_time_to_first_token_ms', serving.max_time_to_first_token_ms));
  scenario.extra_factors.forEach((f, i) =>
    list.push({
      path: `extra_factors.${i}`,
      value: `${f.name}: ${f.phase} time × ${f.time_ratio}`,
      origin: `ASSUMPTION, not modelled${f.source ? `: ${f.source}` : ''}`,
    }),
  );
  return list;
}

function round(x: number): number {
  return Math.round(x);
}
