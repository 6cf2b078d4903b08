/** `infercost init [file]`: write a commented starter scenario; never overwrite without --force. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { singleLine } from '../../formats/text-safety.js';
import { DEFAULT_SCENARIO_YAML } from '../../scenario/default-scenario.js';
import { EXIT_OK } from '../exit-codes.js';
import { writeFileAtomic } from '../files.js';
import type { Runner } from '../spec.js';
import type { initSpec } from '../specs.js';

export const initCommand: Runner<typeof initSpec> = async ([target], opts, io) => {
  if (target.trim() === '') throw new UsageError('init: the file name is empty: give the scenario file to write');
  const existing = statSync(path.resolve(io.cwd, target), { throwIfNoEntry: false });
  // A directory is no file to overwrite: --force would not help, so do not offer it.
  if (existing?.isDirectory())
    throw new UsageError(
      `${singleLine(target)}: is a directory: give a file name for the scenario (e.g. ${singleLine(path.join(target, 'scenario.yaml'))})`,
    );
  if (!opts.force && existing !== undefined)
    throw new UsageError(`${singleLine(target)} already exists; use --force to overwrite it`);
  await writeFileAtomic(target, io, DEFAULT_SCENARIO_YAML, { overwrite: opts.force === true });
  io.stderr.write(
    `infercost: wrote ${singleLine(target)}; edit it, then run: infercost simulate ${singleLine(target)}\n`,
  );
  return EXIT_OK;
};
