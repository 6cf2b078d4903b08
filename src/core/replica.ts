/**
 * One replica: a group of accelerators that together hold one copy of the
 * model and serve one continuous batch, split as its parallelism says
 * (core/parallelism.ts). Its
 * rates are the spec sheet's figures times the scenario's efficiency
 * parameters; the step model (core/steps.ts) applies the GEMM curve and the
 * fixed and communication costs on top.
 */
import {
  ACTIVATION_BYTES,
  REFERENCE_GEMM_FRACTION,
  REFERENCE_MEMORY_FRACTION,
  REFERENCE_MMA_TILE_ROWS,
} from '../scenario/defaults.js';
import { PRECISIONS, type Precision } from '../scenario/precision.js';
import type { ExtraFactor, Hardware, Serving } from '../scenario/schema.js';
import {
  allReduceLink,
  allToAllLink,
  pointToPointLink,
  type AllReduceLink,
  type LinkFigures,
} from './communication.js';
import { acceleratorsOf, layoutIndex, stageAcceleratorsOf, tensorParallel, type Parallelism } from './parallelism.js';

export interface ReplicaRates {
  /** All accelerators of the replica, and those of one pipeline stage (the ones a step's rates below are of). */
  readonly accelerators: number;
  readonly stageAccelerators: number;
  readonly parallelism: Parallelism;
  /** The precision the linear layers (matmuls over the weights) run at. */
  readonly computePrecision: Precision;
  /**
   * Peak FLOP/s of one pipeline stage (the whole replica without pipeline
   * parallelism) at the compute precision (× `four_bit` at fp4); a GEMM
   * reaches η(rows) of it (core/gemm.ts).
   */
  readonly peakFlopsPerS: number;
  /** Peak FLOP/s of the replica at another precision the accelerator has a rate for (undefined if none): attention runs at the KV cache's precision when that is wider. */
  readonly peakFlopsPerSAt: (precision: Precision) => number | undefined;
  /** GEMM efficiency ceiling and the rows at half of it. */
  readonly gemmCeiling: number;
  readonly gemmHalfRows: number;
  /** Fraction of peak attention kernels reach on their FLOPs. */
  readonly attentionEfficiency: number;
  /** Achievable memory bandwidth of a stage, and of one of its accelerators, bytes/s. */
  readonly bytesPerS: number;
  readonly bytesPerSPerAccelerator: number;
  /** Achievable bandwidth of a stage for attention kernels reading the KV cache, bytes/s. */
  readonly kvBytesPerS: number;
  /** Hidden-vector reads/writes per token per layer outside the GEMMs, on every rank. */
  readonly activationPasses: number;
  /** Memory the engine may fill with weights and KV cache, all stages, bytes. */
  readonly usableMemoryBytes: number;
  /** Fixed time per layer, extra per MoE layer, and once per step, s. */
  readonly layerOverheadS: number;
  readonly moeLayerOverheadS: number;
  /** Fixed time per routed expert a step touches, per MoE layer, s. */
  readonly expertOverheadS: number;
  readonly stepOverheadS: number;
  /**
   * The links a step's communication runs on: the all-reduce within a
   * tensor-parallel group (attention, dense FFN), the one of a tensor-parallel
   * MoE over the whole stage (expert 1: the data groups' tokens gathered), the
   * all-to-all of the expert-parallel ranks, and the hop between pipeline stages.
   */
  readonly allReduce: AllReduceLink;
  readonly moeAllReduce: AllReduceLink;
  readonly allToAll: AllReduceLink;
  readonly stageHop: AllReduceLink;
  /** Scale-up domains the expert-parallel ranks span (1 inside one node or rack). */
  readonly expertDomains: number;
  /** Tokens of the busiest expert-parallel rank over the mean (1 without expert parallelism). */
  readonly expertImbalance: number;
  /** Bytes per activation element an all-reduce carries. */
  readonly activationBytes: number;
  /** Multipliers on each phase's step time from the scenario's extra factors (1 = none). */
  readonly prefillTimeFactor: number;
  readonly decodeTimeFactor: number;
}

