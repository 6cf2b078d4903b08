/**
 * Time of one forward step as a sum of operators (docs/methodology.md §3),
 * each its own roofline — max(bytes / bandwidth, FLOPs / (peak × η)) (Williams,
 * Waterman, Patterson, "Roofline", CACM 2009) — plus what no roofline holds:
 *
 * - always-active GEMMs (attention projections, dense FFN, shared experts, LM
 *   head): their weights once per step, 2 FLOPs per parameter per token, at
 *   the GEMM efficiency of the step's tokens (core/gemm.ts);
 * - routed-expert GEMMs: the experts the step's tokens touch (core/experts.ts),
 *   each seeing tokens × k / touched rows, at that many rows' efficiency;
 * - attention: the KV cache read (decode) or written (prefill), and its FLOPs
 *   at the attention-kernel efficiency, at the KV cache's precision when that
 *   is wider than the compute precision (attention kernels read the cache in
 *   its own format);
 * - tensor-parallel communication: two all-reduces per layer of the step's
 *   activations (core/communication.ts);
 * - activations: the small memory-bound kernels between the GEMMs (norms,
 *   residual adds, rotary embedding, the MoE's token permutation and
 *   combine) read and write each token's hidden vector several times per
 *   layer; every tensor-parallel rank does so for every token (they are not
 *   split), so this part is timed at one accelerator's bandwidth;
 * - fixed cost: per layer, extra per MoE layer, once per step.
 *
 * The parts add: kernels of one step run one after another. The time of each
 * roofline goes to the part that bounds it (weights, KV cache or compute), so
 * the breakdown sums to the step time and `bound` names its largest part.
 */
import { WIDER_PRECISIONS, BYTES_PER_ELEMENT, type Precision } from '../scenario/precision.js';
import type { Model } from '../scenario/schema.js';
import { attendedLayerTokens, attentionFlopsPerContextToken, kvBytesPerToken } from './architecture.js';
import { ALL_TO_ALLS_PER_MOE_LAYER, allReduceSeconds, dispatchCopies } from './communication.js';
import { expectedDistinctExperts, type ParameterSplit } from './experts.js';
import { gemmEfficiency } from './gemm.js';
import type { ReplicaRates } from './replica.js';

/**
 * Hidden-vector passes per routed copy of a token in an MoE layer: the
 * permutation writes the copy grouped by expert and the expert GEMM reads it;
 * the un-permutation reads the expert output and the weighted combine writes
 * it back (vLLM fused_moe / SGLang moe_align + moe_sum kernels): 4.
 */
export const MOE_PASSES_PER_ROUTED_COPY = 4;

/** What bounds a step: its largest part. */
export const BOUNDS = ['weights', 'kv-cache', 'activations', 'compute', 'communication', 'fixed'] as const;
export type Bound = (typeof BOUNDS)[number];

/** Whether a bound is set by memory bandwidth (weights or KV cache). */
export function isMemoryBound(bound: Bound): boolean {
  return bound === 'weights' || bound === 'kv-cache' || bound === 'activations';
}

/** A step's time by part, s; the parts sum to the step time. */
export interface StepBreakdown {
  readonly weightsS: number;
  readonly kvCacheS: number;
  readonly activationsS: number;
  readonly computeS: number;
  readonly communicationS: number;
  readonly fixedS: number;
}

export interface StepTime {
  /** From the step's start to its last token's result, s (with pipeline stages: through all of them). */
  readonly seconds: number;
  /**
   * Time between the starts of successive steps, s: `seconds`, except for a
   * prefill pass through pipeline stages, which overlaps the next pass's
   * earlier stages (seconds / pipeline).
   */
  readonly intervalS: number;
  readonly bound: Bound;
  readonly bytes: number;
  readonly flops: number;
  readonly breakdown: StepBreakdown;
}

/**
 * Peak FLOP/s of an operator whose operand is held at `operand`: the compute
 * precision's, unless the operand is wider, then the first rate the
 * accelerator has from the operand's precision up (no engine narrows an
 * operand on the fly to reach a faster rate).
 */
function peakForOperand(operand: Precision, rates: ReplicaRates): number {
  if (operand === rates.computePrecision || BYTES_PER_ELEMENT[operand] <= BYTES_PER_ELEMENT[rates.computePrecision])
    return rates.peakFlopsPerS;
  for (const p of WIDER_PRECISIONS[operand]) {
    const rate = rates.peakFlopsPerSAt(p);
    if (rate !== undefined) return rate;
  }
  return rates.peakFlopsPerS;
}

