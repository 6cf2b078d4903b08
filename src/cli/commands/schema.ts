/** `infercost schema`: the JSON Schema of a scenario file, for editors. */
import { scenarioJsonSchema } from '../../scenario/file-schema.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit } from '../files.js';
import type { Runner } from '../spec.js';
import type { schemaSpec } from '../specs.js';

export const schemaCommand: Runner<typeof schemaSpec> = async (_args, opts, io) => {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  await emit(text, opts.output, io);
  return EXIT_OK;
};
