/** presetHardware fills a preset's defaults by hand (no zod on the fast path): it must agree with the schema. */
import { describe, expect, it } from 'vitest';
import { HARDWARE_PRESETS } from '../../src/data/hardware.js';
import { presetHardware } from '../../src/scenario/preset-hardware.js';
import { HardwareSchema } from '../../src/scenario/schema.js';

describe('presetHardware', () => {
  it.each(HARDWARE_PRESETS.map((p) => [p.id, p] as const))('%s: what HardwareSchema.parse gives', (_, p) => {
    expect(presetHardware(p)).toEqual(HardwareSchema.parse({ name: p.name, ...p.spec }));
  });

  it('fills a default the preset leaves out', () => {
    const h100 = HARDWARE_PRESETS.find((p) => p.id === 'h100-sxm')!;
    const { scale_up_gb_per_s: _up, accelerators_per_node: _n, ...bare } = h100.spec;
    const filled = presetHardware({ ...h100, spec: bare });
    expect(filled).toEqual(HardwareSchema.parse({ name: h100.name, ...bare }));
    expect(filled.accelerators_per_node).toBe(8);
  });
});
