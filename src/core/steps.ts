/**
 * Time of one forward step, as a roofline: the step takes as long as the
 * slower of moving its bytes and doing its FLOPs, plus a fixed overhead, times
 * any extra factor the scenario claims for the phase.
 * (Williams, Waterman, Patterson, "Roofline", CACM 2009.)
 *
 * The FLOPs are timed in three parts, each at the rate it runs at:
 * - the matmuls over always-active weights, at the compute precision;
 * - the routed-expert matmuls, at the compute precision — in a decode step of
 *   a fine-grained mixture of experts (below) times `efficiency.fine_grained_moe`;
 * - attention (QK and PV over the context), at the KV cache's precision when
 *   it is wider than the compute precision: attention kernels read the cache
 *   in its own format (TensorRT-LLM runs FP8 attention for FP8/NVFP4
 *   checkpoints, BF16 attention over a BF16 cache), not in 4-bit.
 *
 * The rates are the replica's (peak × `efficiency.compute`, the fraction a
 * prefill pass reaches). A decode step runs all three parts at
 * `efficiency.decode_compute` of them: its matmuls see a batch of at most a
 * few thousand rows, against the thousands of prompt tokens of a prefill pass,
 * and the public measurements put it at about half (scenario/defaults.ts).
 */
import { BYTES_PER_ELEMENT, WIDER_PRECISIONS, type Precision } from '../scenario/precision.js';
import type { Model } from '../scenario/schema.js';
import { attentionFlopsPerContextToken, kvBytesPerToken } from './architecture.js';
import { weightBytesReadPerStep, type ParameterSplit } from './experts.js';
import type { ReplicaRates } from './replica.js';

export type Bound = 'memory-bandwidth' | 'compute';

export interface StepTime {
  readonly seconds: number;
  readonly bound: Bound;
  readonly bytes: number;
  readonly flops: number;
}

/** A step's FLOPs by the rate they run at. */
interface StepFlops {
  readonly dense: number;
  readonly experts: number;
  readonly attention: number;
}

/**
 * Fine-grained experts are narrower than a standard SwiGLU feed-forward block
 * (intermediate width 8/3 × hidden: Shazeer, "GLU Variants Improve
 * Transformer", arXiv:2002.05202; DeepSeekMoE's "fine-grained expert
 * segmentation", arXiv:2401.06066). In a decode step each of their many small
 * matmuls sees only the few tokens routed to it, and the step also pays routing
 * and, across accelerators, token dispatch and combine; measured serving
 * throughput of such models is several times below what their active
 * parameters imply (docs/methodology.md). `efficiency.fine_grained_moe` puts
 * that on the routed-expert FLOPs of decode steps. In prefill every expert
 * sees hundreds of tokens per pass, so prefill runs them at the dense
 * efficiency; Mixtral-style experts (3.5 × hidden) are not fine-grained.
 * Expert width is derived from the parameter split: params per expert /
 * (3 matrices × hidden × layers).
 */
/**
 * The width of a standard SwiGLU feed-forward block, 8/3 × hidden: the 4 ×
 * hidden of a plain FFN scaled by 2/3 to keep the parameter count with three
 * matrices instead of two (Shazeer, "GLU Variants Improve Transformer",
 * arXiv:2002.05202, §2). Experts narrower than that are "fine-grained".
 */
export const FINE_GRAINED_EXPERT_WIDTH_RATIO = 8 / 3;

export function isFineGrainedMoe(model: Model, split: ParameterSplit): boolean {
  if (split.experts === 0) return false;
  const width = split.paramsPerExpert / (3 * model.hidden_size * model.layers);
  return width < FINE_GRAINED_EXPERT_WIDTH_RATIO * model.hidden_size;
}

/** The precision attention runs at: the wider of the compute and KV-cache precisions that the accelerator has. */
function attentionFlopsPerS(model: Model, rates: ReplicaRates): number {
  const kv = model.kv_cache_precision;
  if (BYTES_PER_ELEMENT[kv] <= BYTES_PER_ELEMENT[rates.computePrecision]) return rates.flopsPerS;
  const found = WIDER_PRECISIONS[kv].find((p: Precision) => rates.flopsPerSByPrecision[p] !== undefined);
  return found === undefined ? rates.flopsPerS : (rates.flopsPerSByPrecision[found] ?? rates.flopsPerS);
}

function roofline(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  bytes: number,
  flops: StepFlops,
  timeFactor: number,
  /** Fraction of the compute rate fine-grained routed experts reach in this kind of step. */
  fineGrainedExpertEfficiency: number,
  /** Fraction of the replica's compute rates every FLOP of this kind of step reaches (1 in prefill). */
  computeEfficiency: number,
): StepTime {
  const memoryS = bytes / rates.bytesPerS;
  const expertRate = isFineGrainedMoe(model, split) ? rates.flopsPerS * fineGrainedExpertEfficiency : rates.flopsPerS;
  // A part with no FLOPs costs nothing, whatever its rate (no 0 / 0).
  const time = (f: number, rate: number) => (f === 0 ? 0 : f / rate);
  const computeS =
    (time(flops.dense, rates.flopsPerS) +
      time(flops.experts, expertRate) +
      time(flops.attention, attentionFlopsPerS(model, rates))) /
    computeEfficiency;
  return {
    seconds: (Math.max(memoryS, computeS) + rates.stepOverheadS) * timeFactor,
    bound: memoryS >= computeS ? 'memory-bandwidth' : 'compute',
    bytes,
    flops: flops.dense + flops.experts + flops.attention,
  };
}

/** Matmul FLOPs per token, split into always-active weights and routed experts (2 per parameter used). */
function linearFlops(split: ParameterSplit): { dense: number; experts: number } {
  return { dense: 2 * split.alwaysActiveParams, experts: 2 * split.expertsPerToken * split.paramsPerExpert };
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
 * reads the always-active weights, the experts the batch touches and the
 * batch's KV cache; computes 2 FLOPs per active parameter per sequence plus
 * attention over the context.
 */
export function decodeStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  batch: number,
  contextTokens: number,
): StepTime {
  const bytes = weightBytesReadPerStep(model, split, batch) + batch * contextTokens * kvBytesPerToken(model);
  const linear = linearFlops(split);
  const flops = {
    dense: batch * linear.dense,
    experts: batch * linear.experts,
    attention: batch * contextTokens * attentionFlopsPerContextToken(model),
  };
  return roofline(
    model,
    split,
    rates,
    bytes,
    flops,
    rates.decodeTimeFactor,
    rates.fineGrainedMoeEfficiency,
    rates.decodeComputeEfficiency,
  );
}

/**
 * One prefill pass over `tokens` prompt tokens taken from prompts of
 * `promptTokens` each: linear FLOPs per token, causal attention over half the
 * prompt on average, the weights those tokens route to, and the KV written.
 */
export function prefillStep(
  model: Model,
  split: ParameterSplit,
  rates: ReplicaRates,
  tokens: number,
  promptTokens: number,
): StepTime {
  const bytes = weightBytesReadPerStep(model, split, tokens) + tokens * kvBytesPerToken(model);
  const linear = linearFlops(split);
  const flops = {
    dense: tokens * linear.dense,
    experts: tokens * linear.experts,
    attention: tokens * (promptTokens / 2) * prefillAttentionFlopsPerContextToken(model),
  };
  return roofline(model, split, rates, bytes, flops, rates.prefillTimeFactor, 1, 1);
}
