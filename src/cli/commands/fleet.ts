/** `infercost fleet <file>`: serving options for the same workloads, side by side. */
import { compareFleet } from '../../core/fleet.js';
import { formatFleetCsv, formatFleetJson, formatFleetTable } from '../../formats/fleet.js';
import { loadFleet } from '../../scenario/fleet-schema.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { EXIT_OK } from '../exit-codes.js';
import { readTextFile, emit } from '../files.js';
import { wantsColor, type Io } from '../io.js';
import { withLocation } from '../scenarios.js';
import { version } from '../version.js';

export const FLEET_FORMATS = ['table', 'json', 'csv'] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

export interface FleetOptions {
  readonly format: FleetFormat;
  readonly output?: string;
  readonly maxInputBytes?: number;
}

export async function fleetCommand(file: string, opts: FleetOptions, io: Io): Promise<number> {
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const loaded = loadFleet(await readTextFile(file, io, maxBytes, 'a fleet file'), file, { maxBytes });
  const result = withLocation({ file, positionOf: loaded.positionOf }, () => compareFleet(loaded.fleet));
  const text =
    opts.format === 'json'
      ? formatFleetJson(result, `infercost ${version()}`)
      : opts.format === 'csv'
        ? formatFleetCsv(result)
        : formatFleetTable(result, { color: opts.output === undefined && wantsColor(io.stdout, io.env) });
  await emit(text, opts.output, io);
  for (const w of result.warnings) io.stderr.write(`infercost: warning: ${file}: ${w}\n`);
  return EXIT_OK;
}
