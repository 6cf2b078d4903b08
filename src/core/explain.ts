/**
 * The savings waterfall: from a baseline deployment to the scenario, one
 * factor at a time, each step re-run through the physical model. Beside it,
 * the naive product of the factors' headline ratios, and why the two differ.
 *
 * Each intermediate state is the scenario with the factors not yet applied set
 * back to their baseline values, so the last state IS the scenario: the final
 * cost does not depend on the order the factors are applied in, and the step
 * ratios multiply to the modelled compound in any order.
 */
import { HARDWARE_PRESETS } from '../data/hardware.js';
import { InfeasibleError } from '../errors.js';
import type { Precision } from '../scenario/precision.js';
import { DEFAULT_ACCELERATORS_PER_NODE } from '../scenario/defaults.js';
import { REASONING_LEVELS } from '../scenario/levels.js';
import type { Hardware, Model, Scenario } from '../scenario/schema.js';
import { requireFigures } from './requirements.js';
import type { SimulationResult } from './result.js';
import { simulate } from './simulate.js';
import { isMemoryBound, type Bound, type StepBreakdown } from './steps.js';

export const EXPLAIN_SCHEMA_VERSION = 1;

export const CORE_FACTORS = ['model', 'reasoning-mix', 'compression', 'hardware'] as const;
export type CoreFactor = (typeof CORE_FACTORS)[number];
/** A core factor, or `extra:<index>` for one of the scenario's extra factors. */
export type FactorId = CoreFactor | `extra:${number}`;

/** Documented default baseline: the H100 SXM (the most widely rented accelerator of the articles' time) at bf16. */
export const DEFAULT_BASELINE_HARDWARE_ID = 'h100-sxm';
export const DEFAULT_BASELINE_PRECISION: Precision = 'bf16';
export const DEFAULT_BASELINE_COMPRESSION = 0;

export interface WaterfallStep {
  readonly factor: FactorId;
  readonly label: string;
  /** What changes, in words: "dense 119B → MoE 6B active of 119B". */
  readonly change: string;
  /** Cost multiplier of this step alone (< 1 saves); null when either side is infeasible. */
  readonly stepRatio: number | null;
  readonly costPerQueryUsd: number | null;
  /** Cost so far over the baseline cost. */
  readonly cumulativeRatio: number | null;
  /** The factor's headline ratio as the articles would quote it. */
  readonly headlineRatio: number;
  readonly headlineBasis: string;
  /** Why the modelled ratio differs from the headline, from the model's own numbers. */
  readonly why: string;
  /** True for a factor the physical model does not represent (an extra factor). */
  readonly assumption: boolean;
  /** Why this state could not be simulated, when it could not. */
  readonly infeasible?: string;
}

export interface ExplainResult {
  readonly schemaVersion: typeof EXPLAIN_SCHEMA_VERSION;
  readonly scenario: string;
  readonly baseline: {
    readonly description: string;
    readonly costPerQueryUsd: number | null;
    readonly infeasible?: string;
  };
  readonly steps: readonly WaterfallStep[];
  readonly finalCostPerQueryUsd: number;
  /** Π headline ratios: what multiplying the claims would predict. */
  readonly naiveCompoundRatio: number;
  /** Final cost over baseline cost: what the model predicts. */
  readonly modelledCompoundRatio: number | null;
  readonly summary: string;
  /** The scenario's own replica (the waterfall's last state): its steps by part, so the last figure has its why. */
  readonly replica: {
    readonly acceleratorsPerReplica: number;
    readonly batch: number;
    readonly decodeStepS: number;
    readonly decodeBound: Bound;
    readonly decodeStepBreakdown: StepBreakdown;
    readonly prefillChunkTokens: number;
    readonly prefillBound: Bound;
    readonly prefillPassBreakdown: StepBreakdown;
    readonly crossesNodes: boolean;
  };
}

interface Baseline {
  readonly model: Model;
  readonly hardware: Hardware;
  readonly precision: Precision;
  readonly compression: number;
  readonly description: string;
}

function defaultBaselineHardware(): Hardware {
  const preset = HARDWARE_PRESETS.find((p) => p.id === DEFAULT_BASELINE_HARDWARE_ID);
  if (preset === undefined) throw new Error(`baseline hardware preset ${DEFAULT_BASELINE_HARDWARE_ID} missing`);
  // The preset with the schema's one default filled in (no zod on the simulate path: it costs ~40 ms of start-up).
  return {
    name: preset.name,
    ...preset.spec,
    accelerators_per_node: preset.spec.accelerators_per_node ?? DEFAULT_ACCELERATORS_PER_NODE,
  } as Hardware;
}

