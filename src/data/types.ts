/**
 * Preset catalog types. A preset's `spec` uses the scenario's own field names,
 * so a scenario can name a preset and override any field of it.
 */
import type { z } from 'zod';
import type { HardwareSchema, ModelSchema } from '../scenario/schema.js';

export interface PresetMeta {
  /** Stable id used in scenarios: `hardware: {preset: h100-sxm}`. */
  readonly id: string;
  readonly name: string;
  /** Where every figure came from (datasheets, config.json, announcements). */
  readonly sources: readonly string[];
  /** Counting conventions, caveats, and which figures are estimates. */
  readonly notes?: string;
  /** Fields whose value is an estimate or derived figure rather than a published one. */
  readonly estimated?: readonly string[];
}

export interface HardwarePreset extends PresetMeta {
  readonly vendor: string;
  readonly year: number;
  /** `accelerator` = one chip/GPU (the default); `rack` = a whole rack treated as one unit. */
  readonly unit?: 'accelerator' | 'rack';
  readonly interconnect?: string;
  /** Date (YYYY-MM) and source of `spec.price_usd_per_hour`, when there is one. */
  readonly priceAsOf?: string;
  readonly priceSource?: string;
  readonly spec: z.input<typeof HardwareSchema>;
}

export interface ModelPreset extends PresetMeta {
  readonly license?: string;
  readonly spec: Omit<z.input<typeof ModelSchema>, 'weight_precision' | 'kv_cache_precision'> & {
    readonly weight_precision?: z.input<typeof ModelSchema>['weight_precision'];
  };
}

/** One calibration row's place and error (src/data/error-rows.ts lists the shipped ones; core/error-bands.ts reads them). */
export interface ErrorRow {
  /** Where it comes from (a paper, a table, a benchmark file): rows of one source are held out together. */
  readonly source: string;
  readonly family: string;
  readonly moe: boolean;
  readonly acceleratorClass: string;
  readonly batch: number;
  readonly prefillShare: number;
  /** (predicted − measured) / measured, %. */
  readonly errorPct: number;
}
