/** `infercost validate <files...>`: check scenarios without computing costs. Exit 0 all valid, 2 otherwise. */
import { missingFigures } from '../../core/requirements.js';
import { InputError, UserError, UserErrors } from '../../errors.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { EXIT_OK } from '../exit-codes.js';
import { readTextFile } from '../files.js';
import { loadScenarioText } from '../scenarios.js';
import type { Runner } from '../spec.js';
import type { validateSpec } from '../specs.js';

export const validateCommand: Runner<typeof validateSpec> = async ([files], opts, io) => {
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const errors: UserError[] = [];
  for (const file of files) {
    try {
      const loaded = await loadScenarioText(await readTextFile(file, io, maxBytes, 'a scenario file'), file, maxBytes);
      // Figures a preset leaves unknown are part of validity: simulate would stop on them.
      const missing = missingFigures(loaded.scenario).map((m) => ({ ...m, ...loaded.positionOf(m.path) }));
      if (missing.length > 0) throw new InputError(file, missing);
      io.stdout.write(`ok ${file}\n`);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length > 0) throw UserErrors.of(errors);
  return EXIT_OK;
};
