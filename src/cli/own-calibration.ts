/**
 * A scenario's own calibration: the measured rows its figures' ranges come
 * from, when `--calibration` is given or the scenario sets `calibration:`
 * (paths relative to the scenario file). Read once per distinct source and
 * context; the readers (and zod) are loaded only when one is asked for.
 */
import path from 'node:path';
import type { ErrorRow } from '../data/types.js';
import { IoError, UserError } from '../errors.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Io } from './io.js';

export type OwnRows = (l: LoadedScenario) => Promise<readonly ErrorRow[] | undefined>;

const presetOf = (raw: Readonly<Record<string, unknown>>, section: string): string | undefined => {
  const s = raw[section];
  const id = typeof s === 'object' && s !== null ? (s as Record<string, unknown>).preset : undefined;
  return typeof id === 'string' ? id : undefined;
};

/** The calibration sources of one scenario, as paths from the working directory, and what names them. */
function sourcesOf(l: LoadedScenario, flag: string | undefined): { paths: string[]; named: string } | undefined {
  if (flag !== undefined) return { paths: [flag], named: `--calibration ${flag}` };
  const own = l.scenario.calibration;
  if (own === undefined) return undefined;
  const list = typeof own === 'string' ? [own] : own;
  const dir = path.dirname(l.file);
  return {
    paths: list.map((p) => (path.isAbsolute(p) ? p : path.join(dir, p))),
    named: `${l.file}: calibration ${list.join(', ')}`,
  };
}

/** A reader of each scenario's own error rows (undefined: the published ones), memoised across scenarios. */
export function ownRowsReader(flag: string | undefined, io: Io): OwnRows {
  const memo = new Map<string, Promise<readonly ErrorRow[]>>();
  return async (l) => {
    const sources = sourcesOf(l, flag);
    if (sources === undefined) return undefined;
    const context = {
      model: presetOf(l.raw, 'model'),
      accelerator: presetOf(l.raw, 'hardware'),
      accelerators: l.scenario.serving.accelerators_per_replica,
      precision: l.scenario.model.weight_precision,
    };
    const efficiency = l.scenario.serving.efficiency;
    const key = JSON.stringify([sources.paths, context, efficiency]);
    let rows = memo.get(key);
    if (rows === undefined) {
      rows = (async () => {
        const [{ readInputs }, { errorRows }, { DEFAULT_MAX_MEASUREMENTS_BYTES }] = await Promise.all([
          import('./calibration-inputs.js'),
          import('../calibration/error-rows.js'),
          import('../calibration/measurements.js'),
        ]);
        const flags = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
        const measured = await readInputs(
          sources.paths,
          { inputFormat: 'auto', flags, maxBytes: DEFAULT_MAX_MEASUREMENTS_BYTES, contextSource: 'scenario' },
          io,
        ).catch((e: unknown) => {
          // A file the scenario names that cannot be read: say where the scenario names it.
          if (flag !== undefined || !(e instanceof IoError)) throw e;
          const at = l.positionOf('calibration');
          throw new IoError(
            `${l.file}${at === undefined ? '' : `:${at.line}:${at.column}`}: calibration: ${e.message}`,
          );
        });
        const evaluated = errorRows(measured, efficiency);
        if (evaluated.length === 0)
          throw new UserError(`${sources.named}: no row could be evaluated (\`infercost calibrate\` says why)`);
        return evaluated;
      })();
      memo.set(key, rows);
    }
    return rows;
  };
}
