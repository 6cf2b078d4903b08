/**
 * The scenario file as a user writes it: `model` and `hardware` may name a
 * preset and give only the fields they override. Used for `infercost schema`
 * (JSON Schema for editors); the loader validates the resolved scenario with
 * ScenarioSchema, which adds the cross-field rules JSON Schema cannot express.
 */
import { z } from 'zod';
import { HARDWARE_PRESETS } from '../data/hardware.js';
import { MODEL_PRESETS } from '../data/models.js';
import {
  ApiPricingSchema,
  AttentionFields,
  ExtraFactorSchema,
  PrecisionSchema,
  BudgetSchema,
  HardwareSchema,
  MoeFields,
  ModelFields,
  ReasoningFields,
  ServingSchema,
  TflopsSchema,
  TrafficSchema,
} from './schema.js';

const ids = (presets: readonly { id: string }[]) => presets.map((p) => p.id) as [string, ...string[]];

const modelRef = () =>
  ModelFields.partial()
    .extend({
      preset: z.enum(ids(MODEL_PRESETS)).optional().describe('A model preset: `infercost presets list models`'),
      attention: AttentionFields.partial().optional(),
      moe: MoeFields.partial().nullable().optional(),
    })
    .describe('A preset, inline fields, or a preset with fields that override it');
const hardwareRef = () =>
  HardwareSchema.partial()
    .extend({
      preset: z.enum(ids(HARDWARE_PRESETS)).optional().describe('A hardware preset: `infercost presets list hardware`'),
      dense_tflops: TflopsSchema.optional(),
    })
    .describe('A preset, inline fields, or a preset with fields that override it');

export const ScenarioFileSchema = z.strictObject({
  name: z.string().min(1).describe('Scenario name, shown in every output'),
  description: z.string().optional(),
  model: modelRef(),
  hardware: hardwareRef(),
  serving: ServingSchema.optional(),
  reasoning: ReasoningFields.optional(),
  traffic: TrafficSchema,
  budget: BudgetSchema.optional(),
  extra_factors: z.array(ExtraFactorSchema).optional(),
  api_pricing: ApiPricingSchema.optional(),
  baseline: z
    .strictObject({
      model: modelRef().optional(),
      hardware: hardwareRef().optional(),
      weight_precision: PrecisionSchema.optional(),
      compression: z.number().min(0).lt(1).optional(),
    })
    .optional(),
});

/** JSON Schema (draft 2020-12) of a scenario file, for yaml-language-server and other editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioFileSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'infercost scenario',
  };
}
