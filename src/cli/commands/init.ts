/** `infercost init [file]`: write a commented starter scenario; never overwrite without --force. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { DEFAULT_SCENARIO_YAML } from '../../scenario/default-scenario.js';
import { EXIT_OK } from '../exit-codes.js';
import { writeFileAtomic } from '../files.js';
import type { Runner } from '../spec.js';
import type { initSpec } from '../specs.js';

export const initCommand: Runner<typeof initSpec> = async ([target], opts, io) => {
  if (!opts.force && existsSync(path.resolve(io.cwd, target)))
    throw new UsageError(`${target} already exists; use --force to overwrite it`);
  await writeFileAtomic(target, io, DEFAULT_SCENARIO_YAML, { overwrite: opts.force === true });
  io.stderr.write(`infercost: wrote ${target}; edit it, then run: infercost simulate ${target}\n`);
  return EXIT_OK;
};
