/**
 * Latency percentiles under load: the replica simulate chose, fed to the
 * scheduler simulation of core/queueing.ts at the peak arrival rate per
 * replica, with its own step times (decode at each batch, prefill of the
 * prompts admitted together) and the scenario's mix of prompts and answers.
 * With percentile SLOs (`serving.slo`), the fewest replicas at which every
 * one holds at the peak; goodput is the share of requests within all of them.
 */
import { InfeasibleError } from '../errors.js';
import { PERCENTILES, type PercentileKey } from '../scenario/percentiles.js';
import type { Scenario, Slo } from '../scenario/schema.js';
import { speculativeStepAt, type Deployment, type SizingContext } from './deployment.js';
import { percentileOf, simulateQueue, type QueueModel, type QueueRun } from './queueing.js';
import { decodeStep, prefillStep } from './steps.js';

export type Percentiles = Readonly<Record<PercentileKey, number>>;

export interface SloCheck {
  readonly metric: keyof Slo;
  readonly percentile: PercentileKey;
  readonly limitMs: number;
  readonly actualMs: number;
  readonly pass: boolean;
}

export interface LatencyUnderLoad {
  /** Requests per second one replica receives at the peak. */
  readonly arrivalRatePerReplicaPerS: number;
  readonly arrival: { readonly process: 'poisson' | 'gamma'; readonly cv: number };
  /** Requests whose latencies the percentiles are over (after the warm-up). */
  readonly requests: number;
  /** Replicas serving the peak in this run (the fleet's). */
  readonly replicas: number;
  /** Mean decode batch over the run (the deployment's batch is its cap). */
  readonly meanBatch: number;
  readonly batchCap: number;
  readonly timeToFirstTokenS: Percentiles;
  readonly timePerOutputTokenS: Percentiles;
  readonly endToEndS: Percentiles;
  /** Share of requests within every SLO limit (each metric's loosest), null without SLOs. */
  readonly goodput: number | null;
  readonly slo: readonly SloCheck[];
  /** Replicas the SLOs needed beyond the peak sizing (0: none). */
  readonly replicasAddedForSlo: number;
}

/** Prefill pass times for the rest of a prompt batch are cached at this granularity (tokens). */
const REST_BUCKET_TOKENS = 16;
/** How far the replica count may grow for percentile SLOs before the scenario is called infeasible. */
const MAX_SLO_REPLICA_FACTOR = 64;

/** The scheduler model of one replica of `best` at `ratePerS` arrivals a second. */
export function queueModelOf(scenario: Scenario, ctx: SizingContext, best: Deployment, ratePerS: number): QueueModel {
  const { model, serving, traffic } = scenario;
  const { workload, split } = ctx;
  const rates = best.rates;
  const chunk = serving.prefill_chunk_tokens;
  const pass = best.prefillStep.seconds;
  const attended = workload.prefillAttendedTokens;
  const restCache = new Map<number, number>();
  const rest = (tokens: number) => {
    const bucket = Math.ceil(tokens / REST_BUCKET_TOKENS) * REST_BUCKET_TOKENS;
    let s = restCache.get(bucket);
    if (s === undefined) restCache.set(bucket, (s = prefillStep(model, split, rates, bucket, attended).seconds));
    return s;
  };
  // The request mix: reasoning levels by share, prompt cases (prefix cache) by share.
  const levels = workload.levels.filter((l) => l.share > 0);
  const cases = workload.promptCases.filter((c) => c.share > 0);
  const pick = <T extends { share: number }>(xs: readonly T[], u: number): T => {
    let acc = 0;
    for (const x of xs) {
      acc += x.share;
      if (u < acc) return x;
    }
    return xs[xs.length - 1] as T;
  };
  const levelTotal = levels.reduce((s, l) => s + l.share, 0);
  const caseTotal = cases.reduce((s, c) => s + c.share, 0);
  const arrival = traffic.arrival;
  return {
    arrivalRatePerS: ratePerS,
    arrivalCv: arrival?.process === 'gamma' ? (arrival.cv ?? 1) : 1,
    maxBatch: best.batch.batch,
    stepS: (b) =>
      ctx.speculative === undefined
        ? decodeStep(model, split, rates, b, workload.meanContextTokens).seconds
        : speculativeStepAt(ctx, rates, b).step.seconds,
    tokensPerStep: best.batch.tokensPerStep,
    prefillS: (tokens) => {
      const full = Math.floor(tokens / chunk);
      const left = tokens - full * chunk;
      return full * pass + (left > 0 ? rest(left) : 0);
    },
    draw: (random) => {
      const level = pick(levels, random() * levelTotal);
      const c = pick(cases, random() * caseTotal);
      const draws = workload.draws;
      if (draws === null) return { prefillTokens: c.prefillTokens, outputTokens: Math.round(level.outputTokens) };
      // Lengths drawn from the scenario's distributions; the prefix cache keeps its share of the prompt.
      const d = draws.draw(level.level, random);
      return {
        prefillTokens: Math.max(1, (d.input * c.prefillTokens) / workload.inputTokens),
        outputTokens: Math.max(1, Math.round(d.output)),
      };
    },
  };
}

