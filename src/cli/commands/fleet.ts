/** `infercost fleet <file>`: serving options for the same workloads, side by side. */
import { compareFleet } from '../../core/fleet.js';
import { fleetRenderers } from '../../formats/fleet.js';
import { loadFleet } from '../../scenario/fleet-schema.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { EXIT_OK } from '../exit-codes.js';
import { readTextFile, emit } from '../files.js';
import { renderContext } from '../render-context.js';
import { withLocation } from '../scenarios.js';
import type { Runner } from '../spec.js';
import type { fleetSpec } from '../specs.js';

export const fleetCommand: Runner<typeof fleetSpec> = async ([file], opts, io) => {
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const loaded = loadFleet(await readTextFile(file, io, maxBytes, 'a fleet file'), file, { maxBytes });
  const result = withLocation({ file, positionOf: loaded.positionOf }, () => compareFleet(loaded.fleet));
  const text = await fleetRenderers[opts.format](result, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  for (const w of result.warnings) io.stderr.write(`infercost: warning: ${file}: ${w}\n`);
  return EXIT_OK;
};