/**
 * Peak FLOP/s attention runs at: the wider of the compute and KV-cache
 * precisions (attention kernels read the cache in its own format). MLA
 * computes in bf16 whatever the cache holds: FlashMLA's decode kernels take a
 * BF16 cache, and with an FP8 one "dequantize the cache to bfloat16 and
 * perform attention computation in bfloat16" (deepseek-ai/FlashMLA README,
 * which puts both at 410-660 TFLOP/s on H800: attention_compute of the BF16
 * peak); MLA prefill attends over K/V decompressed from the latent, BF16
 * activations.
 */
function attentionPeakFlopsPerS(model: Model, rates: ReplicaRates): number {
  const kv = model.kv_cache_precision;
  const operand = model.attention.type === 'mla' && BYTES_PER_ELEMENT[kv] < BYTES_PER_ELEMENT.bf16 ? 'bf16' : kv;
  return peakForOperand(operand, rates);
}

/**
 * Peak FLOP/s of the always-active GEMMs: the wider of the compute precision
 * and the precision the checkpoint keeps those weights at
 * (`dense_weight_precision`). gpt-oss ships MXFP4 experts beside BF16
 * attention and embeddings (openai/gpt-oss config.json,
 * quantization_config.modules_to_not_convert); its attention projections and
 * LM head run as BF16 GEMMs even on an FP4 chip.
 */
function densePeakFlopsPerS(model: Model, rates: ReplicaRates): number {
  const dense = model.dense_weight_precision;
  return dense === undefined ? rates.peakFlopsPerS : peakForOperand(dense, rates);
}

/**
 * The dense and attention peaks of the model on the replica asked last: every step of a replica's
 * sizing asks for the same pair (both inputs are immutable, so the pair decides the answer).
 */
let peaks: { model: Model; rates: ReplicaRates; dense: number; attention: number } | undefined;
function peaksOf(model: Model, rates: ReplicaRates): { dense: number; attention: number } {
  if (peaks !== undefined && peaks.model === model && peaks.rates === rates) return peaks;
  peaks = { model, rates, dense: densePeakFlopsPerS(model, rates), attention: attentionPeakFlopsPerS(model, rates) };
  return peaks;
}

/** One step's work, before timing. */
interface StepWork {
  /** Tokens the step's GEMMs see (decode: the batch; prefill: the prompt tokens). */
  readonly tokens: number;
  /** KV-cache bytes read and written. */
  readonly kvBytes: number;
  readonly attentionFlops: number;
  readonly timeFactor: number;
  /** Pipeline-stage hops of the step's activations (decode: around the ring, p; prefill: p − 1). */
  readonly hops: number;
  /** Pipeline passes that overlap (prefill: the stages; decode: 1, each micro-batch waits for its own token). */
  readonly overlap: number;
}

/** Seconds for `flops` at `rate`: a part with no FLOPs costs nothing, whatever its rate (no 0 / 0). */
function flopTime(flops: number, rate: number): number {
  return flops === 0 ? 0 : flops / rate;
}

