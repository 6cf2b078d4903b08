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
import { percentileOf, simulateQueue, type QueueModel, type QueueRun, type RequestDraw } from './queueing.js';
import type { Disaggregated } from './disaggregation.js';
import type { ReplicaRates } from './replica.js';
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
  /** Replicas the SLOs needed beyond the peak sizing (0: none); disaggregated: of the decode pool. */
  readonly replicasAddedForSlo: number;
  /**
   * Disaggregated pools: the prefill pool's replicas in the run, its arrival
   * rate per replica and what the SLOs added; null co-located.
   */
  readonly prefillPool: {
    readonly replicas: number;
    readonly arrivalRatePerReplicaPerS: number;
    readonly replicasAddedForSlo: number;
    /** The KV cache's transfer of the mean prompt, in every request's TTFT, s. */
    readonly kvTransferS: number;
  } | null;
}

/** Prefill pass times for the rest of a prompt batch are cached at this granularity (tokens). */
const REST_BUCKET_TOKENS = 16;
/** How far the replica count may grow for percentile SLOs before the scenario is called infeasible. */
const MAX_SLO_REPLICA_FACTOR = 64;

/**
 * Seconds to prefill the prompts admitted together, `tokens` in all: full
 * passes of `prefill_chunk_tokens` at `passS` each, the rest priced by its own
 * pass (cached at REST_BUCKET_TOKENS).
 */
function prefillTimer(scenario: Scenario, ctx: SizingContext, rates: ReplicaRates, passS: number) {
  const chunk = scenario.serving.prefill_chunk_tokens;
  const attended = ctx.workload.prefillAttendedTokens;
  const restCache = new Map<number, number>();
  const rest = (tokens: number) => {
    const bucket = Math.ceil(tokens / REST_BUCKET_TOKENS) * REST_BUCKET_TOKENS;
    let s = restCache.get(bucket);
    if (s === undefined)
      restCache.set(bucket, (s = prefillStep(scenario.model, ctx.split, rates, bucket, attended).seconds));
    return s;
  };
  return (tokens: number): number => {
    const full = Math.floor(tokens / chunk);
    const left = tokens - full * chunk;
    return full * passS + (left > 0 ? rest(left) : 0);
  };
}

