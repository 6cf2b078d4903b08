/**
 * The files a user writes, as written: `model` and `hardware` may name a
 * preset and give only the fields they override. Used for `infercost schema`
 * (JSON Schema for editors); the loaders validate the resolved files with the
 * full schemas, which add the cross-field rules JSON Schema cannot express.
 */
import * as z from 'zod';
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
  nameText,
} from './schema.js';
import { FleetBlockSchema, FleetDeploymentSchema, FleetFileSchema, FleetOptionSchema } from './fleet-schema.js';
import { RoadmapAcceleratorSchema, RoadmapFileSchema } from './roadmap-schema.js';
import { SavedDocumentSchema } from './saved-result.js';

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
  name: nameText().describe('Scenario name, shown in every output'),
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

/** A fleet file as written: each deployment's model and hardware may be presets. */
const FleetFileInputSchema = z.strictObject({
  ...FleetFileSchema.shape,
  fleet: z.strictObject({
    ...FleetBlockSchema.shape,
    options: z
      .array(
        z.strictObject({
          ...FleetOptionSchema.shape,
          deployments: z
            .array(z.strictObject({ ...FleetDeploymentSchema.shape, model: modelRef(), hardware: hardwareRef() }))
            .min(1)
            .max(64),
        }),
      )
      .min(1)
      .max(16),
  }),
});

/** A roadmap as written: each accelerator's hardware may be a preset. */
const RoadmapFileInputSchema = z.strictObject({
  ...RoadmapFileSchema.shape,
  accelerators: z
    .array(z.strictObject({ ...RoadmapAcceleratorSchema.shape, hardware: hardwareRef() }))
    .min(1)
    .max(64),
});

/** The kinds of file `infercost schema --kind` describes (measurements: calibration/measurements.ts). */
export const FILE_SCHEMAS = {
  scenario: { schema: ScenarioFileSchema, title: 'infercost scenario' },
  fleet: { schema: FleetFileInputSchema, title: 'infercost fleet' },
  roadmap: { schema: RoadmapFileInputSchema, title: 'infercost roadmap' },
  result: {
    schema: SavedDocumentSchema,
    title: 'infercost saved result (simulate --format json, for compare --baseline-json)',
  },
} as const;

/** JSON Schema (draft 2020-12) of a zod schema as a user writes it, for yaml-language-server and other editors. */
export function jsonSchemaOf(schema: z.ZodType, title: string): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title };
}

/** JSON Schema of a scenario file. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(ScenarioFileSchema, FILE_SCHEMAS.scenario.title);
}