function timeStep(model: Model, split: ParameterSplit, rates: ReplicaRates, work: StepWork): StepTime {
  const { tokens } = work;
  let weightsS = 0;
  let kvCacheS = 0;
  let computeS = 0;
  // Always-active GEMMs: each of the `data` groups reads its own copy, split over its `tensor`
  // accelerators, for its share of the tokens (core/parallelism.ts).
  const { tensor, data, expert } = rates.parallelism;
  const stage = rates.stageAccelerators;
  const denseBytes = split.alwaysActiveParams * split.denseBytesPerWeight;
  const denseFlops = 2 * split.alwaysActiveParams * tokens;
  const denseMemS = denseBytes / (tensor * rates.bytesPerSPerAccelerator);
  const peak = peaksOf(model, rates);
  const denseComputeS = flopTime(
    denseFlops,
    peak.dense * gemmEfficiency(rates.gemmCeiling, rates.gemmHalfRows, tokens / data),
  );
  if (denseMemS >= denseComputeS) weightsS += denseMemS;
  else computeS += denseComputeS;

  // Routed-expert GEMMs over the experts the tokens touch, spread over the stage; the busiest
  // expert-parallel rank does `expertImbalance` times the mean rank's arithmetic.
  let expertBytes = 0;
  let expertFlops = 0;
  let touched = 0;
  if (split.experts > 0) {
    touched = expectedDistinctExperts(split, tokens);
    const rowsPerExpert = (tokens * split.expertsPerToken) / touched;
    expertBytes = touched * split.paramsPerExpert * split.expertBytesPerWeight;
    expertFlops = 2 * tokens * split.expertsPerToken * split.paramsPerExpert;
    const memS = expertBytes / rates.bytesPerS;
    const compS =
      flopTime(
        expertFlops,
        rates.peakFlopsPerS * gemmEfficiency(rates.gemmCeiling, rates.gemmHalfRows, rowsPerExpert),
      ) * rates.expertImbalance;
    if (memS >= compS) weightsS += memS;
    else computeS += compS;
  }

  // Attention.
  const kvS = work.kvBytes / rates.kvBytesPerS;
  const attentionS = flopTime(work.attentionFlops, peak.attention * rates.attentionEfficiency);
  if (kvS >= attentionS) kvCacheS += kvS;
  else computeS += attentionS;

  // Activations: `activation_passes` hidden-vector reads/writes per token per layer, plus
  // MOE_PASSES_PER_ROUTED_COPY per routed copy of the token in each MoE layer. Every accelerator of a
  // tensor-parallel group repeats them for the group's tokens (tokens / data).
  const layerPasses =
    model.layers * rates.activationPasses + split.moeLayers * MOE_PASSES_PER_ROUTED_COPY * split.expertsPerToken;
  const activationsS =
    ((tokens / data) * layerPasses * model.hidden_size * rates.activationBytes) / rates.bytesPerSPerAccelerator;

  // Communication per layer: the attention output all-reduced within its tensor group; a dense FFN
  // all-reduced within the group; an MoE block (in model.moe.layers of the layers) all-reduced over
  // the stage (a tensor-parallel MoE under data-parallel attention gathers every group's tokens),
  // or, with expert parallelism, two all-to-alls carrying each rank's share of the routed copies
  // (the busiest rank's share; across domains, one copy per destination domain: dispatchCopies).
  const hiddenBytes = model.hidden_size * rates.activationBytes;
  // The attention output's, and a dense FFN's (every layer of a dense model, the dense layers of an MoE one).
  const groupAllReduceS = allReduceSeconds(rates.allReduce, (tokens / data) * hiddenBytes);
  const moeBlockS =
    split.experts === 0
      ? 0
      : expert > 1
        ? ALL_TO_ALLS_PER_MOE_LAYER *
          allReduceSeconds(
            rates.allToAll,
            (tokens / stage) *
              dispatchCopies(split.expertsPerToken, rates.expertDomains) *
              hiddenBytes *
              rates.expertImbalance,
          )
        : allReduceSeconds(data > 1 ? rates.moeAllReduce : rates.allReduce, tokens * hiddenBytes);
  const moeLayers = split.moeLayers;
  const communicationS =
    (2 * model.layers - moeLayers) * groupAllReduceS +
    moeLayers * moeBlockS +
    work.hops * allReduceSeconds(rates.stageHop, tokens * hiddenBytes);
  // Fixed: per layer; per MoE layer (not the dense ones of an MoE model), once and per expert its
  // tokens touch on one rank (each expert's matrices are their own tiles of the grouped GEMM, loaded
  // and set up whatever their rows).
  const fixedS =
    model.layers * rates.layerOverheadS +
    moeLayers * (rates.moeLayerOverheadS + (touched / expert) * rates.expertOverheadS) +
    rates.parallelism.pipeline * rates.stepOverheadS;

  const f = work.timeFactor;
  const breakdown: StepBreakdown = {
    weightsS: weightsS * f,
    kvCacheS: kvCacheS * f,
    activationsS: activationsS * f,
    computeS: computeS * f,
    communicationS: communicationS * f,
    fixedS: fixedS * f,
  };
  const seconds = (weightsS + kvCacheS + activationsS + computeS + communicationS + fixedS) * f;
  return {
    seconds,
    intervalS: seconds / work.overlap,
    bound: boundOf(breakdown),
    bytes: denseBytes + expertBytes + work.kvBytes,
    flops: denseFlops + expertFlops + work.attentionFlops,
    breakdown,
  };
}

function boundOf(b: StepBreakdown): Bound {
  // Plain assignments, no [a, b] = [x, y]: that allocates an array on every step.
  let bound: Bound = 'weights';
  let most = b.weightsS;
  if (b.kvCacheS > most) {
    bound = 'kv-cache';
    most = b.kvCacheS;
  }
  if (b.activationsS > most) {
    bound = 'activations';
    most = b.activationsS;
  }
  if (b.computeS > most) {
    bound = 'compute';
    most = b.computeS;
  }
  if (b.communicationS > most) {
    bound = 'communication';
    most = b.communicationS;
  }
  if (b.fixedS > most) bound = 'fixed';
  return bound;
}

