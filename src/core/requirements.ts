/**
 * Figures a scenario must have before any cost can be computed. A preset may
 * leave a figure unknown (null): the user is asked for it, never given a
 * silent zero.
 */
import { elementAt } from './at.js';
import { InfeasibleError } from '../errors.js';
import { BYTES_PER_ELEMENT, WIDER_PRECISIONS, type Precision } from '../scenario/precision.js';
import type { Scenario, Tflops } from '../scenario/schema.js';

export interface MissingFigure {
  readonly path: string;
  readonly message: string;
}

/** 4-bit weight formats: without 4-bit tensor cores, engines dequantise them to 16 bits in the GEMM kernel. */
const FOUR_BIT: readonly Precision[] = ['int4', 'fp4'];

/**
 * The arithmetic a chip's usual engine runs weights of this precision at, and
 * why, when the scenario does not pin it:
 * - the weight precision itself where the chip has a dense rate for it (FP8 on
 *   Hopper, NVFP4/MXFP4 on Blackwell), widened to the checkpoint's
 *   `activation_precision` when its weights are quantised alone (gpt-oss:
 *   MXFP4 weights with MXFP8 activations on Blackwell);
 * - 4-bit weights (int4, fp4) on a chip without a 4-bit rate: 16-bit arithmetic
 *   (W4A16), bf16 where the chip has it — what vLLM's Marlin kernels do for
 *   AWQ/GPTQ int4 and MXFP4 on Ampere and Hopper (vLLM docs, "Quantization":
 *   Marlin W4A16), rather than W4A8 through an int8/fp8 rate;
 * - otherwise the next wider precision the chip has a rate for.
 */
export function defaultComputePrecision(
  weight: Precision,
  tflops: Tflops,
  activation?: Precision,
): ComputePrecisionChoice | undefined {
  if (tflops[weight] != null) {
    // A weight-only quantised checkpoint keeps wider activations: the GEMM runs at theirs.
    if (activation !== undefined && BYTES_PER_ELEMENT[activation] > BYTES_PER_ELEMENT[weight]) {
      const wider = WIDER_PRECISIONS[activation].find((p) => tflops[p] != null);
      if (wider !== undefined) return { precision: wider, rule: 'activations' };
    }
    return { precision: weight, rule: 'weights' };
  }
  if (FOUR_BIT.includes(weight)) {
    const sixteen = (['bf16', 'fp16'] as const).find((p) => tflops[p] != null);
    if (sixteen !== undefined) return { precision: sixteen, rule: 'w4a16' };
  }
  const found = WIDER_PRECISIONS[weight].find((p) => tflops[p] != null);
  return found === undefined ? undefined : { precision: found, rule: 'wider' };
}

/** Which rule of defaultComputePrecision chose the precision (worded by precisionWhy, only when shown). */
export interface ComputePrecisionChoice {
  readonly precision: Precision;
  readonly rule: 'weights' | 'activations' | 'w4a16' | 'wider';
}

/** Why defaultComputePrecision chose what it did, in words. */
export function precisionWhy(choice: ComputePrecisionChoice, weight: Precision, activation?: Precision): string {
  switch (choice.rule) {
    case 'activations':
      return `${weight} weights, ${activation} activations: model.activation_precision`;
    case 'weights':
      return `the weight precision (${weight}), which the hardware has`;
    case 'w4a16':
      return `${weight} weights on hardware without ${weight} tensor cores run as W4A16 (${choice.precision} arithmetic), as vLLM's Marlin kernels do`;
    case 'wider':
      return `the next wider precision than ${weight} the hardware has a rate for`;
  }
}

/** The arithmetic precision: the scenario's, else the chip's usual one for the weight precision (defaultComputePrecision). */
function computePrecisionOrMissing(scenario: Scenario): Precision | MissingFigure {
  const tflops = scenario.hardware.dense_tflops;
  const pinned = scenario.serving.compute_precision;
  const hw = scenario.hardware.name ?? 'the hardware';
  if (pinned !== undefined) {
    return tflops[pinned] != null
      ? pinned
      : {
          path: `hardware.dense_tflops.${pinned}`,
          message: `serving.compute_precision is ${pinned}, but ${hw} has no dense ${pinned} FLOP/s figure: add hardware.dense_tflops.${pinned}`,
        };
  }
  const weight = scenario.model.weight_precision;
  const found = defaultComputePrecision(weight, tflops, scenario.model.activation_precision)?.precision;
  return (
    found ?? {
      path: 'hardware.dense_tflops',
      message: `${hw} has no dense FLOP/s figure for ${weight} weights (looked for ${WIDER_PRECISIONS[weight].join(', ')}): add one under hardware.dense_tflops`,
    }
  );
}

/** Every figure the scenario lacks, each with the field to set. */
export function missingFigures(scenario: Scenario): MissingFigure[] {
  const missing: MissingFigure[] = [];
  const precision = computePrecisionOrMissing(scenario);
  if (typeof precision !== 'string') missing.push(precision);
  if (scenario.hardware.price_usd_per_hour == null)
    missing.push({
      path: 'hardware.price_usd_per_hour',
      message: `no price per accelerator-hour for ${scenario.hardware.name ?? 'this hardware'} (no public on-demand price is known): set hardware.price_usd_per_hour`,
    });
  return missing;
}

export interface RequiredFigures {
  readonly computePrecision: Precision;
  readonly priceUsdPerHour: number;
}

export function requireFigures(scenario: Scenario): RequiredFigures {
  const precision = computePrecisionOrMissing(scenario);
  const price = scenario.hardware.price_usd_per_hour;
  // Narrowed here, not cast: each branch is a figure missingFigures reports.
  if (typeof precision === 'string' && price != null) return { computePrecision: precision, priceUsdPerHour: price };
  const missing = missingFigures(scenario);
  throw new InfeasibleError(missing.map((m) => m.message).join('; '), elementAt(missing, 0).path);
}