function percentiles(values: Float64Array): Percentiles {
  return {
    p50: percentileOf(values, 0.5),
    p90: percentileOf(values, 0.9),
    p95: percentileOf(values, 0.95),
    p99: percentileOf(values, 0.99),
  };
}

const FIGURES = { ttft_ms: 'ttftS', tpot_ms: 'tpotS', e2e_ms: 'e2eS' } as const;

function checksOf(slo: Slo | undefined, run: QueueRun): SloCheck[] {
  if (slo === undefined) return [];
  const out: SloCheck[] = [];
  for (const metric of Object.keys(FIGURES) as (keyof Slo)[]) {
    const limits = slo[metric];
    if (limits === undefined) continue;
    for (const percentile of PERCENTILES) {
      const limitMs = limits[percentile];
      if (limitMs === undefined) continue;
      const actualMs = percentileOf(run[FIGURES[metric]], Number(percentile.slice(1)) / 100) * 1000;
      out.push({ metric, percentile, limitMs, actualMs, pass: actualMs <= limitMs });
    }
  }
  return out;
}

/** Share of requests within every metric's loosest limit. */
function goodputOf(slo: Slo, run: QueueRun): number {
  const loosest = (metric: keyof Slo) => {
    const l = slo[metric];
    return l === undefined ? Infinity : Math.max(...PERCENTILES.map((p) => l[p] ?? -Infinity)) / 1000;
  };
  const [ttft, tpot, e2e] = [loosest('ttft_ms'), loosest('tpot_ms'), loosest('e2e_ms')];
  let good = 0;
  for (let i = 0; i < run.requests; i++)
    if ((run.ttftS[i] as number) <= ttft && (run.tpotS[i] as number) <= tpot && (run.e2eS[i] as number) <= e2e) good++;
  return run.requests === 0 ? 1 : good / run.requests;
}

/**
 * Percentiles at the peak with `replicas`; with SLOs, the fewest replicas (at
 * least `replicas`) at which every one holds: doubling, then bisection. A
 * located error when even MAX_SLO_REPLICA_FACTOR × as many cannot.
 */
export function latencyUnderLoad(
  scenario: Scenario,
  ctx: SizingContext,
  best: Deployment,
  peakRequestsPerS: number,
  replicas: number,
): LatencyUnderLoad {
  const slo = scenario.serving.slo;
  const runAt = (n: number) => simulateQueue(queueModelOf(scenario, ctx, best, peakRequestsPerS / Math.max(1, n)));
  const holds = (run: QueueRun) => checksOf(slo, run).every((c) => c.pass);
  let n = Math.max(1, replicas);
  let run = runAt(n);
  if (slo !== undefined && !holds(run) && peakRequestsPerS > 0) {
    let lo = n;
    let hi = n;
    let hiRun = run;
    while (!holds(hiRun)) {
      lo = hi;
      hi *= 2;
      if (hi > Math.max(1, replicas) * MAX_SLO_REPLICA_FACTOR) {
        const failed = checksOf(slo, hiRun).filter((c) => !c.pass);
        throw new InfeasibleError(
          `the percentile SLOs cannot hold even with ${MAX_SLO_REPLICA_FACTOR}× the replicas: ` +
            failed
              .map((c) => `${c.metric} ${c.percentile} ${+c.actualMs.toPrecision(3)} ms against ${c.limitMs} ms`)
              .join(', ') +
            ' (at light load a request still waits for its prompt and its steps: a faster replica, a smaller batch or a looser limit)',
          'serving.slo',
        );
      }
      hiRun = runAt(hi);
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      const midRun = runAt(mid);
      if (holds(midRun)) [hi, hiRun] = [mid, midRun];
      else lo = mid;
    }
    n = hi;
    run = hiRun;
  }
  const arrival = scenario.traffic.arrival;
  return {
    arrivalRatePerReplicaPerS: peakRequestsPerS / Math.max(1, n),
    arrival: { process: arrival?.process ?? 'poisson', cv: arrival?.process === 'gamma' ? (arrival.cv ?? 1) : 1 },
    requests: run.requests,
    replicas: n,
    meanBatch: run.meanBatch,
    batchCap: best.batch.batch,
    timeToFirstTokenS: percentiles(run.ttftS),
    timePerOutputTokenS: percentiles(run.tpotS),
    endToEndS: percentiles(run.e2eS),
    goodput: slo === undefined ? null : goodputOf(slo, run),
    slo: checksOf(slo, run),
    replicasAddedForSlo: n - Math.max(1, replicas),
  };
}