/**
 * Attention FLOPs per prompt token per token of context it attends to in
 * prefill. MHA/GQA: as in decode. MLA in prefill runs uncompressed (no weight
 * absorption): QK over the no-RoPE + RoPE head dimensions and PV over the
 * value head, per head — 2 × layers × heads × (2 × head_dim + rope dim),
 * taking the no-RoPE query/key dimension equal to the value head dimension
 * (DeepSeek-V3 config: qk_nope_head_dim = v_head_dim = 128; DeepSeek-V2,
 * arXiv:2405.04434, §2.1.2).
 */
export function prefillAttentionFlopsPerContextToken(model: Model): number {
  const a = model.attention;
  if (a.type !== 'mla') return attentionFlopsPerContextToken(model);
  return 2 * model.layers * a.heads * (2 * a.head_dim + (a.qk_rope_head_dim ?? 0));
}

/**
 * One decode step for `batch` sequences that each attend to `contextTokens`:
 * one new token per sequence; reads the KV cache of the whole context
 * (sliding-window layers: their window). `seconds` is the time per output
 * token; the step yields `batch` tokens.
 */
export function decodeStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
): StepTime {
  return decodeLikeStep(model, split, rates, batch, contextTokens, 1, 0);
}

/**
 * `positions` new tokens per sequence against its cached context (decode: 1;
 * a speculative verify: its drafts + 1), with `writtenPositions` of them
 * counted as KV written (a plain decode step counts only the reads).
 */
function decodeLikeStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
  positions: number,
  writtenPositions: number,
): StepTime {
  // Layer-tokens of context per sequence, over layers: the share of the full context attended on average.
  const perLayer = attendedLayerTokens(model, contextTokens) / model.layers;
  // Pipeline stages: the batch runs as `pipeline` micro-batches, each through every stage in turn
  // (one at a time per stage), so a sequence's next token waits for the whole model at the
  // micro-batch; fewer sequences than stages leave stages idle (the bubble: micro-batches of 1).
  const pipeline = rates.parallelism.pipeline;
  const micro = pipeline === 1 ? batch : Math.max(1, batch / pipeline);
  return timeStep(model, split, rates, {
    tokens: micro * positions,
    kvBytes: micro * (perLayer + writtenPositions) * kvBytesPerToken(model),
    attentionFlops: micro * positions * perLayer * attentionFlopsPerContextToken(model),
    timeFactor: rates.decodeTimeFactor,
    hops: pipeline === 1 ? 0 : pipeline,
    overlap: 1,
  });
}

/**
 * One prefill pass over `tokens` prompt tokens, each attending to
 * `attendedTokens` of context on average (causal attention over a prompt of p
 * tokens: p / 2; after a cached prefix of c: c + p / 2; sliding-window
 * layers: at most their window), the KV written once.
 */
export function prefillStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  tokens: number,
  attendedTokens: number,
): StepTime {
  const perLayer = attendedLayerTokens(model, attendedTokens) / model.layers;
  return timeStep(model, split, rates, {
    tokens,
    kvBytes: tokens * kvBytesPerToken(model),
    attentionFlops: tokens * perLayer * prefillAttentionFlopsPerContextToken(model),
    timeFactor: rates.prefillTimeFactor,
    hops: rates.parallelism.pipeline - 1,
    overlap: rates.parallelism.pipeline,
  });
}

/**
 * One prompt of `promptTokens` prefilled on its own, in passes of at most
 * `chunkTokens`: the full passes (`chunkPass`, a pass of `chunkTokens` at the
 * same attended context), then the rest; the time to its first token without
 * queueing, s. `cachedTokens` of it found in the prefix cache are not
 * prefilled but attended to: `promptTokens` is what is prefilled after them.
 */
export function promptAloneS(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  promptTokens: number,
  chunkTokens: number,
  chunkPass: StepTime,
  cachedTokens = 0,
): number {
  const full = Math.floor(promptTokens / chunkTokens);
  const rest = promptTokens - full * chunkTokens;
  const attended = cachedTokens + promptTokens / 2;
  return full * chunkPass.seconds + (rest > 0 ? prefillStep(model, split, rates, rest, attended).seconds : 0);
}

/**
 * A speculative-decoding verify step: `batch` sequences at `contextTokens`,
 * each checking `positions` tokens (its draft plus one) in one forward pass —
 * GEMM rows and attention FLOPs × positions, the weights and each sequence's
 * KV cache read once, the new positions' KV written (core/speculative.ts).
 */
export function verifyStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
  positions: number,
): StepTime {
  return decodeLikeStep(model, split, rates, batch, contextTokens, positions, positions);
}
