/**
 * One replica: a group of accelerators that together hold one copy of the
 * model and serve one continuous batch, split by tensor parallelism. Its
 * rates are the spec sheet's figures times the scenario's efficiency
 * parameters; the step model (core/steps.ts) applies the GEMM curve and the
 * fixed and communication costs on top.
 */
import { ACTIVATION_BYTES } from '../scenario/defaults.js';
import type { Precision } from '../scenario/precision.js';
import type { ExtraFactor, Hardware, Serving } from '../scenario/schema.js';
import { allReduceLink, allToAllLink, type AllReduceLink, type LinkFigures } from './communication.js';

/**
 * How a replica splits the model over its accelerators:
 * - `tensor`: every layer split across all of them (Megatron tensor
 *   parallelism), two all-reduces per layer;
 * - `data-attention-expert`: attention and the always-active weights
 *   replicated, each accelerator running attention for its own share of the
 *   requests (attention data parallelism), the routed experts spread over
 *   all of them (expert parallelism), two all-to-alls per MoE layer — the
 *   "DEP" layout of TensorRT-LLM and SGLang for large MoE models.
 * Scenarios cannot choose among them yet (a planned serving.parallelism field); today the
 * calculator serves scenarios with `tensor`, and calibration rows that state
 * DEP / attention DP are predicted with `data-attention-expert`.
 */
export type ReplicaLayout = 'tensor' | 'data-attention-expert';

export interface ReplicaRates {
  readonly accelerators: number;
  readonly layout: ReplicaLayout;
  /** The precision the linear layers (matmuls over the weights) run at. */
  readonly computePrecision: Precision;
  /**
   * Peak FLOP/s of the whole replica at the compute precision (× `four_bit`
   * at fp4); a GEMM reaches η(rows) of it (core/gemm.ts).
   */
  readonly peakFlopsPerS: number;
  /** Peak FLOP/s of the replica at another precision the accelerator has a rate for (undefined if none): attention runs at the KV cache's precision when that is wider. */
  readonly peakFlopsPerSAt: (precision: Precision) => number | undefined;
  /** GEMM efficiency ceiling and the rows at half of it. */
  readonly gemmCeiling: number;
  readonly gemmHalfRows: number;
  /** Fraction of peak attention kernels reach on their FLOPs. */
  readonly attentionEfficiency: number;
  /** Achievable memory bandwidth of the whole replica, and of one of its accelerators, bytes/s. */
  readonly bytesPerS: number;
  readonly bytesPerSPerAccelerator: number;
  /** Achievable bandwidth of the replica for attention kernels reading the KV cache, bytes/s. */
  readonly kvBytesPerS: number;
  /** Hidden-vector reads/writes per token per layer outside the GEMMs, on every rank. */
  readonly activationPasses: number;
  /** Memory the engine may fill with weights and KV cache, bytes. */
  readonly usableMemoryBytes: number;
  /** Fixed time per layer, extra per MoE layer, and once per step, s. */
  readonly layerOverheadS: number;
  readonly moeLayerOverheadS: number;
  /** Fixed time per routed expert a step touches, per MoE layer, s. */
  readonly expertOverheadS: number;
  readonly stepOverheadS: number;
  /** The tensor-parallel all-reduce of this replica, and its expert-parallel all-to-all. */
  readonly allReduce: AllReduceLink;
  readonly allToAll: AllReduceLink;
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

export function replicaRates(
  hardware: Hardware,
  serving: Serving,
  computePrecision: Precision,
  accelerators: number,
  extraFactors: readonly ExtraFactor[] = [],
  layout: ReplicaLayout = 'tensor',
): ReplicaRates {
  const e = serving.efficiency;
  // 4-bit matmuls reach a lower fraction of their (2× FP8) peak: efficiency.four_bit (scenario/defaults.ts).
  const peak = (p: Precision): number | undefined => {
    const tflops = hardware.dense_tflops[p];
    return tflops == null ? undefined : accelerators * tflops * TERA * (p === 'fp4' ? e.four_bit : 1);
  };
  const link: LinkFigures = {
    accelerators,
    domain: hardware.accelerators_per_node,
    scaleUpBytesPerS: hardware.scale_up_gb_per_s * GIGA,
    scaleOutBytesPerS: hardware.scale_out_gb_per_s * GIGA,
    efficiency: e.link,
    scaleUpLatencyS: e.all_reduce_latency_us * MICRO,
    scaleOutLatencyS: e.scale_out_latency_us * MICRO,
  };
  return {
    accelerators,
    layout,
    computePrecision,
    peakFlopsPerS: peak(computePrecision) ?? 0,
    peakFlopsPerSAt: peak,
    gemmCeiling: e.compute,
    gemmHalfRows: e.gemm_half_rows,
    attentionEfficiency: e.attention_compute,
    bytesPerS: accelerators * hardware.memory_bandwidth_tb_per_s * TERA * e.memory_bandwidth,
    bytesPerSPerAccelerator: hardware.memory_bandwidth_tb_per_s * TERA * e.memory_bandwidth,
    kvBytesPerS: accelerators * hardware.memory_bandwidth_tb_per_s * TERA * e.kv_bandwidth,
    activationPasses: e.activation_passes,
    usableMemoryBytes: accelerators * hardware.memory_gb * GIGA * e.memory_usable,
    layerOverheadS: e.layer_overhead_us * MICRO,
    moeLayerOverheadS: e.moe_layer_overhead_us * MICRO,
    expertOverheadS: e.expert_overhead_us * MICRO,
    stepOverheadS: e.step_overhead_ms / 1000,
    allReduce: allReduceLink(link),
    // Only the expert-parallel layout exchanges tokens all-to-all (steps.ts).
    allToAll: layout === 'tensor' ? NO_LINK : allToAllLink(link),
    activationBytes: ACTIVATION_BYTES,
    prefillTimeFactor: phaseTimeFactor(extraFactors, 'prefill'),
    decodeTimeFactor: phaseTimeFactor(extraFactors, 'decode'),
  };
}