/** The product of the extra factors' time ratios that act on a phase. */
export function phaseTimeFactor(factors: readonly ExtraFactor[], phase: 'prefill' | 'decode'): number {
  let product = 1;
  for (const f of factors) if (f.phase === phase || f.phase === 'both') product *= f.time_ratio;
  return product;
}

const NO_LINK: AllReduceLink = { latencyS: 0, secondsPerByte: 0, crossesNodes: false };
const TERA = 1e12;
const GIGA = 1e9;
const MICRO = 1e-6;

/**
 * How a chip's measured kernel figures differ from those of the reference chips (H100/H200) the
 * efficiencies were fitted on (scenario/defaults.ts, REFERENCE_*): its FLOP rates and bandwidth scale
 * by its measured share of spec over theirs, and its GEMM knee by its MMA tile's rows over Hopper's.
 * A chip that states none of them is taken at the reference (1, 1, 1).
 */
function againstReference(hardware: Hardware): { flops: number; bytes: number; knee: number } {
  return {
    flops: (hardware.gemm_fraction_of_peak ?? REFERENCE_GEMM_FRACTION) / REFERENCE_GEMM_FRACTION,
    bytes: (hardware.memory_fraction_of_peak ?? REFERENCE_MEMORY_FRACTION) / REFERENCE_MEMORY_FRACTION,
    knee: (hardware.mma_tile_rows ?? REFERENCE_MMA_TILE_ROWS) / REFERENCE_MMA_TILE_ROWS,
  };
}

export function replicaRates(
  hardware: Hardware,
  serving: Serving,
  computePrecision: Precision,
  layout: Parallelism | number,
  extraFactors: readonly ExtraFactor[] = [],
): ReplicaRates {
  const e = serving.efficiency;
  const parallelism = typeof layout === 'number' ? tensorParallel(layout) : layout;
  const accelerators = acceleratorsOf(parallelism);
  const stage = stageAcceleratorsOf(parallelism);
  const chip = againstReference(hardware);
  const memoryBytesPerS = hardware.memory_bandwidth_tb_per_s * TERA * chip.bytes;
  // 4-bit matmuls reach a lower fraction of their (2× FP8) peak: efficiency.four_bit (scenario/defaults.ts).
  const peak = (p: Precision): number | undefined => {
    const tflops = hardware.dense_tflops[p];
    return tflops == null ? undefined : stage * tflops * TERA * chip.flops * (p === 'fp4' ? e.four_bit : 1);
  };
  const linkOf = (ranks: number, spread = ranks): LinkFigures => ({
    accelerators: ranks,
    spread,
    domain: hardware.accelerators_per_node,
    scaleUpBytesPerS: hardware.scale_up_gb_per_s * GIGA,
    scaleOutBytesPerS: hardware.scale_out_gb_per_s * GIGA,
    efficiency: e.link,
    scaleUpLatencyS: e.all_reduce_latency_us * MICRO,
    scaleOutLatencyS: e.scale_out_latency_us * MICRO,
  });
  const { tensor, expert, pipeline } = parallelism;
  // Every precision's peak once: attention and the always-active GEMMs look theirs up on every step.
  const peaks = Object.fromEntries(PRECISIONS.map((p) => [p, peak(p)])) as Readonly<
    Record<Precision, number | undefined>
  >;
  return {
    accelerators,
    stageAccelerators: stage,
    parallelism,
    computePrecision,
    peakFlopsPerS: peak(computePrecision) ?? 0,
    peakFlopsPerSAt: (p: Precision) => peaks[p],
    gemmCeiling: e.compute,
    gemmHalfRows: e.gemm_half_rows * chip.knee,
    attentionEfficiency: e.attention_compute,
    bytesPerS: stage * memoryBytesPerS * e.memory_bandwidth,
    bytesPerSPerAccelerator: memoryBytesPerS * e.memory_bandwidth,
    kvBytesPerS: stage * memoryBytesPerS * e.kv_bandwidth,
    activationPasses: e.activation_passes,
    usableMemoryBytes: accelerators * hardware.memory_gb * GIGA * e.memory_usable,
    layerOverheadS: e.layer_overhead_us * MICRO,
    moeLayerOverheadS: e.moe_layer_overhead_us * MICRO,
    expertOverheadS: e.expert_overhead_us * MICRO,
    stepOverheadS: e.step_overhead_ms / 1000,
    allReduce: allReduceLink(linkOf(tensor)),
    moeAllReduce: allReduceLink(linkOf(stage)),
    // Only expert-parallel ranks exchange tokens all-to-all (steps.ts).
    allToAll: expert > 1 ? allToAllLink(linkOf(expert)) : NO_LINK,
    // One stage sends its activations to the next: point to point, across nodes when the replica spans them.
    stageHop: pipeline > 1 ? pointToPointLink(linkOf(2, accelerators)) : NO_LINK,
    expertDomains: Math.ceil(expert / hardware.accelerators_per_node),
    expertImbalance: expert > 1 ? e.expert_imbalance : 1,
    activationBytes: ACTIVATION_BYTES,
    prefillTimeFactor: phaseTimeFactor(extraFactors, 'prefill'),
    decodeTimeFactor: phaseTimeFactor(extraFactors, 'decode'),
  };
}

