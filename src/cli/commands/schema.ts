/** `infercost schema [--kind K]`: the JSON Schema of each kind of file a user writes, for editors. */
import { MeasurementsFileSchema } from '../../calibration/measurements.js';
import { FILE_SCHEMAS, jsonSchemaOf } from '../../scenario/file-schema.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit } from '../files.js';
import type { OptionsOf, Runner } from '../spec.js';
import type { schemaSpec } from '../specs.js';

type Kind = OptionsOf<typeof schemaSpec>['kind'];

const SCHEMAS: Record<Kind, () => Record<string, unknown>> = {
  scenario: () => jsonSchemaOf(FILE_SCHEMAS.scenario.schema, FILE_SCHEMAS.scenario.title),
  fleet: () => jsonSchemaOf(FILE_SCHEMAS.fleet.schema, FILE_SCHEMAS.fleet.title),
  roadmap: () => jsonSchemaOf(FILE_SCHEMAS.roadmap.schema, FILE_SCHEMAS.roadmap.title),
  measurements: () => jsonSchemaOf(MeasurementsFileSchema, 'infercost measurements'),
  result: () => jsonSchemaOf(FILE_SCHEMAS.result.schema, FILE_SCHEMAS.result.title),
};

export const schemaCommand: Runner<typeof schemaSpec> = async (_args, opts, io) => {
  await emit(`${JSON.stringify(SCHEMAS[opts.kind](), null, 2)}\n`, opts.output, io);
  return EXIT_OK;
};
