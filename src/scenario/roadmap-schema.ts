/**
 * The hardware roadmap `infercost project` runs a scenario along: which
 * accelerator can be had from which month, at what price, and which software
 * improvements (reasoning compression, extra factors) arrive when. Every entry
 * cites its source. A `hardware:` block is exactly a scenario's (a preset with
 * overrides, or inline fields), and must end up with a price.
 */
import * as z from 'zod';
import { InputError } from '../errors.js';
import { ExtraFactorSchema, HardwareSchema, nameText } from './schema.js';
import {
  emptyResolution,
  isPlainObject,
  parseYamlMap,
  positionOfDotted,
  resolvePresetsAt,
  validateLocated,
} from './yaml-input.js';

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month written YYYY-MM (quoted or not: YAML reads 2026-11 as text). */
export const MonthSchema = z.string().superRefine((s, ctx) => {
  if (!MONTH_PATTERN.test(s))
    ctx.addIssue({ code: 'custom', message: `expected a month as YYYY-MM (e.g. 2026-11), got ${JSON.stringify(s)}` });
});

/** Months since year 0: `2026-11` → 2026 × 12 + 10. Throws on anything but YYYY-MM. */
export function monthIndex(month: string): number {
  const m = MONTH_PATTERN.exec(month);
  if (m === null) throw new Error(`not a YYYY-MM month: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** The inverse of monthIndex. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const RoadmapAcceleratorSchema = z
  .strictObject({
    /** First month it can be had. */
    from: MonthSchema,
    /** Last month it can be had (absent: to the end of the projection). */
    until: MonthSchema.optional(),
    hardware: HardwareSchema,
    /** Where its availability and price come from. */
    source: z.string().min(1),
  })
  .superRefine((a, ctx) => {
    if (a.hardware.price_usd_per_hour == null)
      ctx.addIssue({
        code: 'custom',
        path: ['hardware', 'price_usd_per_hour'],
        message: `no price per accelerator-hour for ${a.hardware.name ?? 'this hardware'}: a roadmap compares chips by cost, so set hardware.price_usd_per_hour (and say where it comes from in source)`,
      });
    if (
      a.until !== undefined &&
      MONTH_PATTERN.test(a.from) &&
      MONTH_PATTERN.test(a.until) &&
      monthIndex(a.until) < monthIndex(a.from)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: `expected a month no earlier than from (${a.from}), got ${a.until}`,
      });
  });
export type RoadmapAccelerator = z.infer<typeof RoadmapAcceleratorSchema>;

export const SoftwareStepSchema = z
  .strictObject({
    /** First month it applies; it applies from then on. */
    from: MonthSchema,
    name: nameText(),
    /**
     * Fraction of thinking tokens removed from this month on (e.g. OPSDC 0.57).
     * The best compression in effect wins, the scenario's own included.
     */
    compression: z.number().min(0).lt(1).optional(),
    /** Claimed speed-ups added from this month on, as in a scenario (reported as assumptions). */
    extra_factors: z.array(ExtraFactorSchema).max(32).default([]),
    source: z.string().min(1),
  })
  .superRefine((s, ctx) => {
    if (s.compression === undefined && s.extra_factors.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['compression'],
        message: 'a software step needs compression or extra_factors (or both)',
      });
  });
export type SoftwareStep = z.infer<typeof SoftwareStepSchema>;

export const RoadmapFileSchema = z.strictObject({
  name: nameText(),
  description: z.string().optional(),
  accelerators: z.array(RoadmapAcceleratorSchema).min(1).max(64),
  software: z.array(SoftwareStepSchema).max(64).default([]),
});
export type Roadmap = z.infer<typeof RoadmapFileSchema>;

export interface LoadedRoadmap {
  readonly file: string;
  readonly roadmap: Roadmap;
  readonly positionOf: (path: string) => { line: number; column: number } | undefined;
}

/** Roadmap text → a validated roadmap, or an InputError naming every problem with line:column. */
export function loadRoadmap(text: string, file = '<roadmap>', options: { maxBytes?: number } = {}): LoadedRoadmap {
  const { raw, locate } = parseYamlMap(text, file, {
    maxBytes: options.maxBytes,
    kind: 'roadmap',
    noun: 'roadmap',
    expected: 'name and accelerators (and software)',
  });
  if (!('accelerators' in raw) && ('model' in raw || 'fleet' in raw))
    throw new InputError(file, [
      {
        path: '',
        line: 1,
        column: 1,
        message: `this is a ${'fleet' in raw ? 'fleet' : 'scenario'} file, not a roadmap: a roadmap has name, accelerators and software (see examples/roadmap/)`,
      },
    ]);
  const presets = emptyResolution();
  const value = Array.isArray(raw.accelerators)
    ? {
        ...raw,
        accelerators: raw.accelerators.map((a: unknown, i: number) =>
          isPlainObject(a) ? resolvePresetsAt(a, ['accelerators', i], presets) : a,
        ),
      }
    : raw;
  const roadmap = validateLocated(RoadmapFileSchema, value, file, locate, presets);
  return { file, roadmap, positionOf: positionOfDotted(locate) };
}

export const DEFAULT_ROADMAP_NAME = '<embedded default roadmap>';

/**
 * The roadmap `infercost project` uses without --roadmap: NVIDIA data-centre
 * GPUs anyone can rent, hardware only. Kept as YAML text (the file format by
 * example); examples/roadmap/nvidia.yaml is the same text (a test checks).
 */
export const DEFAULT_ROADMAP_YAML = `# infercost roadmap: NVIDIA data-centre GPUs anyone can rent, from the month each became
# (or is announced to become) rentable, at one on-demand price per GPU-hour each.
# The default of \`infercost project\` (no --roadmap). Hardware only: no software
# improvement is assumed; see examples/roadmap/articles-claims.yaml for those.
# Meta's MTIA chips are left out: Meta-internal, not for rent.
name: NVIDIA GPUs for rent (infercost default roadmap)
description: H100 SXM (2023), B200 (2025), Rubin (H2 2026, price assumed); no software steps.

accelerators:
  - from: 2023-07
    hardware: { preset: h100-sxm }
    source: >-
      Amazon EC2 P5 (8x H100 SXM) on sale from July 2023 (nextplatform.com, 2023-07-27,
      "H100 GPU Instance Pricing On AWS"). Price: preset h100-sxm, $2.95/GPU-h, the median
      on-demand price across providers (aimultiple GPU index, 2026-05).
  - from: 2025-05
    hardware: { preset: b200 }
    source: >-
      Amazon EC2 P6-B200 generally available 15 May 2025 (nextplatform.com, "Sizing Up AWS
      Blackwell GPU Systems"). Price: preset b200, $5.50/GPU-h (Nebius on-demand).
  - from: 2026-07
    hardware:
      preset: rubin
      # ASSUMPTION: the lower, 35 PF NVFP4 "training" figure is dense FP4; FP8 and BF16 at
      # half and a quarter of it (the b200 preset's ratios), as in
      # scenarios/roadmap-nvidia-rubin.yaml. Bandwidth-bound decode does not use them.
      dense_tflops: { fp4: 35000, fp8: 17500, bf16: 8750 }
      # ASSUMPTION: $10.25/GPU-h, one more step of the H100 -> B200 price ratio (x1.86).
      price_usd_per_hour: 10.25
    source: >-
      Seed 003: "AWS, Google Cloud, Azure, and Oracle have all committed to deploying Vera
      Rubin in H2 2026" -- taken as July 2026, the earliest that allows; rentable capacity
      may come later. FLOP/s and price are assumptions (see the comments).

software: []
`;
