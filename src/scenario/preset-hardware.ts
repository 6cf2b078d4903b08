/**
 * A hardware preset as the scenario schema would give it back (its defaults
 * filled in), without running zod: the embedded default scenario and explain's
 * baseline skip validation for start-up time. test/unit/preset-hardware.test.ts
 * checks it against HardwareSchema.parse for every preset.
 */
import type { HardwarePreset } from '../data/types.js';
import { DEFAULT_ACCELERATORS_PER_NODE, DEFAULT_SCALE_OUT_GB_PER_S, DEFAULT_SCALE_UP_GB_PER_S } from './defaults.js';
import type { Hardware } from './schema.js';

export function presetHardware(preset: HardwarePreset): Hardware {
  const { spec } = preset;
  return {
    name: preset.name,
    ...spec,
    accelerators_per_node: spec.accelerators_per_node ?? DEFAULT_ACCELERATORS_PER_NODE,
    scale_up_gb_per_s: spec.scale_up_gb_per_s ?? DEFAULT_SCALE_UP_GB_PER_S,
    scale_out_gb_per_s: spec.scale_out_gb_per_s ?? DEFAULT_SCALE_OUT_GB_PER_S,
  };
}
