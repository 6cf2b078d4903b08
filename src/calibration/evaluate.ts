/**
 * The calibration report: every measurement row predicted with one set of
 * efficiency factors, its error, what bound limited it, and the summary
 * statistics — or, for rows that cannot be evaluated, the reason. Pure.
 */
import type { StepBreakdown } from '../core/steps.js';
import type { Efficiency } from '../scenario/schema.js';
import { caseOf, type CalibrationCase, type NotEvaluable } from './cases.js';
import type { Measurement, MeasurementScenario } from './measurements.js';
import { predict, type CalibrationBound, type Prediction } from './predict.js';
import { errorStats, groupStats, type ErrorStats } from './stats.js';

/** Version of the `infercost calibrate --format json` document; a breaking change bumps it. */
/** 2: serving model v2 (bounds name operators; predicted and measured TTFT/TPOT; per-operator step times). */
export const CALIBRATION_SCHEMA_VERSION = 2;

export interface CalibrationRow {
  readonly id: string;
  readonly model: string;
  /** The preset the prediction used (the row's model or its architecture equivalent). */
  readonly model_preset: string;
  readonly family: string;
  readonly accelerator: string;
  readonly scenario: MeasurementScenario;
  /** What the tokens/s count: generated tokens, or prompt tokens (fixed-batch-prefill). */
  readonly metric: 'output' | 'prompt';
  /** Per accelerator. */
  readonly measured_tokens_per_s: number;
  /** Per accelerator. */
  readonly predicted_tokens_per_s: number;
  /** (predicted − measured) / measured × 100: > 0 means the calculator is optimistic. */
  readonly error_pct: number;
  readonly bound: CalibrationBound;
  readonly accelerators: number;
  readonly accelerators_per_replica: number;
  readonly batch: number;
  readonly batch_limited_by: Prediction['batchLimitedBy'];
  /** Share of the predicted time per output token spent on prefill (1 for a prefill row). */
  readonly prefill_share: number;
  readonly input_tokens: number;
  readonly output_tokens: number | null;
  /** Predicted mean TTFT / TPOT, ms (null where the row measures neither), and the row's measured ones (null where it gives none). */
  readonly predicted_ttft_ms: number | null;
  readonly predicted_tpot_ms: number | null;
  readonly measured_ttft_ms: number | null;
  readonly measured_tpot_ms: number | null;
  /** The predicted decode step and prefill pass by part, s (weights, KV cache, activations, compute, communication, fixed). */
  readonly decode_step_s: StepBreakdown | null;
  readonly prefill_pass_s: StepBreakdown | null;
  readonly assumptions: readonly string[];
}

export interface CalibrationSummary extends ErrorStats {
  readonly rows_evaluated: number;
  readonly rows_not_evaluable: number;
  readonly by_family: Readonly<Record<string, ErrorStats>>;
  readonly by_accelerator: Readonly<Record<string, ErrorStats>>;
  readonly by_scenario: Readonly<Record<string, ErrorStats>>;
  /** By the batch the row runs (its fixed batch, its concurrency, or the batch chosen for it). */
  readonly by_regime: Readonly<Record<string, ErrorStats>>;
}

/** Batch bands of the regime summary: where fixed costs, weights or compute dominate. */
export function regimeOf(batch: number): string {
  if (batch <= 8) return 'batch 1-8';
  if (batch <= 64) return 'batch 9-64';
  if (batch <= 512) return 'batch 65-512';
  return 'batch > 512';
}

export interface CalibrationReport {
  readonly schemaVersion: typeof CALIBRATION_SCHEMA_VERSION;
  readonly efficiency: Efficiency;
  readonly rows: readonly CalibrationRow[];
  readonly not_evaluable: readonly NotEvaluable[];
  readonly summary: CalibrationSummary;
}

export interface PreparedRows {
  readonly cases: readonly CalibrationCase[];
  readonly notEvaluable: readonly NotEvaluable[];
}

/** Rows → cases, keeping the file's order; rows that cannot become a case keep their reason. */
export function prepare(rows: readonly Measurement[]): PreparedRows {
  const cases: CalibrationCase[] = [];
  const notEvaluable: NotEvaluable[] = [];
  for (const r of rows) {
    const c = caseOf(r);
    if (c.ok) cases.push(c.case);
    else notEvaluable.push({ id: c.id, reason: c.reason });
  }
  return { cases, notEvaluable };
}

export function rowOf(c: CalibrationCase, p: Prediction, model: string): CalibrationRow {
  const measured = c.measuredTokensPerSPerAccelerator;
  return {
    id: c.id,
    model,
    model_preset: c.modelPreset,
    family: c.family,
    accelerator: c.accelerator,
    scenario: c.kind,
    metric: c.kind === 'fixed-batch-prefill' ? 'prompt' : 'output',
    measured_tokens_per_s: measured,
    predicted_tokens_per_s: p.tokensPerSPerAccelerator,
    error_pct: ((p.tokensPerSPerAccelerator - measured) / measured) * 100,
    bound: p.bound,
    accelerators: c.accelerators,
    accelerators_per_replica: p.acceleratorsPerReplica,
    batch: p.batch,
    batch_limited_by: p.batchLimitedBy,
    prefill_share: p.prefillShare,
    input_tokens: c.inputTokens,
    output_tokens: c.kind === 'offline' || c.kind === 'server' ? c.outputTokens : null,
    predicted_ttft_ms: p.ttftMs,
    predicted_tpot_ms: p.tpotMs,
    measured_ttft_ms: c.measuredTtftMs ?? null,
    measured_tpot_ms: c.measuredTpotMs ?? null,
    decode_step_s: p.decode,
    prefill_pass_s: p.prefill,
    assumptions: c.assumptions,
  };
}

export function summarize(rows: readonly CalibrationRow[], notEvaluable: number): CalibrationSummary {
  const errorOf = (r: CalibrationRow) => r.error_pct;
  return {
    ...errorStats(rows.map(errorOf)),
    rows_evaluated: rows.length,
    rows_not_evaluable: notEvaluable,
    by_family: groupStats(rows, (r) => r.family, errorOf),
    by_accelerator: groupStats(rows, (r) => r.accelerator, errorOf),
    by_scenario: groupStats(rows, (r) => r.scenario, errorOf),
    by_regime: groupStats(
      [...rows].sort((a, b) => a.batch - b.batch),
      (r) => regimeOf(r.batch),
      errorOf,
    ),
  };
}

/** Predict every prepared case with `efficiency`; a case the model cannot serve joins the not-evaluable list. */
export function evaluate(
  prepared: PreparedRows,
  efficiency: Efficiency,
  modelOf: (id: string) => string = () => '',
): CalibrationReport {
  const rows: CalibrationRow[] = [];
  const notEvaluable: NotEvaluable[] = [...prepared.notEvaluable];
  for (const c of prepared.cases) {
    const p = predict(c, efficiency);
    if (p.ok) rows.push(rowOf(c, p, modelOf(c.id)));
    else notEvaluable.push({ id: c.id, reason: `no prediction: ${p.reason}` });
  }
  return {
    schemaVersion: CALIBRATION_SCHEMA_VERSION,
    efficiency,
    rows,
    not_evaluable: notEvaluable,
    summary: summarize(rows, notEvaluable.length),
  };
}

/** Calibrate measurement rows against the calculator with the given efficiency factors. */
export function calibrate(rows: readonly Measurement[], efficiency: Efficiency): CalibrationReport {
  const models = new Map(rows.map((r) => [r.id, r.model]));
  return evaluate(prepare(rows), efficiency, (id) => models.get(id) ?? '');
}
