/**
 * Predicted throughput for one calibration case, from the calculator's own
 * building blocks (core/replica.ts rates, core/steps.ts operator step times,
 * core/experts.ts expert touch, core/architecture.ts KV cache), so the
 * calibration tests exactly the physics `simulate` uses. Only the batch
 * selection is specific to each measured scenario (docs/methodology.md §9):
 *
 * - offline: the largest batch whose full-length KV cache (input + output per
 *   sequence) fits, at most OFFLINE_MAX_BATCH; prompts packed into full
 *   prefill chunks; throughput = batch / (decode step + the prefill work that
 *   arrives with it: batch × input/output prompt tokens per step).
 * - server: the same, but the largest batch whose time per output token meets
 *   the latency limit (a p99 limit is met by mean × tpot_p99_over_mean).
 * - closed loop (a row's `concurrency`): at most that many requests in
 *   flight, so the decode batch is the concurrency (or what memory holds),
 *   each arriving prompt is prefilled on its own, and no limit applies: the
 *   row's TTFT/TPOT are results to compare.
 * - fixed-batch-decode: one decode step of `batch` sequences at `input_tokens` of context.
 * - fixed-batch-prefill: one prefill pass of `batch` × `input_tokens` prompt tokens.
 */
import { kvBytesPerToken, replicaWeightsBytes } from '../core/architecture.js';
import { splitParameters, type ParameterSplit } from '../core/experts.js';
import { replicaRates, type ReplicaRates } from '../core/replica.js';
import { speculativeStep } from '../core/speculative.js';
import { BOUNDS, decodeStep, prefillStep, promptAloneS, type StepBreakdown, type StepTime } from '../core/steps.js';
import { DEFAULT_PREFILL_CHUNK_TOKENS } from '../scenario/defaults.js';
import { ServingSchema, type Efficiency, type Serving } from '../scenario/schema.js';
import { parallelismOf, type CalibrationCase } from './cases.js';

/** What limited the predicted throughput. */
export const CALIBRATION_BOUNDS = BOUNDS;
export type CalibrationBound = (typeof CALIBRATION_BOUNDS)[number];

/**
 * Largest offline batch: trtllm-bench sizes max_batch_size from the KV cache
 * that fits at the full sequence length and caps it at 4096
 * (TensorRT-LLM tensorrt_llm/bench/build/tuning.py, `min(kv_cache_max_requests, 4096)`).
 */
export const OFFLINE_MAX_BATCH = 4096;

/**
 * A replica size for a system of several replicas (MLPerf rows): the smallest
 * power of two that leaves at least this much KV cache per accelerator and
 * this many full-length sequences — the thresholds below which trtllm-bench
 * warns "performance may be undesirable" (tuning.py).
 */
export const MIN_KV_BYTES_PER_ACCELERATOR = 10 * 1024 ** 3;
export const MIN_KV_SEQUENCES = 32;

export interface Prediction {
  readonly ok: true;
  /** Generated tokens/s per accelerator (prompt tokens/s for fixed-batch-prefill). */
  readonly tokensPerSPerAccelerator: number;
  readonly bound: CalibrationBound;
  readonly acceleratorsPerReplica: number;
  readonly batch: number;
  readonly batchLimitedBy: 'memory' | 'max-batch' | 'latency' | 'fixed' | 'concurrency';
  /** Decode step (or the prefill pass for fixed-batch-prefill), s. */
  readonly stepS: number;
  /** Fraction of replica time spent in prefill (offline/server). */
  readonly prefillShare: number;
  /** Predicted mean time to first token (one prompt's prefill) and time per output token (decode step + prefill stalls), ms; null where the row measures neither. */
  readonly ttftMs: number | null;
  readonly tpotMs: number | null;
  /** The decode step and the prefill pass by part, s (null where the row has no such step). */
  readonly decode: StepBreakdown | null;
  readonly prefill: StepBreakdown | null;
}

export interface NoPrediction {
  readonly ok: false;
  readonly reason: string;
}

