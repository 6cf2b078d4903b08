/** `infercost simulate [scenarios...]`: scenario files → cost table or JSON. */
import { explain, type ExplainResult } from '../../core/explain.js';
import { simulate } from '../../core/simulate.js';
import type { ErrorRow } from '../../data/types.js';
import { UserError } from '../../errors.js';
import { simulationRenderers } from '../../formats/simulation.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { loadScenarios, withLocation } from '../scenarios.js';
import { ownRowsReader } from '../own-calibration.js';
import { emit } from '../files.js';
import type { Io } from '../io.js';
import { renderContext } from '../render-context.js';
import { EXIT_BUDGET, EXIT_OK } from '../exit-codes.js';
import type { Runner } from '../spec.js';
import type { simulateSpec } from '../specs.js';

/** The waterfall for the simulate output; a baseline that cannot be computed is a warning, not a failure. */
function explainOrWarn(l: LoadedScenario, io: Io, own: readonly ErrorRow[] | undefined): ExplainResult | undefined {
  try {
    return explain(l.scenario, undefined, own);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`infercost: warning: ${l.file}: no savings waterfall: ${e.message}\n`);
    return undefined;
  }
}

export const simulateCommand: Runner<typeof simulateSpec> = async ([files], opts, io) => {
  const loaded = await loadScenarios(files, io, opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
  // --calibration or the scenario's calibration: the ranges from the user's own rows.
  const ownRows = ownRowsReader(opts.calibration, io);
  const own = await Promise.all(loaded.map(ownRows));
  const results = loaded.map((l, i) => withLocation(l, () => simulate(l.scenario, l.origins, undefined, own[i])));
  const explanations = loaded.map((l, i) => explainOrWarn(l, io, own[i]));
  const text = await simulationRenderers[opts.format]({ results, explanations }, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  for (const r of results)
    for (const w of r.warnings) io.stderr.write(`infercost: warning: ${r.scenario.name}: ${w}\n`);
  const breached = results.some((r) => r.budget.some((b) => !b.pass));
  return breached ? EXIT_BUDGET : EXIT_OK;
};
