/** `infercost compare <baseline> <candidate>` (or `--baseline-json saved.json <candidate>`). */
import { elementAt } from '../../core/at.js';
import { compare, costChangePct, type Comparable, type Comparison } from '../../core/compare.js';
import { simulate } from '../../core/simulate.js';
import { UsageError } from '../../errors.js';
import { comparisonRenderers } from '../../formats/compare.js';
import { formatNumber, formatUsd } from '../../formats/numbers.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { readSavedResult } from '../../scenario/saved-result.js';
import { EXIT_BUDGET, EXIT_OK } from '../exit-codes.js';
import { readTextFile, emit } from '../files.js';
import { renderContext } from '../render-context.js';
import { loadScenarios, withLocation } from '../scenarios.js';
import type { Runner } from '../spec.js';
import type { compareSpec } from '../specs.js';

export const compareCommand: Runner<typeof compareSpec> = async ([files], opts, io) => {
  const expected = opts.baselineJson === undefined ? 2 : 1;
  if (files.length !== expected)
    throw new UsageError(
      opts.baselineJson === undefined
        ? `compare needs two scenario files (baseline and candidate), got ${files.length}`
        : `with --baseline-json, compare needs one candidate scenario file, got ${files.length}`,
    );
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const loaded = await loadScenarios(files, io, maxBytes);
  const results = loaded.map((l) => withLocation(l, () => simulate(l.scenario, l.origins)));
  const candidate: Comparable = elementAt(results, results.length - 1);
  const baseline: Comparable =
    opts.baselineJson === undefined
      ? elementAt(results, 0)
      : readSavedResult(
          await readTextFile(opts.baselineJson, io, maxBytes, 'a saved simulate --format json result'),
          opts.baselineJson,
          candidate.scenario.name,
          maxBytes,
        );
  const c = compare(baseline, candidate);
  const text = await comparisonRenderers[opts.format](c, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  const rise = costChangePct(c);
  if (opts.failOnIncrease !== undefined && rise > opts.failOnIncrease) {
    io.stderr.write(
      `infercost: cost per query rose ${Number.isFinite(rise) ? `${formatNumber(rise, 3)}%` : `without bound (from a baseline of ${formatUsd(baselineCost(c))})`}, more than --fail-on-increase ${opts.failOnIncrease}%\n`,
    );
    return EXIT_BUDGET;
  }
  return EXIT_OK;
};

/** The baseline's cost per query, as compared (0 when it has none). */
function baselineCost(c: Comparison): number {
  return c.metrics.find((m) => m.metric === 'cost_per_query_usd')?.before ?? 0;
}