export interface Replica {
  readonly n: number;
  readonly rates: ReplicaRates;
  readonly kvBudgetBytes: number;
  /** Sequences whose full-length KV cache fits. */
  readonly memoryBatch: number;
}

const servingBase: Serving = ServingSchema.parse({}, { jitless: true });

/** A replica of `n` accelerators in the row's layout, and the memory its weights leave for the KV cache. */
function ratesOf(
  c: CalibrationCase,
  efficiency: Efficiency,
  n: number,
): { rates: ReplicaRates; kvBudgetBytes: number } {
  const rates = replicaRates(
    c.hardware,
    { ...servingBase, efficiency },
    c.computePrecision,
    parallelismOf(c.layout, n),
  );
  return { rates, kvBudgetBytes: rates.usableMemoryBytes - replicaWeightsBytes(c.model, rates.parallelism.data) };
}

export function replicaOf(c: CalibrationCase, efficiency: Efficiency, n: number): Replica | undefined {
  const { rates, kvBudgetBytes } = ratesOf(c, efficiency, n);
  if (kvBudgetBytes <= 0) return undefined;
  const fullLength = c.kind === 'offline' || c.kind === 'server' ? c.inputTokens + c.outputTokens : c.inputTokens;
  // A shared prefix's KV cache is held once per data-parallel group; hits point at it (core/batch.ts).
  const shared = c.prompts.sharedPrefixTokens;
  const kv = kvBytesPerToken(c.model);
  const memoryBatch =
    shared === 0
      ? Math.floor(kvBudgetBytes / (fullLength * kv))
      : Math.floor(
          (kvBudgetBytes - shared * kv * rates.parallelism.data) /
            ((fullLength - (c.prompts.meanContextTokens - c.prompts.meanSlotKvTokens)) * kv),
        );
  if (memoryBatch < 1) return undefined;
  return { n, rates, kvBudgetBytes, memoryBatch };
}

/**
 * Prefill of one prompt on its own: passes of at most a chunk, s; with a
 * prefix cache, the mean over how prompts meet it (core/deployment.ts
 * prefillOf does the same for a scenario).
 */
function onePromptPrefill(
  c: CalibrationCase,
  split: ParameterSplit,
  rates: ReplicaRates,
): { seconds: number; pass: StepTime } {
  const chunk = DEFAULT_PREFILL_CHUNK_TOKENS;
  if (c.prompts.prefillTokens === c.inputTokens) {
    const tokens = Math.min(chunk, c.inputTokens);
    const pass = prefillStep(c.model, split, rates, tokens, c.inputTokens / 2);
    const seconds =
      c.inputTokens <= chunk ? pass.seconds : promptAloneS(c.model, split, rates, c.inputTokens, chunk, pass);
    return { seconds, pass };
  }
  let seconds = 0;
  let pass: StepTime | undefined;
  for (const p of c.prompts.promptCases) {
    if (p.share === 0) continue;
    const attended = p.cachedTokens + p.prefillTokens / 2;
    const full = prefillStep(c.model, split, rates, Math.min(chunk, p.prefillTokens), attended);
    pass ??= full;
    seconds += p.share * promptAloneS(c.model, split, rates, p.prefillTokens, chunk, full, p.cachedTokens);
  }
  return { seconds, pass: pass ?? prefillStep(c.model, split, rates, chunk, c.prompts.prefillAttendedTokens) };
}

/**
 * The decode step of a batch at a context and the tokens it yields per
 * sequence: one, or with the row's speculative decoding its verify and drafts
 * and the accepted length (core/speculative.ts, as simulate prices it).
 */
export function decodeAt(
  c: CalibrationCase,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
): { step: StepTime; tokensPerStep: number } {
  const sp = c.speculative;
  if (sp === undefined) return { step: decodeStep(c.model, split, rates, batch, contextTokens), tokensPerStep: 1 };
  const s = speculativeStep(c.model, split, rates, batch, contextTokens, sp.setting, sp.drafter, sp.accepted);
  return { step: s.step, tokensPerStep: sp.accepted };
}