/** A dense model with the same total size: every parameter active per token. */
function denseTwin(model: Model): Model {
  if (model.moe === null) return model;
  return {
    ...model,
    name: `${model.name ?? 'model'}, dense at the same size`,
    moe: null,
    active_params_b: model.total_params_b,
  };
}

function baselineOf(s: Scenario): Baseline {
  const model = s.baseline?.model ?? denseTwin(s.model);
  const hardware = s.baseline?.hardware ?? defaultBaselineHardware();
  const precision = s.baseline?.weight_precision ?? DEFAULT_BASELINE_PRECISION;
  const compression = s.baseline?.compression ?? DEFAULT_BASELINE_COMPRESSION;
  return {
    model,
    hardware,
    precision,
    compression,
    description: `${model.name ?? 'model'} at ${precision} on ${hardware.name ?? 'baseline hardware'}, every request at the highest reasoning level of the mix, compression ${compression}`,
  };
}

/** The highest reasoning level present in the mix (what a dedicated reasoning model does on every request). */
function topLevel(s: Scenario) {
  const present = REASONING_LEVELS.filter((l) => s.reasoning.levels[l] !== undefined);
  return present[present.length - 1] ?? 'none';
}

/** The scenario with every factor not in `applied` set back to its baseline value. */
export function stateOf(s: Scenario, base: Baseline, applied: ReadonlySet<FactorId>): Scenario {
  let model = s.model;
  let hardware = s.hardware;
  let serving = s.serving;
  let reasoning = s.reasoning;
  if (!applied.has('model'))
    model = { ...base.model, weight_precision: model.weight_precision, kv_cache_precision: model.kv_cache_precision };
  if (!applied.has('hardware')) {
    hardware = base.hardware;
    model = { ...model, weight_precision: base.precision, kv_cache_precision: base.precision };
    // A replica size or arithmetic precision pinned for the target chip does not carry over.
    const { compute_precision: _p, accelerators_per_replica: _n, ...rest } = serving;
    serving = rest;
  }
  if (!applied.has('reasoning-mix')) {
    const top = topLevel(s);
    const mix = s.reasoning.levels[top];
    reasoning = { ...reasoning, levels: { [top]: { share: 1, thinking_tokens: mix?.thinking_tokens ?? 0 } } };
  }
  if (!applied.has('compression')) reasoning = { ...reasoning, compression: base.compression };
  const extra_factors = s.extra_factors.filter((_, i) => applied.has(`extra:${i}`));
  return { ...s, model, hardware, serving, reasoning, extra_factors, budget: undefined, api_pricing: undefined };
}

type Outcome = { ok: true; result: SimulationResult } | { ok: false; reason: string };

