/**
 * The calibration rows as error rows (core/error-bands.ts): each evaluable
 * row's deployment kind and the calculator's signed error on it, with the
 * default parameters. `scripts/error-rows.mjs` writes the shipped table
 * (src/data/error-rows.ts) from the project's calibration files with this;
 * a test recomputes it so that the table cannot go stale.
 */
import { acceleratorClassOf, familyOfName, type ErrorRow } from '../core/error-bands.js';
import { findPreset } from '../data/catalog.js';
import type { HardwarePreset, ModelPreset } from '../data/types.js';
import type { Efficiency } from '../scenario/schema.js';
import { evaluate, prepare } from './evaluate.js';
import type { Measurement } from './measurements.js';

export function errorRows(rows: readonly Measurement[], efficiency: Efficiency): ErrorRow[] {
  const source = new Map(rows.map((r) => [r.id, r.source ?? r.id]));
  return evaluate(prepare(rows), efficiency).rows.map((r) => {
    const model = findPreset('model', r.model_preset) as ModelPreset | undefined;
    const hardware = findPreset('hardware', r.accelerator) as HardwarePreset | undefined;
    return {
      // The citation's first part names the source (a table, a paper, a file), not the row's cell.
      source: (source.get(r.id) ?? r.id).split(/[,;(]/)[0]?.trim() ?? r.id,
      family: familyOfName(r.model_preset),
      moe: model?.spec.moe != null,
      acceleratorClass: acceleratorClassOf(hardware?.name ?? r.accelerator),
      batch: r.batch,
      prefillShare: Number(r.prefill_share.toFixed(3)),
      errorPct: Number(r.error_pct.toPrecision(4)),
    };
  });
}