/** Steady-state serving of one replica at a batch: decode step, prefill per token, throughput. */
function servingAt(c: CalibrationCase, split: ParameterSplit, r: Replica, batch: number) {
  const { step: decode, tokensPerStep } = decodeAt(c, split, r.rates, batch, c.inputTokens + c.outputTokens / 2);
  const alone = onePromptPrefill(c, split, r.rates);
  // Closed loop: few prompts wait at once, each is prefilled alone. Open load: packed into full chunks.
  const packed = c.closedLoop
    ? undefined
    : prefillStep(c.model, split, r.rates, DEFAULT_PREFILL_CHUNK_TOKENS, c.prompts.prefillAttendedTokens);
  const pass = packed ?? alone.pass;
  // Per prompt token, cached ones included: packed passes carry only the tokens prefilled.
  const prefillSecondsPerToken =
    packed === undefined
      ? alone.seconds / c.inputTokens
      : (packed.intervalS / DEFAULT_PREFILL_CHUNK_TOKENS) * (c.prompts.prefillTokens / c.inputTokens);
  // Per output token of one sequence: its share of a decode step plus the prompt work that comes with it.
  const prefillPerStepS = batch * (c.inputTokens / c.outputTokens) * prefillSecondsPerToken;
  const timePerOutputTokenS = decode.seconds / tokensPerStep + prefillPerStepS;
  return {
    decode,
    pass,
    ttftS: alone.seconds,
    timePerOutputTokenS,
    prefillShare: prefillPerStepS / timePerOutputTokenS,
    tokensPerSPerAccelerator: batch / timePerOutputTokenS / r.n,
  };
}

function predictServing(c: CalibrationCase, efficiency: Efficiency): Prediction | NoPrediction {
  const split = splitParameters(c.model);
  const cap = Math.min(OFFLINE_MAX_BATCH, c.batch ?? Infinity);
  const replicas = c.replicaSizes.map((n) => replicaOf(c, efficiency, n)).filter((r) => r !== undefined);
  if (replicas.length === 0)
    return {
      ok: false,
      reason: `the weights plus one full-length sequence do not fit ${c.replicaSizes.join(' or ')} × ${c.accelerator}`,
    };
  // A p99 limit is met by the mean × tpot_p99_over_mean (docs/methodology.md §9).
  const tailRatio = c.latency?.percentile === 'p99' ? efficiency.tpot_p99_over_mean : 1;
  const tpotLimitS =
    c.kind === 'server' && c.latency?.tpotMs !== undefined ? c.latency.tpotMs / 1000 / tailRatio : Infinity;
  const ttftLimitS = c.kind === 'server' && c.latency?.ttftMs !== undefined ? c.latency.ttftMs / 1000 : Infinity;

  const evaluate = (r: Replica): Prediction | NoPrediction => {
    const limit = Math.min(cap, r.memoryBatch);
    const limitedBy = limit === r.memoryBatch ? 'memory' : c.closedLoop ? 'concurrency' : 'max-batch';
    const ttft = onePromptPrefill(c, split, r.rates).seconds;
    if (ttft > ttftLimitS)
      return { ok: false, reason: `one prompt's prefill takes ${(ttft * 1000).toFixed(0)} ms, over the TTFT limit` };
    let batch = limit;
    let by: Prediction['batchLimitedBy'] = limitedBy;
    if (servingAt(c, split, r, limit).timePerOutputTokenS > tpotLimitS) {
      if (servingAt(c, split, r, 1).timePerOutputTokenS > tpotLimitS)
        return { ok: false, reason: 'no batch meets the TPOT limit in the model' };
      let lo = 1;
      let hi = limit;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (servingAt(c, split, r, mid).timePerOutputTokenS <= tpotLimitS) lo = mid;
        else hi = mid;
      }
      batch = lo;
      by = 'latency';
    }
    const s = servingAt(c, split, r, batch);
    return {
      ok: true,
      tokensPerSPerAccelerator: s.tokensPerSPerAccelerator,
      bound: s.prefillShare > 0.5 ? s.pass.bound : s.decode.bound,
      acceleratorsPerReplica: r.n,
      batch,
      batchLimitedBy: by,
      stepS: s.decode.seconds,
      prefillShare: s.prefillShare,
      ttftMs: s.ttftS * 1000,
      tpotMs: s.timePerOutputTokenS * 1000,
      decode: s.decode.breakdown,
      prefill: s.pass.breakdown,
    };
  };

  if (!c.replicaChosen) {
    const only = replicas[0];
    return only === undefined ? { ok: false, reason: 'no replica' } : evaluate(only);
  }
  // Several replicas: the smallest power of two that leaves a working KV cache (trtllm-bench's thresholds).
  const roomy = replicas.find(
    (r) => r.kvBudgetBytes / r.n >= MIN_KV_BYTES_PER_ACCELERATOR && r.memoryBatch >= MIN_KV_SEQUENCES,
  );
  // Under a latency limit a submitter widens the replica until the limit lets the batch grow: the
  // best of the roomy size and every larger one.
  if (roomy !== undefined && tpotLimitS === Infinity) return evaluate(roomy);
  let best: Prediction | NoPrediction = { ok: false, reason: 'no replica size works' };
  for (const r of roomy === undefined ? replicas : replicas.filter((x) => x.n >= roomy.n)) {
    const p = evaluate(r);
    if (p.ok && (!best.ok || p.tokensPerSPerAccelerator > best.tokensPerSPerAccelerator)) best = p;
  }
  return best;
}

