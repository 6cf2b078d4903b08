/** `infercost explain <scenario>`: the savings waterfall from a baseline to the scenario. */
import { explain, factorIds, type FactorId } from '../../core/explain.js';
import { UsageError } from '../../errors.js';
import { explanationRenderers } from '../../formats/explain.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { EXIT_OK } from '../exit-codes.js';
import { emit } from '../files.js';
import { renderContext } from '../render-context.js';
import type { Runner } from '../spec.js';
import type { explainSpec } from '../specs.js';
import { loadScenarios, withLocation } from '../scenarios.js';
import { ownRowsReader } from '../own-calibration.js';

function parseOrder(text: string | undefined, all: readonly FactorId[]): FactorId[] | undefined {
  if (text === undefined) return undefined;
  const order = text.split(',').map((f) => f.trim()) as FactorId[];
  const unknown = order.filter((f) => !all.includes(f));
  if (unknown.length > 0 || order.length !== all.length || new Set(order).size !== all.length)
    throw new UsageError(`--order: expected each of ${all.join(', ')} exactly once, got "${text}"`);
  return order;
}

export const explainCommand: Runner<typeof explainSpec> = async ([files], opts, io) => {
  const loaded = await loadScenarios(files, io, opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
  const own = await Promise.all(loaded.map(ownRowsReader(opts.calibration, io)));
  const results = loaded.map((l, i) =>
    withLocation(l, () => explain(l.scenario, parseOrder(opts.order, factorIds(l.scenario)), own[i])),
  );
  const text = await explanationRenderers[opts.format](results, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  return EXIT_OK;
};
