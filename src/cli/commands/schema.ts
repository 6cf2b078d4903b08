/** `infercost schema`: the JSON Schema of a scenario file, for editors. */
import { scenarioJsonSchema } from '../../scenario/file-schema.js';
import { EXIT_OK } from '../exit-codes.js';
import { writeFileAtomic } from '../files.js';
import type { Io } from '../io.js';

export async function schemaCommand(opts: { output?: string }, io: Io): Promise<number> {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (opts.output === undefined) io.stdout.write(text);
  else await writeFileAtomic(opts.output, io.cwd, text);
  return EXIT_OK;
}