function run(s: Scenario): Outcome {
  try {
    return { ok: true, result: simulate(s) };
  } catch (e) {
    if (e instanceof InfeasibleError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** A ratio in words: 3.2× up, 1/3.2 down, 1× for no change. */
const x = (r: number) =>
  Math.abs(r - 1) < 5e-4 ? '1×' : r > 1 ? `${+r.toPrecision(3)}×` : `1/${+(1 / r).toPrecision(3)}`;
const meanThinking = (s: Scenario) =>
  Object.values(s.reasoning.levels).reduce((sum, l) => sum + (l ? l.share * l.thinking_tokens : 0), 0);

function costPerPeakFlop(s: Scenario): number {
  const { computePrecision, priceUsdPerHour } = requireFigures(s);
  return priceUsdPerHour / (s.hardware.dense_tflops[computePrecision] ?? NaN);
}

function costPerBandwidth(s: Scenario): number {
  return (s.hardware.price_usd_per_hour ?? NaN) / s.hardware.memory_bandwidth_tb_per_s;
}

function describeStep(
  factor: FactorId,
  s: Scenario,
  before: Scenario,
  after: Scenario,
  a?: SimulationResult,
  b?: SimulationResult,
) {
  const both = a !== undefined && b !== undefined;
  const perToken = (r: SimulationResult) => r.deployment.decodeStepBytes / r.deployment.batch;
  switch (factor) {
    case 'model': {
      const headline = after.model.active_params_b / before.model.active_params_b;
      const moe = after.model.moe;
      let why = 'the model changes size and shape; see the replica and batch it gets';
      if (both && moe !== null) {
        const touched = b.deployment.expertsTouchedPerLayer;
        const bytesRatio = perToken(b) / perToken(a);
        // What does change: the parts of the dense baseline's time that scale with FLOPs (compute-bound
        // GEMMs, prefill) fall with the active parameters; the weight bytes read per token barely do.
        const computePerToken = (r: SimulationResult) => r.deployment.decodeStepBreakdown.computeS / r.deployment.batch;
        const prefillRatio = a.deployment.prefillTokensPerS / b.deployment.prefillTokensPerS;
        const baselineBound = a.deployment.decodeBound;
        const whatChanges =
          baselineBound === 'compute'
            ? `the dense baseline's decode was compute-bound (the compute-bound part of a decode step per token is now ${x(computePerToken(b) / computePerToken(a))} of it), and prefill time per prompt token changes ${x(prefillRatio)}`
            : `what does change is the compute: prefill time per prompt token changes ${x(prefillRatio)}, and the decode step's compute part ${x(computePerToken(b) / computePerToken(a))} per token`;
        why =
          `FLOPs per token fall ${x(headline)}, but decode is ${b.deployment.decodeBound}-bound and at batch ${b.deployment.batch} ` +
          `a step touches ${touched.toFixed(1)} of ${moe.experts} experts per layer, so weight bytes read per output token change only ` +
          `${x(bytesRatio)}; ${whatChanges}; and every expert stays resident (${(b.deployment.weightsBytes / 1e9).toFixed(0)} GB of weights ` +
          `on ${b.deployment.acceleratorsPerReplica} accelerators per replica)`;
      }
      return {
        label: moe !== null && before.model.moe === null ? 'MoE active parameters' : 'model',
        change: `${before.model.name ?? 'baseline model'} (${before.model.active_params_b}B active) → ${after.model.name ?? 'model'} (${after.model.active_params_b}B active of ${after.model.total_params_b}B)`,
        headline,
        headlineBasis: 'active parameters per token',
        why,
      };
    }
    case 'reasoning-mix': {
      const answer = s.traffic.output_tokens;
      const top = topLevel(s);
      const headline = (answer + meanThinking(after)) / (answer + (s.reasoning.levels[top]?.thinking_tokens ?? 0));
      return {
        label: 'reasoning mix',
        change: `every request at "${top}" → the scenario's mix`,
        headline,
        headlineBasis: 'output tokens per request (before compression)',
        why: both
          ? `output tokens per query go from ${a.blended.outputTokens.toFixed(0)} to ${b.blended.outputTokens.toFixed(0)}, while the ${s.traffic.input_tokens}-token prompt is prefilled either way`
          : 'output tokens per query change; the prompt is prefilled either way',
      };
    }
    case 'compression': {
      const headline = (1 - after.reasoning.compression) / (1 - before.reasoning.compression);
      return {
        label: 'token compression',
        change: `compression ${before.reasoning.compression} → ${after.reasoning.compression} of thinking tokens`,
        headline,
        headlineBasis: 'thinking tokens',
        why: both
          ? `it removes thinking tokens only: output per query goes from ${a.blended.outputTokens.toFixed(0)} to ${b.blended.outputTokens.toFixed(0)} tokens (${x(b.blended.outputTokens / a.blended.outputTokens)}); the prompt and the answer are unchanged`
          : 'it removes thinking tokens only; the prompt and the answer are unchanged',
      };
    }
    case 'hardware': {
      const headline = costPerPeakFlop(after) / costPerPeakFlop(before);
      const bw = costPerBandwidth(after) / costPerBandwidth(before);
      return {
        label: 'hardware and precision',
        change: `${before.hardware.name ?? 'baseline'} at ${before.model.weight_precision} → ${after.hardware.name ?? 'hardware'} at ${after.model.weight_precision}`,
        headline,
        headlineBasis: 'price per peak FLOP/s',
        why: both
          ? isMemoryBound(b.deployment.decodeBound)
            ? `decode is memory-bandwidth-bound (${b.deployment.decodeBound}): it gains with price per unit of memory bandwidth (${x(bw)}) ` +
              `and with fewer bytes per weight, not with price per FLOP/s (${x(headline)}) alone; prefill is ${b.deployment.prefillBound}-bound`
            : b.deployment.decodeBound === 'compute'
              ? `decode is compute-bound: it gains with price per FLOP/s at the arithmetic precision (${x(headline)}), ` +
                `not with price per unit of memory bandwidth (${x(bw)}); prefill is ${b.deployment.prefillBound}-bound`
              : `decode is ${b.deployment.decodeBound}-bound (${b.deployment.decodeBound === 'fixed' ? 'per-layer kernel and launch costs' : 'tensor-parallel all-reduces'}): ` +
                `neither price per FLOP/s (${x(headline)}) nor per unit of memory bandwidth (${x(bw)}) moves it much; a larger batch or fewer accelerators per replica would; prefill is ${b.deployment.prefillBound}-bound`
          : `price per FLOP/s changes ${x(headline)}, per unit of bandwidth ${x(bw)}`,
      };
    }
    default: {
      const f = s.extra_factors[Number(factor.slice('extra:'.length))];
      return {
        label: f?.name ?? factor,
        change: `${f?.phase} time × ${f?.time_ratio} (ASSUMPTION${f?.source ? `: ${f.source}` : ''})`,
        headline: f?.time_ratio ?? 1,
        headlineBasis: `${f?.phase} time`,
        why: both
          ? `applied to ${f?.phase} time only; ${f?.phase === 'decode' ? 'a faster step also lets a latency SLO admit a larger batch' : 'the other phase is unchanged'}`
          : 'applied to one phase only',
      };
    }
  }
}

export function factorIds(s: Scenario): FactorId[] {
  return [...CORE_FACTORS, ...s.extra_factors.map((_, i): FactorId => `extra:${i}`)];
}

export function explain(s: Scenario, order: readonly FactorId[] = factorIds(s)): ExplainResult {
  const all = factorIds(s);
  if (order.length !== all.length || !all.every((f) => order.includes(f)))
    throw new InfeasibleError(`the factor order must list each of ${all.join(', ')} once`);
  const base = baselineOf(s);
  const applied = new Set<FactorId>();
  let state = stateOf(s, base, applied);
  let outcome = run(state);
  const baseCost = outcome.ok ? outcome.result.blended.costPerQueryUsd : null;
  const baseline = outcome.ok
    ? { description: base.description, costPerQueryUsd: baseCost }
    : { description: base.description, costPerQueryUsd: null, infeasible: outcome.reason };
  const steps: WaterfallStep[] = [];
  for (const factor of order) {
    applied.add(factor);
    const next = stateOf(s, base, applied);
    const nextOutcome = run(next);
    const d = describeStep(
      factor,
      s,
      state,
      next,
      outcome.ok ? outcome.result : undefined,
      nextOutcome.ok ? nextOutcome.result : undefined,
    );
    const cost = nextOutcome.ok ? nextOutcome.result.blended.costPerQueryUsd : null;
    const prev = outcome.ok ? outcome.result.blended.costPerQueryUsd : null;
    steps.push({
      factor,
      label: d.label,
      change: d.change,
      stepRatio: cost !== null && prev !== null ? cost / prev : null,
      costPerQueryUsd: cost,
      cumulativeRatio: cost !== null && baseCost !== null ? cost / baseCost : null,
      headlineRatio: d.headline,
      headlineBasis: d.headlineBasis,
      why: d.why,
      assumption: factor.startsWith('extra:'),
      ...(nextOutcome.ok ? {} : { infeasible: nextOutcome.reason }),
    });
    state = next;
    outcome = nextOutcome;
  }
  if (!outcome.ok) throw new InfeasibleError(outcome.reason);
  const finalCost = outcome.result.blended.costPerQueryUsd;
  const d = outcome.result.deployment;
  const naive = steps.reduce((p, st) => p * st.headlineRatio, 1);
  const modelled = baseCost === null ? null : finalCost / baseCost;
  return {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    scenario: s.name,
    baseline,
    steps,
    finalCostPerQueryUsd: finalCost,
    naiveCompoundRatio: naive,
    modelledCompoundRatio: modelled,
    summary:
      modelled === null
        ? `the baseline could not be simulated (${baseline.infeasible}); multiplying the headline ratios would predict ${x(naive)}`
        : `multiplying the headline ratios predicts ${x(naive)} the baseline cost; the model predicts ${x(modelled)}. ` +
          (Math.abs(modelled / naive - 1) < 5e-4
            ? 'Here the headline ratios multiply out to what the model finds.'
            : modelled > naive
              ? 'The factors overlap: each acts on a different phase or bottleneck, so no single one scales the whole cost.'
              : 'The model finds more than the headline ratios: a larger batch or a better-fitting replica compounds with the factors.'),
    replica: {
      acceleratorsPerReplica: d.acceleratorsPerReplica,
      batch: d.batch,
      decodeStepS: d.decodeStepS,
      decodeBound: d.decodeBound,
      decodeStepBreakdown: d.decodeStepBreakdown,
      prefillChunkTokens: d.prefillChunkTokens,
      prefillBound: d.prefillBound,
      prefillPassBreakdown: d.prefillPassBreakdown,
      crossesNodes: d.crossesNodes,
    },
  };
}
