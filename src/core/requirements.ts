/**
 * Figures a scenario must have before any cost can be computed. A preset may
 * leave a figure unknown (null): the user is asked for it, never given a
 * silent zero.
 */
import { InfeasibleError } from '../errors.js';
import { WIDER_PRECISIONS, type Precision } from '../scenario/precision.js';
import type { Scenario } from '../scenario/schema.js';

export interface MissingFigure {
  readonly path: string;
  readonly message: string;
}

/** The arithmetic precision: the scenario's, else the weight precision or the next wider one the hardware has. */
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
  const found = WIDER_PRECISIONS[weight].find((p) => tflops[p] != null);
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
  const missing = missingFigures(scenario);
  const first = missing[0];
  if (first !== undefined) throw new InfeasibleError(missing.map((m) => m.message).join('; '), first.path);
  return { computePrecision: precision as Precision, priceUsdPerHour: scenario.hardware.price_usd_per_hour as number };
}
