/**
 * The error of a fit on rows it was not fitted to: each fold of rows is
 * predicted by the parameters fitted on all the others. Folds are whole
 * sources where the rows have several (leave one source out: a paper, a
 * benchmark file, a tool's output), so that rows of one run do not vouch for
 * each other; otherwise k folds of rows. With ten rows a fit can look perfect
 * in-sample; this is the number to trust.
 */
import type { Efficiency } from '../scenario/schema.js';
import { evaluate, type PreparedRows } from './evaluate.js';
import { fitEfficiency, type FitOptions } from './fit.js';
import { errorStats, type ErrorStats } from './stats.js';

export interface CrossValidation extends ErrorStats {
  readonly folds: number;
  /** `source`: leave one source out (or sources in `folds` groups); `rows`: rows dealt into folds. */
  readonly by: 'source' | 'rows';
  /** Rows no fold's parameters could predict. */
  readonly rows_not_predicted: number;
}

/** At most this many folds (each is a whole fit). */
export const MAX_FOLDS = 5;
/** Fewer rows than this: no cross-validation (a fold would leave almost nothing to fit on). */
export const MIN_ROWS = 4;

/** Which fold each row is in: by source when there are at least three sources, else round robin. */
function foldsOf(
  ids: readonly string[],
  sourceOf: (id: string) => string,
): { fold: Map<string, number>; k: number; by: 'source' | 'rows' } {
  const sources = [...new Set(ids.map(sourceOf))];
  const fold = new Map<string, number>();
  if (sources.length >= 3) {
    const k = Math.min(MAX_FOLDS, sources.length);
    const index = new Map(sources.map((s, i) => [s, i % k]));
    for (const id of ids) fold.set(id, index.get(sourceOf(id)) ?? 0);
    return { fold, k, by: 'source' };
  }
  const k = Math.min(MAX_FOLDS, ids.length);
  ids.forEach((id, i) => fold.set(id, i % k));
  return { fold, k, by: 'rows' };
}

export function crossValidate(
  prepared: PreparedRows,
  start: Efficiency,
  options: FitOptions,
  sourceOf: (id: string) => string,
): CrossValidation | undefined {
  // Only rows the starting parameters can predict take part (as in the fit).
  const usable = new Set(evaluate(prepared, start).rows.map((r) => r.id));
  const cases = prepared.cases.filter((c) => usable.has(c.id));
  if (cases.length < MIN_ROWS) return undefined;
  const { fold, k, by } = foldsOf(
    cases.map((c) => c.id),
    sourceOf,
  );
  const errors: number[] = [];
  let missed = 0;
  for (let f = 0; f < k; f++) {
    const held = cases.filter((c) => fold.get(c.id) === f);
    const train = cases.filter((c) => fold.get(c.id) !== f);
    const fit = fitEfficiency({ cases: train, notEvaluable: [] }, start, options);
    const out = evaluate({ cases: held, notEvaluable: [] }, fit.efficiency);
    errors.push(...out.rows.map((r) => r.error_pct));
    missed += held.length - out.rows.length;
  }
  return { ...errorStats(errors), folds: k, by, rows_not_predicted: missed };
}
