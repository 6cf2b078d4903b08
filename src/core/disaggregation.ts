/**
 * Disaggregated prefill and decode (serving.disaggregation; docs/methodology.md
 * §6, "Disaggregated prefill and decode"): prompts are prefilled on one pool of
 * replicas and decoded on another (DistServe, Zhong et al., OSDI 2024,
 * arXiv:2401.09670; SGLang PD disaggregation; NVIDIA Dynamo), each pool with
 * its own hardware, parallelism and replica size.
 *
 * - The decode pool is sized as a co-located replica without prefill work:
 *   the largest batch its memory, max_batch and the TPOT target allow; it
 *   spends (output tokens × step / batch) per query.
 * - The prefill pool holds the weights and the KV cache of the prompts of one
 *   pass (they stay until sent); it spends (prompt tokens × pass interval /
 *   chunk) per query, or the KV transfer's link time if that is longer (its
 *   links then bound its throughput).
 * - Each prompt's KV cache (prompt tokens × KV bytes per token) moves from its
 *   prefill replica to a decode replica: over the scale-up link when both
 *   replicas sit in one scale-up domain of the same hardware (an NVL72 rack),
 *   else over the scale-out network, each accelerator's NIC carrying its share
 *   (the narrower replica bounds it; Mooncake / NIXL RDMA transfers). TTFT is
 *   the prompt's prefill alone plus its transfer.
 */
import { InfeasibleError } from '../errors.js';
import type { Precision } from '../scenario/precision.js';
import type { Hardware, Pool, Scenario } from '../scenario/schema.js';
import { kvBytesPerToken, replicaWeightsBytes } from './architecture.js';
import { prefillOf, sizingContext, type Deployment, type Rejection, type SizingContext } from './deployment.js';
import { parallelismLabel, type Parallelism } from './parallelism.js';
import { replicaRates, type ReplicaRates } from './replica.js';
import { candidateCounts, cheaperPerQuery, chooseDeployment, layoutsOf } from './replica-choice.js';
import { requireFigures } from './requirements.js';
import type { StepTime } from './steps.js';
import type { Workload } from './workload.js';

const GIGA = 1e9;
const MICRO = 1e-6;

export type PoolPhase = 'prefill' | 'decode';

export interface PoolFigures {
  readonly scenario: Scenario;
  readonly hardware: Hardware;
  readonly computePrecision: Precision;
  readonly priceUsdPerHour: number;
}

export interface KvTransfer {
  readonly bytesPerQuery: number;
  readonly link: 'scale-up' | 'scale-out';
  /** Bytes per second between the two replicas, after link efficiency. */
  readonly bytesPerS: number;
  /** One prompt's transfer: latency + bytes / bandwidth, s. */
  readonly seconds: number;
}

export interface PrefillReplica {
  readonly ok: true;
  readonly rates: ReplicaRates;
  readonly weightsBytes: number;
  readonly pass: StepTime;
  /** One prompt prefilled alone, s. */
  readonly promptAloneS: number;
  /** Replica time per query for the arithmetic, and for the transfer's link, s. */
  readonly computeSecondsPerQuery: number;
  readonly transfer: KvTransfer;
  /** The larger of the two: what one query occupies a prefill replica for. */
  readonly replicaSecondsPerQuery: number;
  readonly timeToFirstTokenS: number;
}

export interface PrefillRejection {
  readonly ok: false;
  readonly accelerators: number;
  readonly parallelism: Parallelism;
  readonly reason: string;
}

export interface Disaggregated {
  readonly prefill: PoolFigures & {
    readonly best: PrefillReplica;
    readonly tried: readonly (PrefillReplica | PrefillRejection)[];
  };
  readonly decode: PoolFigures & {
    readonly best: Deployment;
    readonly tried: readonly (Deployment | Rejection)[];
    /** What the decode replica was sized with (its speculative decoding among it). */
    readonly ctx: SizingContext;
  };
}