/**
 * replicaRates, memoised on the identity of its inputs: a scenario is sized
 * for every layout of every accelerator count, and evaluated again and again
 * by explain's waterfall, optimize and a sweep, whose patched points keep the
 * hardware and efficiency objects of the axes they do not touch (scenario/set-in.ts).
 * The inputs are immutable once validated, so an entry never goes stale.
 */
type Efficiency = Serving['efficiency'];
type RatesByLayout = Map<number | string, { factors: readonly ExtraFactor[]; rates: ReplicaRates }>;
const RATES = new WeakMap<Hardware, WeakMap<Efficiency, RatesByLayout>>();
let last: { hardware: Hardware; efficiency: Efficiency; byLayout: RatesByLayout } | undefined;

export function cachedReplicaRates(
  hardware: Hardware,
  serving: Serving,
  computePrecision: Precision,
  layout: Parallelism | number,
  extraFactors: readonly ExtraFactor[],
): ReplicaRates {
  if (typeof layout === 'number') layout = tensorParallel(layout);
  // replicaRates reads only serving.efficiency of the serving block: a sweep over serving.max_batch keeps it.
  // The pair asked last first: every candidate of an evaluation asks for the same one.
  let byLayout: RatesByLayout | undefined;
  if (last !== undefined && last.hardware === hardware && last.efficiency === serving.efficiency)
    byLayout = last.byLayout;
  else {
    let byServing = RATES.get(hardware);
    if (byServing === undefined) RATES.set(hardware, (byServing = new WeakMap<Efficiency, RatesByLayout>()));
    byLayout = byServing.get(serving.efficiency);
    if (byLayout === undefined) byServing.set(serving.efficiency, (byLayout = new Map() as RatesByLayout));
    last = { hardware, efficiency: serving.efficiency, byLayout };
  }
  const key = layoutKey(computePrecision, layout);
  const hit = byLayout.get(key);
  if (hit !== undefined && hit.factors === extraFactors) return hit.rates;
  const rates = replicaRates(hardware, serving, computePrecision, layout, extraFactors);
  byLayout.set(key, { factors: extraFactors, rates });
  return rates;
}

/** A precision and layout as one small integer (27 bits: core/parallelism.ts layoutIndex), else a string. */
const PRECISION_INDEX = Object.fromEntries(PRECISIONS.map((p, i) => [p, i])) as Record<Precision, number>;
function layoutKey(precision: Precision, l: Parallelism): number | string {
  const index = layoutIndex(l);
  return index === undefined
    ? `${precision} ${l.tensor} ${l.data} ${l.expert} ${l.pipeline}`
    : PRECISION_INDEX[precision] + 8 * index;
}
