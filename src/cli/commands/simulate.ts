/** `infercost simulate [scenarios...]`: scenario files → cost table or JSON. */
import { explain, type ExplainResult } from '../../core/explain.js';
import { simulate } from '../../core/simulate.js';
import { UserError } from '../../errors.js';
import { simulationRenderers } from '../../formats/simulation.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { loadScenarios, withLocation } from '../scenarios.js';
import { emit } from '../files.js';
import type { Io } from '../io.js';
import { renderContext } from '../render-context.js';
import { EXIT_BUDGET, EXIT_OK } from '../exit-codes.js';
import type { Runner } from '../spec.js';
import type { simulateSpec } from '../specs.js';

/** The waterfall for the simulate output; a baseline that cannot be computed is a warning, not a failure. */
function explainOrWarn(l: LoadedScenario, io: Io): ExplainResult | undefined {
  try {
    return explain(l.scenario);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`infercost: warning: ${l.file}: no savings waterfall: ${e.message}\n`);
    return undefined;
  }
}

export const simulateCommand: Runner<typeof simulateSpec> = async ([files], opts, io) => {
  const loaded = await loadScenarios(files, io, opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
  // --calibration: the figures' ranges from the user's own rows, evaluated with each scenario's parameters.
  // Loaded only for --calibration: the readers pull in zod, which the default path does without.
  const calibration =
    opts.calibration === undefined
      ? undefined
      : {
          ...(await import('../calibration-inputs.js')),
          ...(await import('../../calibration/error-rows.js')),
          ...(await import('../../calibration/measurements.js')),
        };
  const own =
    opts.calibration === undefined || calibration === undefined
      ? undefined
      : await calibration.readInputs(
          [opts.calibration],
          { inputFormat: 'auto', flags: {}, maxBytes: calibration.DEFAULT_MAX_MEASUREMENTS_BYTES },
          io,
        );
  const results = loaded.map((l) =>
    withLocation(l, () => {
      if (own === undefined || calibration === undefined) return simulate(l.scenario, l.origins);
      const rows = calibration.errorRows(own, l.scenario.serving.efficiency);
      if (rows.length === 0)
        throw new UserError(
          `--calibration ${opts.calibration}: no row could be evaluated (\`infercost calibrate\` says why)`,
        );
      return simulate(l.scenario, l.origins, undefined, rows);
    }),
  );
  const explanations = loaded.map((l) => explainOrWarn(l, io));
  const text = await simulationRenderers[opts.format]({ results, explanations }, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  for (const r of results)
    for (const w of r.warnings) io.stderr.write(`infercost: warning: ${r.scenario.name}: ${w}\n`);
  const breached = results.some((r) => r.budget.some((b) => !b.pass));
  return breached ? EXIT_BUDGET : EXIT_OK;
};
