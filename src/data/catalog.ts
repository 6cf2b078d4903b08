/** Look-ups into the preset catalogs. */
import { HARDWARE_PRESETS } from './hardware.js';
import { MODEL_PRESETS } from './models.js';
import type { HardwarePreset, ModelPreset } from './types.js';

export type PresetKind = 'model' | 'hardware';

export function presetsOf(kind: 'model'): readonly ModelPreset[];
export function presetsOf(kind: 'hardware'): readonly HardwarePreset[];
export function presetsOf(kind: PresetKind): readonly (ModelPreset | HardwarePreset)[];
export function presetsOf(kind: PresetKind): readonly (ModelPreset | HardwarePreset)[] {
  return kind === 'model' ? MODEL_PRESETS : HARDWARE_PRESETS;
}

export function findPreset(kind: PresetKind, id: string): ModelPreset | HardwarePreset | undefined {
  return presetsOf(kind).find((p) => p.id === id);
}
