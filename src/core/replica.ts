/**
 * One replica: a group of accelerators that together hold one copy of the
 * model and serve one continuous batch. Its effective rates are the spec
 * sheet's peaks times the scenario's efficiency factors.
 */
import { PRECISIONS, type Precision } from '../scenario/precision.js';
import type { ExtraFactor, Hardware, Serving } from '../scenario/schema.js';

export interface ReplicaRates {
  readonly accelerators: number;
  /** The precision the linear layers (matmuls over the weights) run at. */
  readonly computePrecision: Precision;
  /**
   * Achievable FLOP/s of the whole replica at the compute precision, in a
   * prefill pass: peak × `efficiency.compute`, × `efficiency.four_bit` at fp4.
   */
  readonly flopsPerS: number;
  /**
   * Achievable FLOP/s at every precision the accelerator has a rate for (same
   * efficiency): attention runs at the KV cache's precision when that is wider
   * than the compute precision (core/steps.ts).
   */
  readonly flopsPerSByPrecision: Readonly<Partial<Record<Precision, number>>>;
  /** Fraction of the compute efficiency routed-expert matmuls of a fine-grained mixture of experts reach in decode. */
  readonly fineGrainedMoeEfficiency: number;
  /** Fraction of the compute rates above that every FLOP of a decode step reaches (prefill passes reach them in full). */
  readonly decodeComputeEfficiency: number;
  /** Achievable memory bandwidth of the whole replica, bytes/s. */
  readonly bytesPerS: number;
  /** Memory the engine may fill with weights and KV cache, bytes. */
  readonly usableMemoryBytes: number;
  /** Fixed cost of one forward step, s. */
  readonly stepOverheadS: number;
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

const TERA = 1e12;
const GIGA = 1e9;

/**
 * Tensor parallelism splits every layer across the replica's accelerators, so
 * FLOP/s, bandwidth and memory add up. Communication between them is not
 * modelled separately: it is part of what the efficiency factors absorb.
 */
export function replicaRates(
  hardware: Hardware,
  serving: Serving,
  computePrecision: Precision,
  accelerators: number,
  extraFactors: readonly ExtraFactor[] = [],
): ReplicaRates {
  const e = serving.efficiency;
  // 4-bit matmuls reach a lower fraction of their (2× FP8) peak: efficiency.four_bit (scenario/defaults.ts).
  const achievable = (p: Precision): number | undefined => {
    const peak = hardware.dense_tflops[p];
    return peak == null ? undefined : accelerators * peak * TERA * e.compute * (p === 'fp4' ? e.four_bit : 1);
  };
  const flopsPerSByPrecision: Partial<Record<Precision, number>> = {};
  for (const p of PRECISIONS) {
    const rate = achievable(p);
    if (rate !== undefined) flopsPerSByPrecision[p] = rate;
  }
  return {
    accelerators,
    computePrecision,
    flopsPerS: achievable(computePrecision) ?? 0,
    flopsPerSByPrecision,
    fineGrainedMoeEfficiency: e.fine_grained_moe,
    decodeComputeEfficiency: e.decode_compute,
    bytesPerS: accelerators * hardware.memory_bandwidth_tb_per_s * TERA * e.memory_bandwidth,
    usableMemoryBytes: accelerators * hardware.memory_gb * GIGA * e.memory_usable,
    stepOverheadS: e.step_overhead_ms / 1000,
    prefillTimeFactor: phaseTimeFactor(extraFactors, 'prefill'),
    decodeTimeFactor: phaseTimeFactor(extraFactors, 'decode'),
  };
}
