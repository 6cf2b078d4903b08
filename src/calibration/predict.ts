/**
 * Predicted throughput for one calibration case, from the calculator's own
 * building blocks (core/replica.ts rates, core/steps.ts roofline step times,
 * core/experts.ts expert touch, core/architecture.ts KV cache), so the
 * calibration tests exactly the physics `simulate` uses. Only the batch
 * selection is specific to each measured scenario (docs/methodology.md):
 *
 * - offline: the largest batch whose full-length KV cache (input + output per
 *   sequence) fits, at most OFFLINE_MAX_BATCH; throughput = output tokens /
 *   (prompt tokens × prefill time per token + output tokens × decode step / batch).
 * - server: the same, but the largest batch whose time per output token —
 *   one decode step plus the prefill work that arrives with it in steady state
 *   (batch × input/output prompt tokens per step) — meets the TPOT limit.
 * - fixed-batch-decode: one decode step of `batch` sequences at `input_tokens` of context.
 * - fixed-batch-prefill: one prefill pass of `batch` × `input_tokens` prompt tokens.
 */
import { kvBytesPerToken, weightsBytes } from '../core/architecture.js';
import { splitParameters, type ParameterSplit } from '../core/experts.js';
import { replicaRates, type ReplicaRates } from '../core/replica.js';
import { decodeStep, prefillStep, type StepTime } from '../core/steps.js';
import { DEFAULT_PREFILL_CHUNK_TOKENS } from '../scenario/defaults.js';
import { ServingSchema, type Efficiency, type Serving } from '../scenario/schema.js';
import type { CalibrationCase } from './cases.js';

/** What limited the predicted throughput. */
export const CALIBRATION_BOUNDS = ['compute', 'memory-bandwidth', 'memory-capacity'] as const;
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
  readonly batchLimitedBy: 'memory' | 'max-batch' | 'latency' | 'fixed';
  /** Decode step (or the prefill pass for fixed-batch-prefill), s. */
  readonly stepS: number;
  /** Fraction of replica time spent in prefill (offline/server). */
  readonly prefillShare: number;
}

export interface NoPrediction {
  readonly ok: false;
  readonly reason: string;
}

interface Replica {
  readonly n: number;
  readonly rates: ReplicaRates;
  readonly kvBudgetBytes: number;
  /** Sequences whose full-length KV cache fits. */
  readonly memoryBatch: number;
}

const servingBase: Serving = ServingSchema.parse({});

function replicaOf(c: CalibrationCase, efficiency: Efficiency, n: number): Replica | undefined {
  const rates = replicaRates(c.hardware, { ...servingBase, efficiency }, c.computePrecision, n);
  const kvBudgetBytes = rates.usableMemoryBytes - weightsBytes(c.model);
  if (kvBudgetBytes <= 0) return undefined;
  const fullLength = c.kind === 'offline' || c.kind === 'server' ? c.inputTokens + c.outputTokens : c.inputTokens;
  const memoryBatch = Math.floor(kvBudgetBytes / (fullLength * kvBytesPerToken(c.model)));
  if (memoryBatch < 1) return undefined;
  return { n, rates, kvBudgetBytes, memoryBatch };
}

function boundOf(step: StepTime, memoryLimited: boolean): CalibrationBound {
  if (step.bound === 'compute') return 'compute';
  return memoryLimited ? 'memory-capacity' : 'memory-bandwidth';
}

/** Steady-state serving of one replica at a batch: decode step, prefill per token, throughput. */
function servingAt(c: CalibrationCase, split: ParameterSplit, r: Replica, batch: number) {
  const chunk = DEFAULT_PREFILL_CHUNK_TOKENS;
  const decode = decodeStep(c.model, split, r.rates, batch, c.inputTokens + c.outputTokens / 2);
  const pass = prefillStep(c.model, split, r.rates, chunk, c.inputTokens);
  const prefillSecondsPerToken = pass.seconds / chunk;
  // Per output token of one sequence: its share of a decode step plus the prompt work that comes with it.
  const prefillPerStepS = batch * (c.inputTokens / c.outputTokens) * prefillSecondsPerToken;
  const timePerOutputTokenS = decode.seconds + prefillPerStepS;
  return {
    decode,
    pass,
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
  const tpotLimitS = c.kind === 'server' && c.latency?.tpotMs !== undefined ? c.latency.tpotMs / 1000 : Infinity;
  const ttftLimitS = c.kind === 'server' && c.latency?.ttftMs !== undefined ? c.latency.ttftMs / 1000 : Infinity;

  const evaluate = (r: Replica): Prediction | NoPrediction => {
    const limit = Math.min(cap, r.memoryBatch);
    const limitedBy = limit === r.memoryBatch ? 'memory' : 'max-batch';
    const ttft = prefillStep(c.model, split, r.rates, c.inputTokens, c.inputTokens).seconds;
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
    const bound = s.prefillShare > 0.5 ? boundOf(s.pass, false) : boundOf(s.decode, by === 'memory');
    return {
      ok: true,
      tokensPerSPerAccelerator: s.tokensPerSPerAccelerator,
      bound,
      acceleratorsPerReplica: r.n,
      batch,
      batchLimitedBy: by,
      stepS: s.decode.seconds,
      prefillShare: s.prefillShare,
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
  if (roomy !== undefined) return evaluate(roomy);
  let best: Prediction | NoPrediction = { ok: false, reason: 'no replica size works' };
  for (const r of replicas) {
    const p = evaluate(r);
    if (p.ok && (!best.ok || p.tokensPerSPerAccelerator > best.tokensPerSPerAccelerator)) best = p;
  }
  return best;
}

function predictFixedBatch(c: CalibrationCase, efficiency: Efficiency): Prediction | NoPrediction {
  const split = splitParameters(c.model);
  const n = c.replicaSizes[0] ?? c.accelerators;
  const batch = c.batch ?? 1;
  const rates = replicaRates(c.hardware, { ...servingBase, efficiency }, c.computePrecision, n);
  const kvBudgetBytes = rates.usableMemoryBytes - weightsBytes(c.model);
  if (kvBudgetBytes <= 0) return { ok: false, reason: `the weights do not fit ${n} × ${c.accelerator}` };
  if (c.kind === 'fixed-batch-decode') {
    const step = decodeStep(c.model, split, rates, batch, c.inputTokens);
    return {
      ok: true,
      tokensPerSPerAccelerator: batch / step.seconds / n,
      bound: boundOf(step, false),
      acceleratorsPerReplica: n,
      batch,
      batchLimitedBy: 'fixed',
      stepS: step.seconds,
      prefillShare: 0,
    };
  }
  const tokens = batch * c.inputTokens;
  const step = prefillStep(c.model, split, rates, tokens, c.inputTokens);
  return {
    ok: true,
    tokensPerSPerAccelerator: tokens / step.seconds / n,
    bound: boundOf(step, false),
    acceleratorsPerReplica: n,
    batch,
    batchLimitedBy: 'fixed',
    stepS: step.seconds,
    prefillShare: 1,
  };
}

export function predict(c: CalibrationCase, efficiency: Efficiency): Prediction | NoPrediction {
  return c.kind === 'offline' || c.kind === 'server' ? predictServing(c, efficiency) : predictFixedBatch(c, efficiency);
}