/** The scheduler model of one replica of `best` at `ratePerS` arrivals a second. */
export function queueModelOf(scenario: Scenario, ctx: SizingContext, best: Deployment, ratePerS: number): QueueModel {
  const { model } = scenario;
  const { workload, split } = ctx;
  const rates = best.rates;
  // The request mix: reasoning levels by share, prompt cases (prefix cache) by share.
  const levels = workload.levels.filter((l) => l.share > 0);
  const cases = workload.promptCases.filter((c) => c.share > 0);
  const pick = (xs: readonly { share: number }[], u: number): number => {
    let acc = 0;
    for (let i = 0; i < xs.length; i++) {
      acc += (xs[i] as { share: number }).share;
      if (u < acc) return i;
    }
    return xs.length - 1;
  };
  const levelTotal = levels.reduce((s, l) => s + l.share, 0);
  const caseTotal = cases.reduce((s, c) => s + c.share, 0);
  const draws = workload.draws;
  // Without length distributions a request is one of levels × prompt cases: each made once.
  const fixed =
    draws === null
      ? levels.map((l) =>
          cases.map((c) => ({ prefillTokens: c.prefillTokens, outputTokens: Math.round(l.outputTokens) })),
        )
      : null;
  return {
    arrivalRatePerS: ratePerS,
    arrivalCv: arrivalOf(scenario).cv,
    maxBatch: best.batch.batch,
    stepS: (b) =>
      ctx.speculative === undefined
        ? decodeStep(model, split, rates, b, workload.meanContextTokens).seconds
        : speculativeStepAt(ctx, rates, b).step.seconds,
    tokensPerStep: best.batch.tokensPerStep,
    prefillS: prefillTimer(scenario, ctx, rates, best.prefillStep.seconds),
    draw: (random) => {
      const l = pick(levels, random() * levelTotal);
      const k = pick(cases, random() * caseTotal);
      if (fixed !== null) return (fixed[l] as RequestDraw[])[k] as RequestDraw;
      const level = levels[l] as (typeof levels)[number];
      const c = cases[k] as (typeof cases)[number];
      // Lengths drawn from the scenario's distributions; the prefix cache keeps its share of the prompt.
      const d = (draws as NonNullable<typeof draws>).draw(level.level, random);
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
 * The run at `replicas`, or with `search` the fewest replicas (at least
 * `replicas`) at which every check holds: doubling, then bisection. A located
 * error when even MAX_SLO_REPLICA_FACTOR × as many cannot.
 */
function fewestReplicas(
  replicas: number,
  runAt: (n: number) => QueueRun,
  checks: (run: QueueRun) => SloCheck[],
  search: boolean,
  pool = '',
): { n: number; run: QueueRun } {
  const holds = (r: QueueRun) => checks(r).every((c) => c.pass);
  let n = Math.max(1, replicas);
  let run = runAt(n);
  if (!search || holds(run)) return { n, run };
  let lo = n;
  let hi = n;
  let hiRun = run;
  while (!holds(hiRun)) {
    lo = hi;
    hi *= 2;
    if (hi > Math.max(1, replicas) * MAX_SLO_REPLICA_FACTOR) {
      const failed = checks(hiRun).filter((c) => !c.pass);
      throw new InfeasibleError(
        `the percentile SLOs cannot hold even with ${MAX_SLO_REPLICA_FACTOR}× the ${pool}replicas: ` +
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
  return { n, run };
}

/** The arrival process as simulated: Poisson (cv 1) unless the scenario sets gamma gaps. */
function arrivalOf(scenario: Scenario): LatencyUnderLoad['arrival'] {
  const a = scenario.traffic.arrival;
  return { process: a?.process ?? 'poisson', cv: a?.process === 'gamma' ? (a.cv ?? 1) : 1 };
}

/** The figures of a run at `n` replicas (`peakSized` of them for the peak alone). */
function underLoad(
  scenario: Scenario,
  run: QueueRun,
  peakRequestsPerS: number,
  n: number,
  peakSized: number,
  batchCap: number,
  prefillPool: LatencyUnderLoad['prefillPool'],
): LatencyUnderLoad {
  const slo = scenario.serving.slo;
  return {
    arrivalRatePerReplicaPerS: peakRequestsPerS / Math.max(1, n),
    arrival: arrivalOf(scenario),
    requests: run.requests,
    replicas: n,
    meanBatch: run.meanBatch,
    batchCap,
    timeToFirstTokenS: percentiles(run.ttftS),
    timePerOutputTokenS: percentiles(run.tpotS),
    endToEndS: percentiles(run.e2eS),
    goodput: slo === undefined ? null : goodputOf(slo, run),
    slo: checksOf(slo, run),
    replicasAddedForSlo: n - Math.max(1, peakSized),
    prefillPool,
  };
}

/**
 * Percentiles at the peak with `replicas`; with SLOs, the fewest replicas (at
 * least `replicas`) at which every one holds (fewestReplicas).
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
  const { n, run } = fewestReplicas(
    replicas,
    runAt,
    (r) => checksOf(slo, r),
    slo !== undefined && peakRequestsPerS > 0,
  );
  return underLoad(scenario, run, peakRequestsPerS, n, replicas, best.batch.batch, null);
}

/**
 * Disaggregated pools (core/disaggregation.ts): the prefill pool and the
 * decode pool each simulated as above at their own share of the peak. A
 * prefill replica takes the prompts waiting, prefills them together in
 * passes and hands each one on (its first token); the mean prompt's KV
 * transfer follows. A decode replica admits the sequences arriving (their
 * prompts already prefilled) into its batch and decodes them; arrivals at
 * it are taken as Poisson at its share of the peak (a queue's departures are
 * smoother, so this errs slow). Request i of both runs is the same draw of
 * lengths: TTFT = its prefill-side TTFT + the transfer, end to end = TTFT + its
 * time on the decode side (waiting for a slot, then its steps), TPOT = that
 * decode-side time over its tokens after the first. With SLOs the prefill pool
 * grows until every TTFT limit holds, then the decode pool until the rest do.
 */
export function disaggregatedLatencyUnderLoad(
  scenario: Scenario,
  d: Disaggregated,
  peakRequestsPerS: number,
  prefillReplicas: number,
  decodeReplicas: number,
): LatencyUnderLoad {
  const slo = scenario.serving.slo;
  const search = slo !== undefined && peakRequestsPerS > 0;
  const p = d.prefill.best;
  const prefillS = prefillTimer(scenario, d.decode.ctx, p.rates, p.pass.seconds);
  // A prefill replica holds the KV cache of the prompts it prefills together until they are sent.
  const promptKvBytes = p.transfer.bytesPerQuery;
  const prefillBatch = Math.max(
    1,
    Math.floor((p.rates.usableMemoryBytes - p.weightsBytes) / Math.max(1, promptKvBytes)),
  );
  const base = (rate: number) => queueModelOf(scenario, d.decode.ctx, d.decode.best, rate);
  const prefillRun = (n: number) => {
    const m = base(peakRequestsPerS / Math.max(1, n));
    return simulateQueue({
      ...m,
      maxBatch: prefillBatch,
      prefillS,
      // The prefill side ends at the first token.
      draw: (random) => ({ ...m.draw(random), outputTokens: 1 }),
    });
  };
  const decodeRun = (n: number) => simulateQueue({ ...base(peakRequestsPerS / Math.max(1, n)), prefillS: () => 0 });
  const transferS = p.transfer.seconds;
  const combine = (pre: QueueRun, dec: QueueRun): QueueRun => {
    const requests = Math.min(pre.requests, dec.requests);
    const ttftS = new Float64Array(requests);
    const tpotS = new Float64Array(requests);
    const e2eS = new Float64Array(requests);
    for (let i = 0; i < requests; i++) {
      const first = (pre.ttftS[i] as number) + transferS;
      const decodeS = dec.e2eS[i] as number;
      const decodeTpot = dec.tpotS[i] as number;
      // Its tokens after the first: (decode time − slot wait) / the decode side's TPOT.
      const steps = decodeTpot > 0 ? (decodeS - (dec.ttftS[i] as number)) / decodeTpot : 0;
      ttftS[i] = first;
      tpotS[i] = steps > 0 ? decodeS / steps : 0;
      e2eS[i] = first + decodeS;
    }
    return { requests, ttftS, tpotS, e2eS, meanBatch: dec.meanBatch };
  };
  const ttftOnly: Slo | undefined = slo?.ttft_ms === undefined ? undefined : { ttft_ms: slo.ttft_ms };
  // The prefill pool for the TTFT limits (the decode side does not enter TTFT).
  const firstDecode = decodeRun(decodeReplicas);
  const pre = fewestReplicas(
    prefillReplicas,
    (n) => combine(prefillRun(n), firstDecode),
    (r) => checksOf(ttftOnly, r),
    search && ttftOnly !== undefined,
    'prefill ',
  );
  const prefillAlone = prefillRun(pre.n);
  // Then the decode pool for the others.
  const dec = fewestReplicas(
    decodeReplicas,
    (n) => combine(prefillAlone, n === decodeReplicas ? firstDecode : decodeRun(n)),
    (r) => checksOf(slo, r),
    search,
    'decode ',
  );
  return underLoad(scenario, dec.run, peakRequestsPerS, dec.n, decodeReplicas, d.decode.best.batch.batch, {
    replicas: pre.n,
    arrivalRatePerReplicaPerS: peakRequestsPerS / Math.max(1, pre.n),
    replicasAddedForSlo: pre.n - Math.max(1, prefillReplicas),
    kvTransferS: transferS,
  });
}