function predictFixedBatch(c: CalibrationCase, efficiency: Efficiency): Prediction | NoPrediction {
  const split = splitParameters(c.model);
  const n = c.replicaSizes[0] ?? c.accelerators;
  const batch = c.batch ?? 1;
  const { rates, kvBudgetBytes } = ratesOf(c, efficiency, n);
  if (kvBudgetBytes <= 0) return { ok: false, reason: `the weights do not fit ${n} × ${c.accelerator}` };
  // A fixed batch must fit: its KV cache at the row's context next to the weights.
  const kvNeeded = batch * c.inputTokens * kvBytesPerToken(c.model);
  if (kvNeeded > kvBudgetBytes)
    return {
      ok: false,
      reason: `batch ${batch} at ${c.inputTokens} tokens needs ${(kvNeeded / 1e9).toPrecision(3)} GB of KV cache; ${n} × ${c.accelerator} hold ${(kvBudgetBytes / 1e9).toPrecision(3)} GB beside the weights: not a measurement this deployment can have produced`,
    };
  // One step of the fixed batch: a decode step yields `batch` tokens, a prefill pass `batch × input`.
  const decode = c.kind === 'fixed-batch-decode';
  const decoded = decode ? decodeAt(c, split, rates, batch, c.inputTokens) : undefined;
  const tokens = decoded === undefined ? batch * c.inputTokens : batch * decoded.tokensPerStep;
  const step = decoded?.step ?? prefillStep(c.model, split, rates, tokens, c.inputTokens / 2);
  const ms = step.seconds * 1000;
  return {
    ok: true,
    tokensPerSPerAccelerator: tokens / step.seconds / n,
    bound: step.bound,
    acceleratorsPerReplica: n,
    batch,
    batchLimitedBy: 'fixed',
    stepS: step.seconds,
    prefillShare: decode ? 0 : 1,
    ttftMs: decode ? null : ms,
    tpotMs: decoded === undefined ? null : ms / decoded.tokensPerStep,
    decode: decode ? step.breakdown : null,
    prefill: decode ? null : step.breakdown,
  };
}

export function predict(c: CalibrationCase, efficiency: Efficiency): Prediction | NoPrediction {
  return c.kind === 'offline' || c.kind === 'server' ? predictServing(c, efficiency) : predictFixedBatch(c, efficiency);
}
