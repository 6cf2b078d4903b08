/**
 * A step's time by part, as one line: "weights 4.1 ms · KV cache 2.0 ms · …",
 * largest first, parts under 0.5% of the step left out.
 */
import type { StepBreakdown } from '../core/steps.js';
import { formatSeconds } from './numbers.js';

export const PART_LABELS: Readonly<Record<keyof StepBreakdown, string>> = {
  weightsS: 'weights',
  kvCacheS: 'KV cache',
  activationsS: 'activations',
  computeS: 'compute',
  communicationS: 'communication',
  fixedS: 'fixed cost',
};

/** Parts smaller than this share of the step are not listed. */
const SMALLEST_SHOWN = 0.005;

export function formatBreakdown(b: StepBreakdown): string {
  const parts = (Object.keys(PART_LABELS) as (keyof StepBreakdown)[]).map((k) => [PART_LABELS[k], b[k]] as const);
  const total = parts.reduce((s, [, v]) => s + v, 0);
  return parts
    .filter(([, v]) => v > 0 && v >= SMALLEST_SHOWN * total)
    .sort((x, y) => y[1] - x[1])
    .map(([label, v]) => `${label} ${formatSeconds(v)}`)
    .join(' · ');
}