/** The scenario a pool serves: its own hardware, parallelism and replica size where it sets them. */
function poolScenario(scenario: Scenario, pool: Pool): Scenario {
  const { parallelism, accelerators_per_replica, disaggregation: _, ...serving } = scenario.serving;
  const own = pool.hardware !== undefined;
  const layout = pool.parallelism ?? (own ? undefined : parallelism);
  const count = pool.accelerators_per_replica ?? (own ? undefined : accelerators_per_replica);
  return {
    ...scenario,
    hardware: pool.hardware ?? scenario.hardware,
    serving: {
      ...serving,
      ...(layout === undefined ? {} : { parallelism: layout }),
      ...(count === undefined ? {} : { accelerators_per_replica: count }),
    },
  };
}

/** Precision and price of a pool; a missing one is an error at the pool's own field when it has its own hardware. */
function figuresOf(scenario: Scenario, pool: Pool, phase: PoolPhase): PoolFigures {
  const s = poolScenario(scenario, pool);
  try {
    const f = requireFigures(s);
    return {
      scenario: s,
      hardware: s.hardware,
      computePrecision: f.computePrecision,
      priceUsdPerHour: f.priceUsdPerHour,
    };
  } catch (e) {
    if (!(e instanceof InfeasibleError) || pool.hardware === undefined || e.path === undefined) throw e;
    // The pool's own fields, named as the user wrote them.
    throw new InfeasibleError(
      e.message.replace(/(?<![\w.])hardware\./g, `serving.disaggregation.${phase}.hardware.`),
      `serving.disaggregation.${phase}.${e.path}`,
    );
  }
}

/** The KV cache of one prompt from a prefill replica to a decode replica. */
export function kvTransfer(
  bytesPerQuery: number,
  prefill: { hardware: Hardware; accelerators: number },
  decode: { hardware: Hardware; accelerators: number },
  efficiency: Scenario['serving']['efficiency'],
): KvTransfer {
  const sameDomain =
    prefill.hardware.name === decode.hardware.name &&
    prefill.accelerators + decode.accelerators <= prefill.hardware.accelerators_per_node;
  const narrower = Math.min(prefill.accelerators, decode.accelerators);
  const perAccelerator = sameDomain
    ? prefill.hardware.scale_up_gb_per_s
    : Math.min(prefill.hardware.scale_out_gb_per_s, decode.hardware.scale_out_gb_per_s);
  const bytesPerS = narrower * perAccelerator * GIGA * efficiency.link;
  const latencyS = (efficiency.all_reduce_latency_us + (sameDomain ? 0 : efficiency.scale_out_latency_us)) * MICRO;
  return {
    bytesPerQuery,
    link: sameDomain ? 'scale-up' : 'scale-out',
    bytesPerS,
    seconds: latencyS + bytesPerQuery / bytesPerS,
  };
}

function evaluatePrefill(
  f: PoolFigures,
  ctx: SizingContext,
  layout: Parallelism,
  decode: { hardware: Hardware; accelerators: number },
): PrefillReplica | PrefillRejection {
  const { workload } = ctx;
  const { model, serving } = f.scenario;
  const rates = replicaRates(f.hardware, serving, f.computePrecision, layout, f.scenario.extra_factors);
  const reject = (reason: string): PrefillRejection => ({
    ok: false,
    accelerators: rates.accelerators,
    parallelism: rates.parallelism,
    reason,
  });
  const weightsBytes = replicaWeightsBytes(model, layout.data);
  const kvBudget = rates.usableMemoryBytes - weightsBytes;
  const heldTokens = Math.max(serving.prefill_chunk_tokens, workload.inputTokens);
  if (kvBudget <= 0) return reject('the weights do not fit');
  if (kvBudget < heldTokens * kvBytesPerToken(model))
    return reject(`no room for the KV cache of one pass (${heldTokens} tokens) beside the weights`);
  const { fullPass, timeToFirstTokenS, prefillSecondsPerToken } = prefillOf(ctx, rates);
  const transfer = kvTransfer(
    workload.inputTokens * kvBytesPerToken(model),
    { hardware: f.hardware, accelerators: rates.accelerators },
    decode,
    serving.efficiency,
  );
  const ttft = timeToFirstTokenS + transfer.seconds;
  const limit = serving.max_time_to_first_token_ms;
  if (limit !== undefined && ttft > limit / 1000)
    return reject(
      `time to first token ${(ttft * 1000).toPrecision(3)} ms (prefill and KV transfer) exceeds ${limit} ms`,
    );
  const computeSecondsPerQuery = workload.inputTokens * prefillSecondsPerToken;
  return {
    ok: true,
    rates,
    weightsBytes,
    pass: fullPass,
    promptAloneS: timeToFirstTokenS,
    computeSecondsPerQuery,
    transfer,
    replicaSecondsPerQuery: Math.max(computeSecondsPerQuery, transfer.bytesPerQuery / transfer.bytesPerS),
    timeToFirstTokenS: ttft,
  };
}

