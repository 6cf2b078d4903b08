/** `infercost optimize [scenario]`: the cheapest configuration that meets the scenario's targets. */
import { hardwareOptions, optimize, type OptimizeResult } from '../../core/optimize.js';
import { InfeasibleError, UsageError } from '../../errors.js';
import { optimizeRenderers } from '../../formats/optimize.js';
import { PRECISIONS, type Precision } from '../../scenario/precision.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit, readTextFile } from '../files.js';
import type { Io } from '../io.js';
import { renderContext } from '../render-context.js';
import { loadScenarios, withLocation } from '../scenarios.js';
import type { Runner } from '../spec.js';
import type { optimizeSpec } from '../specs.js';

/** A placeholder accelerator for a scenario that names none (every priced preset is then searched). */
const OPEN_HARDWARE = 'h100-sxm';

/** A scenario file without `hardware:` leaves the accelerator open: it is loaded with a placeholder, searched over all. */
async function loadOpen(file: string | undefined, io: Io, maxBytes: number) {
  if (file === undefined) return { loaded: (await loadScenarios([], io, maxBytes))[0], open: false };
  const text = await readTextFile(file, io, maxBytes, 'a scenario file');
  const open = !/^hardware\s*:/m.test(text) && !/^\s*\{/.test(text.replace(/^\s*#.*$/gm, ''));
  const { loadScenario } = await import('../../scenario/load.js');
  // Appended after the user's text: the line:column of everything they wrote is unchanged.
  const full = open ? `${text}${text.endsWith('\n') ? '' : '\n'}hardware: { preset: ${OPEN_HARDWARE} }\n` : text;
  return { loaded: loadScenario(full, file, { maxBytes }), open };
}

function precisionsOf(list: string | undefined): Precision[] | undefined {
  if (list === undefined) return undefined;
  return list.split(',').map((p) => {
    const v = p.trim();
    if (!(PRECISIONS as readonly string[]).includes(v))
      throw new UsageError(`--precision: expected some of ${PRECISIONS.join(', ')}, got "${v}"`);
    return v as Precision;
  });
}

/** Nothing meets the targets: the closest configuration and what it misses, as the error. */
function nothingMeets(r: OptimizeResult): InfeasibleError {
  const c = r.closest;
  const misses =
    c === null || c.misses.length === 0
      ? ''
      : `; closest: ${c.label}: ${c.misses
          .map(
            (m) =>
              `${m.target} ${+m.achieved.toPrecision(3)} against ${m.limit} (+${+((m.achieved / m.limit - 1) * 100).toPrecision(3)}%)`,
          )
          .join(', ')}`;
  return new InfeasibleError(
    `no configuration meets every target and budget (${r.evaluated} evaluated${c === null ? ', none of them could hold the model' : ''})${misses}`,
  );
}

export const optimizeCommand: Runner<typeof optimizeSpec> = async ([file], opts, io) => {
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const { loaded, open } = await loadOpen(file, io, maxBytes);
  if (loaded === undefined) throw new UsageError('no scenario');
  const ids = opts.hardware?.split(',').map((s) => s.trim());
  const hardware =
    ids === undefined
      ? open
        ? hardwareOptions('all')
        : undefined
      : hardwareOptions(ids.includes('all') ? 'all' : ids);
  const result = withLocation(loaded, () =>
    optimize(loaded.scenario, loaded.origins, {
      hardware,
      precisions: precisionsOf(opts.precision),
      basis: opts.basis,
    }),
  );
  if (result.winner === null)
    withLocation(loaded, () => {
      throw nothingMeets(result);
    });
  const text = await optimizeRenderers[opts.format](result, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  return EXIT_OK;
};