/** Both pools, each the cheapest replica per query that its limits allow; an error at the pool when none does. */
export function disaggregate(scenario: Scenario, workload: Workload): Disaggregated {
  const d = scenario.serving.disaggregation;
  if (d === undefined) throw new Error('disaggregate: the scenario is co-located');
  return choosePools(scenario, workload, d);
}

/** Runs a pool's choice; a problem with a layout or replica size the pool sets is reported at the pool's field. */
function atPool<T>(phase: PoolPhase, pool: Pool, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof InfeasibleError) || e.path === undefined) throw e;
    const key = e.path.startsWith('serving.parallelism')
      ? 'parallelism'
      : e.path === 'serving.accelerators_per_replica'
        ? 'accelerators_per_replica'
        : undefined;
    if (key === undefined || pool[key] === undefined) throw e;
    throw new InfeasibleError(
      `serving.disaggregation.${phase}: ${e.message}`,
      `serving.disaggregation.${phase}.${e.path.slice('serving.'.length)}`,
    );
  }
}

function choosePools(
  scenario: Scenario,
  workload: Workload,
  d: NonNullable<Scenario['serving']['disaggregation']>,
): Disaggregated {
  const decodeFigures = figuresOf(scenario, d.decode, 'decode');
  const decode = atPool('decode', d.decode, () =>
    chooseDeployment(decodeFigures.scenario, workload, decodeFigures.computePrecision, 'decode'),
  );
  if (decode.best === undefined)
    throw new InfeasibleError(
      `no decode replica works: ${decode.tried.map((t) => (t.ok ? '' : `${t.accelerators} × (${parallelismLabel(t.parallelism)}): ${t.reason}`)).join('; ')}`,
      'serving.disaggregation.decode',
    );
  const decodeSide = { hardware: decodeFigures.hardware, accelerators: decode.best.rates.accelerators };

  const prefillFigures = figuresOf(scenario, d.prefill, 'prefill');
  const tried: (PrefillReplica | PrefillRejection)[] = [];
  const problems: { field: string; message: string }[] = [];
  let best: PrefillReplica | undefined;
  const prefillCtx = sizingContext(prefillFigures.scenario, workload, prefillFigures.computePrecision);
  const counts = atPool('prefill', d.prefill, () => candidateCounts(prefillFigures.scenario));
  for (const n of counts)
    for (const layout of layoutsOf(prefillFigures.scenario, n, problems)) {
      const p = evaluatePrefill(prefillFigures, prefillCtx, layout, decodeSide);
      tried.push(p);
      if (p.ok && cheaperPerQuery(p, best)) best = p;
    }
  if (best === undefined)
    throw new InfeasibleError(
      `no prefill replica works: ${
        tried.length === 0
          ? (problems[problems.length - 1]?.message ?? 'no layout fits')
          : tried
              .map((t) => (t.ok ? '' : `${t.accelerators} × (${parallelismLabel(t.parallelism)}): ${t.reason}`))
              .join('; ')
      }`,
      'serving.disaggregation.prefill',
    );
  return {
    prefill: { ...prefillFigures, best, tried },
    decode: { ...decodeFigures, best: decode.best, tried: decode.tried, ctx: decode.ctx },
  };
}
