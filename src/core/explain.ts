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
import type { ErrorRow } from '../data/types.js';
import { HARDWARE_PRESETS } from '../data/hardware.js';
import { InfeasibleError } from '../errors.js';
import type { Precision } from '../scenario/precision.js';
import { presetHardware } from '../scenario/preset-hardware.js';
import { REASONING_LEVELS } from '../scenario/levels.js';
import type { Hardware, Model, Scenario } from '../scenario/schema.js';
import { requireFigures } from './requirements.js';
import type { FigureRange, PoolResult, SimulationResult } from './result.js';
import { simulate } from './simulate.js';
import { meanOf } from './lengths.js';
import type { Bound, StepBreakdown } from './steps.js';

export const EXPLAIN_SCHEMA_VERSION = 1;

export const CORE_FACTORS = ['model', 'reasoning-mix', 'compression', 'hardware'] as const;
export type CoreFactor = (typeof CORE_FACTORS)[number];
/**
 * A core factor, `prefix-cache` / `disaggregation` / `speculative` when the
 * scenario sets them, or `extra:<index>` for one of its extra factors.
 */
export type FactorId = CoreFactor | 'prefix-cache' | 'disaggregation' | 'speculative' | `extra:${number}`;

/** Documented default baseline: the H100 SXM (the most widely rented accelerator of the articles' time) at bf16. */
export const DEFAULT_BASELINE_HARDWARE_ID = 'h100-sxm';
export const DEFAULT_BASELINE_PRECISION: Precision = 'bf16';
export const DEFAULT_BASELINE_COMPRESSION = 0;

/** Output tokens per query on either side of a step (both sides simulated). */
export interface OutputTokensChange {
  readonly before: number;
  readonly after: number;
}

/**
 * What a step changed, as the model's own numbers: formats/explain-words.ts
 * words them (the same words in every format). Figures that need both sides
 * simulated are null when one side was infeasible.
 */
export type StepFacts =
  | {
      readonly kind: 'model';
      readonly from: { readonly name: string | null; readonly activeParamsB: number };
      readonly to: { readonly name: string | null; readonly activeParamsB: number; readonly totalParamsB: number };
      /** A dense model becomes a mixture of experts. */
      readonly becomesMoe: boolean;
      /** When the new model is an MoE and both sides were simulated. */
      readonly moe: {
        readonly experts: number;
        /** Distinct experts a decode step reads per layer at the batch. */
        readonly expertsTouchedPerLayer: number;
        readonly batch: number;
        readonly decodeBound: Bound;
        readonly baselineDecodeBound: Bound;
        /** New over old: weight bytes read per output token, the compute-bound part of a decode step per token, prefill time per prompt token. */
        readonly weightBytesPerTokenRatio: number;
        readonly decodeComputePerTokenRatio: number;
        readonly prefillTimePerTokenRatio: number;
        readonly weightsBytes: number;
        readonly acceleratorsPerReplica: number;
      } | null;
    }
  | {
      readonly kind: 'reasoning-mix';
      /** The level every request of the baseline runs at. */
      readonly topLevel: string;
      readonly inputTokens: number;
      readonly outputTokens: OutputTokensChange | null;
    }
  | {
      readonly kind: 'compression';
      readonly from: number;
      readonly to: number;
      readonly outputTokens: OutputTokensChange | null;
    }
  | {
      readonly kind: 'hardware';
      /** Each side's price per accelerator-hour (null: none given), so a price change is said as one. */
      readonly from: {
        readonly name: string | null;
        readonly precision: Precision;
        readonly priceUsdPerHour: number | null;
      };
      readonly to: {
        readonly name: string | null;
        readonly precision: Precision;
        readonly priceUsdPerHour: number | null;
      };
      /** New over old price per unit of memory bandwidth (the headline is per peak FLOP/s). */
      readonly pricePerBandwidthRatio: number;
      /** The new replica's bounds, when it was simulated. */
      readonly bounds: { readonly decode: Bound; readonly prefill: Bound } | null;
    }
  | {
      readonly kind: 'disaggregation';
      /** The pools and the KV transfer between them, when the disaggregated side was simulated. */
      readonly pools: {
        readonly prefill: { readonly accelerators: number; readonly layout: string; readonly hardware: string };
        readonly decode: { readonly accelerators: number; readonly layout: string; readonly hardware: string };
        readonly kvTransferS: number;
        readonly link: 'scale-up' | 'scale-out';
        readonly prefillPerDecodeAccelerator: number;
      } | null;
    }
  | {
      readonly kind: 'speculative';
      readonly method: string;
      readonly draftTokens: number;
      /** When both sides were simulated: what a step yields and costs with it, and the plain step before it. */
      readonly simulated: {
        readonly acceptedTokensPerStep: number;
        readonly batch: number;
        readonly verifyStepS: number;
        readonly draftS: number;
        readonly plainBatch: number;
        readonly plainStepS: number;
      } | null;
    }
  | {
      readonly kind: 'prefix-cache';
      /** Share of prompt tokens found cached, on average. */
      readonly cachedShare: number;
      readonly sharedPrefixTokens: number;
      /** Time to first token without and with the cache, when both sides were simulated. */
      readonly timeToFirstTokenS: { readonly before: number; readonly after: number } | null;
    }
  | {
      readonly kind: 'extra';
      readonly name: string | null;
      readonly phase: Scenario['extra_factors'][number]['phase'];
      readonly timeRatio: number;
      readonly source: string | null;
      readonly bothSimulated: boolean;
    };

export interface WaterfallStep {
  readonly factor: FactorId;
  /** Cost multiplier of this step alone (< 1 saves); null when either side is infeasible. */
  readonly stepRatio: number | null;
  readonly costPerQueryUsd: number | null;
  /** Cost so far over the baseline cost. */
  readonly cumulativeRatio: number | null;
  /** The factor's headline ratio as the articles would quote it (its basis follows from `facts.kind`). */
  readonly headlineRatio: number;
  /** What changed and the figures that explain the modelled ratio. */
  readonly facts: StepFacts;
  /** True for a factor the physical model does not represent (an extra factor). */
  readonly assumption: boolean;
  /** Why this state could not be simulated, when it could not. */
  readonly infeasible?: string;
}

export interface ExplainResult {
  readonly schemaVersion: typeof EXPLAIN_SCHEMA_VERSION;
  readonly scenario: string;
  readonly baseline: {
    readonly model: string | null;
    readonly precision: Precision;
    readonly hardware: string | null;
    readonly compression: number;
    readonly costPerQueryUsd: number | null;
    readonly infeasible?: string;
  };
  readonly steps: readonly WaterfallStep[];
  readonly finalCostPerQueryUsd: number;
  /** Its 80% range (core/error-bands.ts). */
  readonly finalCostPerQueryUsdRange: FigureRange;
  /** Π headline ratios: what multiplying the claims would predict. */
  readonly naiveCompoundRatio: number;
  /** Final cost over baseline cost: what the model predicts. */
  readonly modelledCompoundRatio: number | null;
  /**
   * The step after the waterfall, on another basis: with serving.autoscaling,
   * the cost per query of the fleet as provisioned, static for the peak (every
   * replica all month) and autoscaled to the daily profile (replica-hours
   * held). The waterfall above compares cost at the utilisation target, which
   * autoscaling does not change: it changes how many of the month's hours are
   * paid. Null without autoscaling or traffic.
   */
  readonly autoscaling: {
    readonly staticCostPerQueryUsd: number;
    readonly autoscaledCostPerQueryUsd: number;
    /** Autoscaled over static (< 1 saves). */
    readonly stepRatio: number;
    readonly staticReplicas: number;
    readonly hourlyReplicas: readonly number[];
  } | null;
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
}

function defaultBaselineHardware(): Hardware {
  const preset = HARDWARE_PRESETS.find((p) => p.id === DEFAULT_BASELINE_HARDWARE_ID);
  if (preset === undefined) throw new Error(`baseline hardware preset ${DEFAULT_BASELINE_HARDWARE_ID} missing`);
  return presetHardware(preset);
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
  return { model, hardware, precision, compression };
}

/** The highest reasoning level present in the mix (what a dedicated reasoning model does on every request). */
function topLevel(s: Scenario) {
  const present = REASONING_LEVELS.filter((l) => s.reasoning.levels[l] !== undefined);
  return present[present.length - 1] ?? 'none';
}

type ServingOf = Scenario['serving'];
type PoolOf = NonNullable<ServingOf['disaggregation']>['prefill'];

/** A pinned layout without its expert and data fields (a dense baseline cannot take them). */
function withoutExpertLayouts(serving: ServingOf): ServingOf {
  const strip = <T extends { parallelism?: ServingOf['parallelism'] }>(x: T): T => {
    if (x.parallelism === undefined) return x;
    const { expert: _e, data: _d, ...rest } = x.parallelism;
    return { ...x, parallelism: rest };
  };
  const out = strip(serving);
  const d = out.disaggregation;
  return d === undefined ? out : { ...out, disaggregation: { prefill: strip(d.prefill), decode: strip(d.decode) } };
}

function withoutPoolHardware(pool: PoolOf): PoolOf {
  const { hardware: _h, accelerators_per_replica: _n, ...rest } = pool;
  return rest;
}

/** The scenario with every factor not in `applied` set back to its baseline value. */
export function stateOf(s: Scenario, base: Baseline, applied: ReadonlySet<FactorId>): Scenario {
  let model = s.model;
  let hardware = s.hardware;
  let serving = s.serving;
  let reasoning = s.reasoning;
  if (!applied.has('model')) {
    model = { ...base.model, weight_precision: model.weight_precision, kv_cache_precision: model.kv_cache_precision };
    // Experts spread over ranks, or attention split by request, are layouts of the target MoE.
    if (s.model.moe !== null && base.model.moe === null) serving = withoutExpertLayouts(serving);
  }
  let traffic = s.traffic;
  if (!applied.has('prefix-cache')) {
    const { prefix_cache: _c, ...rest } = traffic;
    traffic = rest;
  }
  if (!applied.has('speculative')) {
    const { speculative: _s, ...rest } = serving;
    serving = rest;
  }
  if (!applied.has('disaggregation')) {
    const { disaggregation: _d, ...rest } = serving;
    serving = rest;
  }
  if (!applied.has('hardware')) {
    hardware = base.hardware;
    model = { ...model, weight_precision: base.precision, kv_cache_precision: base.precision };
    // A replica size or arithmetic precision pinned for the target chip does not carry over, nor a pool's chip.
    const { compute_precision: _p, accelerators_per_replica: _n, ...rest } = serving;
    serving = rest;
    if (serving.disaggregation !== undefined)
      serving = {
        ...serving,
        disaggregation: {
          prefill: withoutPoolHardware(serving.disaggregation.prefill),
          decode: withoutPoolHardware(serving.disaggregation.decode),
        },
      };
  }
  if (!applied.has('reasoning-mix')) {
    const top = topLevel(s);
    const mix = s.reasoning.levels[top];
    reasoning = { ...reasoning, levels: { [top]: { share: 1, thinking_tokens: mix?.thinking_tokens ?? 0 } } };
  }
  if (!applied.has('compression')) reasoning = { ...reasoning, compression: base.compression };
  // Percentile SLOs size the provisioned fleet, not the cost per query at the target the waterfall compares:
  // the steps skip the scheduler simulation.
  {
    const { slo: _slo, ...rest } = serving;
    serving = rest;
    const { arrival: _a, ...t } = traffic;
    traffic = t;
  }
  const extra_factors = s.extra_factors.filter((_, i) => applied.has(`extra:${i}`));
  return {
    ...s,
    model,
    hardware,
    serving,
    reasoning,
    traffic,
    extra_factors,
    budget: undefined,
    api_pricing: undefined,
  };
}

type Outcome = { ok: true; result: SimulationResult } | { ok: false; reason: string };

/** The provisioned cost static and autoscaled: the scenario as given (its SLOs size the fleet). */
function autoscalingStep(s: Scenario, errorRows: readonly ErrorRow[] | undefined): Pick<ExplainResult, 'autoscaling'> {
  if (s.serving.autoscaling === undefined) return { autoscaling: null };
  const r = simulate(s, undefined, undefined, errorRows);
  const a = r.autoscaled;
  const staticCost = r.fleet.provisionedCostPerQueryUsd;
  if (a === null || a.costPerQueryUsd === null || staticCost === null || staticCost === 0) return { autoscaling: null };
  return {
    autoscaling: {
      staticCostPerQueryUsd: staticCost,
      autoscaledCostPerQueryUsd: a.costPerQueryUsd,
      stepRatio: a.costPerQueryUsd / staticCost,
      staticReplicas: r.fleet.replicas,
      hourlyReplicas: a.hourlyReplicas,
    },
  };
}

function run(s: Scenario, errorRows: readonly ErrorRow[] | undefined): Outcome {
  try {
    return { ok: true, result: simulate(s, undefined, undefined, errorRows) };
  } catch (e) {
    if (e instanceof InfeasibleError) return { ok: false, reason: e.message };
    throw e;
  }
}

const meanThinking = (s: Scenario) =>
  Object.values(s.reasoning.levels).reduce((sum, l) => sum + (l ? l.share * meanOf(l.thinking_tokens) : 0), 0);

/** Share of prompt tokens the scenario's prefix cache finds, on average (hit rate × shared prefix, or the cached share). */
function cachedShareOf(s: Scenario): number {
  const c = s.traffic.prefix_cache;
  if (c === undefined) return 0;
  if (c.shared_prefix_tokens !== undefined && c.hit_rate !== undefined)
    return (c.hit_rate * c.shared_prefix_tokens) / meanOf(s.traffic.input_tokens);
  return c.cached_input_share ?? 0;
}

function costPerPeakFlop(s: Scenario): number {
  const { computePrecision, priceUsdPerHour } = requireFigures(s);
  return priceUsdPerHour / (s.hardware.dense_tflops[computePrecision] ?? NaN);
}

function costPerBandwidth(s: Scenario): number {
  return (s.hardware.price_usd_per_hour ?? NaN) / s.hardware.memory_bandwidth_tb_per_s;
}

/** The headline ratio of a step and the facts behind its modelled ratio; `a`, `b`: the two sides, when simulated. */
function factsOf(
  factor: FactorId,
  s: Scenario,
  before: Scenario,
  after: Scenario,
  a?: SimulationResult,
  b?: SimulationResult,
): { headline: number; facts: StepFacts } {
  const both = a !== undefined && b !== undefined;
  const outputTokens = both ? { before: a.blended.outputTokens, after: b.blended.outputTokens } : null;
  switch (factor) {
    case 'model': {
      const moe = after.model.moe;
      const perToken = (r: SimulationResult) => r.deployment.decodeStepBytes / r.deployment.batch;
      const computePerToken = (r: SimulationResult) => r.deployment.decodeStepBreakdown.computeS / r.deployment.batch;
      return {
        headline: after.model.active_params_b / before.model.active_params_b,
        facts: {
          kind: 'model',
          from: { name: before.model.name ?? null, activeParamsB: before.model.active_params_b },
          to: {
            name: after.model.name ?? null,
            activeParamsB: after.model.active_params_b,
            totalParamsB: after.model.total_params_b,
          },
          becomesMoe: moe !== null && before.model.moe === null,
          moe:
            both && moe !== null
              ? {
                  experts: moe.experts,
                  expertsTouchedPerLayer: b.deployment.expertsTouchedPerLayer,
                  batch: b.deployment.batch,
                  decodeBound: b.deployment.decodeBound,
                  baselineDecodeBound: a.deployment.decodeBound,
                  weightBytesPerTokenRatio: perToken(b) / perToken(a),
                  decodeComputePerTokenRatio: computePerToken(b) / computePerToken(a),
                  prefillTimePerTokenRatio: a.deployment.prefillTokensPerS / b.deployment.prefillTokensPerS,
                  weightsBytes: b.deployment.weightsBytes,
                  acceleratorsPerReplica: b.deployment.acceleratorsPerReplica,
                }
              : null,
        },
      };
    }
    case 'reasoning-mix': {
      const answer = meanOf(s.traffic.output_tokens);
      const top = topLevel(s);
      return {
        headline: (answer + meanThinking(after)) / (answer + meanOf(s.reasoning.levels[top]?.thinking_tokens ?? 0)),
        facts: { kind: 'reasoning-mix', topLevel: top, inputTokens: meanOf(s.traffic.input_tokens), outputTokens },
      };
    }
    case 'compression':
      return {
        headline: (1 - after.reasoning.compression) / (1 - before.reasoning.compression),
        facts: {
          kind: 'compression',
          from: before.reasoning.compression,
          to: after.reasoning.compression,
          outputTokens,
        },
      };
    case 'hardware':
      return {
        headline: costPerPeakFlop(after) / costPerPeakFlop(before),
        facts: {
          kind: 'hardware',
          from: {
            name: before.hardware.name ?? null,
            precision: before.model.weight_precision,
            priceUsdPerHour: before.hardware.price_usd_per_hour ?? null,
          },
          to: {
            name: after.hardware.name ?? null,
            precision: after.model.weight_precision,
            priceUsdPerHour: after.hardware.price_usd_per_hour ?? null,
          },
          pricePerBandwidthRatio: costPerBandwidth(after) / costPerBandwidth(before),
          bounds: !both ? null : { decode: b.deployment.decodeBound, prefill: b.deployment.prefillBound },
        },
      };
    case 'speculative': {
      const sp = b?.deployment.speculative ?? null;
      const setting = s.serving.speculative;
      return {
        // The headline of speculative decoding is its accepted length: tokens per target step.
        headline: sp === null ? 1 : 1 / sp.acceptedTokensPerStep,
        facts: {
          kind: 'speculative',
          method: setting?.method ?? 'speculative',
          draftTokens: setting?.draft_tokens ?? 0,
          simulated:
            sp === null || !both
              ? null
              : {
                  acceptedTokensPerStep: sp.acceptedTokensPerStep,
                  batch: b.deployment.batch,
                  verifyStepS: sp.verifyStepS,
                  draftS: sp.draftS,
                  plainBatch: a.deployment.batch,
                  plainStepS: a.deployment.decodeStepS,
                },
        },
      };
    }
    case 'prefix-cache': {
      const cache = b?.deployment.prefixCache ?? null;
      const cached = cache === null ? cachedShareOf(s) : cache.cachedTokensPerQuery / meanOf(s.traffic.input_tokens);
      return {
        // The headline of a prefix cache is the prompt work it leaves: the tokens still prefilled.
        headline: 1 - cached,
        facts: {
          kind: 'prefix-cache',
          cachedShare: cached,
          sharedPrefixTokens: s.traffic.prefix_cache?.shared_prefix_tokens ?? 0,
          timeToFirstTokenS: both ? { before: a.blended.timeToFirstTokenS, after: b.blended.timeToFirstTokenS } : null,
        },
      };
    }
    case 'disaggregation': {
      const g = b?.disaggregation ?? null;
      const pool = (p: PoolResult) => ({
        accelerators: p.acceleratorsPerReplica,
        layout: p.parallelismLabel,
        hardware: p.hardwareName,
      });
      return {
        // No headline figure is quoted for disaggregation: it counts as 1 in the naive product.
        headline: 1,
        facts: {
          kind: 'disaggregation',
          pools:
            g === null
              ? null
              : {
                  prefill: pool(g.prefill),
                  decode: pool(g.decode),
                  kvTransferS: g.kvTransfer.seconds,
                  link: g.kvTransfer.link,
                  prefillPerDecodeAccelerator: g.prefillPerDecodeAccelerator,
                },
        },
      };
    }
    default: {
      const f = s.extra_factors[Number(factor.slice('extra:'.length))];
      return {
        headline: f?.time_ratio ?? 1,
        facts: {
          kind: 'extra',
          name: f?.name ?? null,
          phase: f?.phase ?? 'decode',
          timeRatio: f?.time_ratio ?? 1,
          source: f?.source ?? null,
          bothSimulated: both,
        },
      };
    }
  }
}

export function factorIds(s: Scenario): FactorId[] {
  return [
    ...CORE_FACTORS,
    ...(s.traffic.prefix_cache === undefined ? [] : (['prefix-cache'] as const)),
    ...(s.serving.disaggregation === undefined ? [] : (['disaggregation'] as const)),
    ...(s.serving.speculative === undefined ? [] : (['speculative'] as const)),
    ...s.extra_factors.map((_, i): FactorId => `extra:${i}`),
  ];
}

/** `errorRows`: the measured errors the final cost's range comes from (default: the shipped calibration rows). */
export function explain(
  s: Scenario,
  order: readonly FactorId[] = factorIds(s),
  errorRows?: readonly ErrorRow[],
): ExplainResult {
  const all = factorIds(s);
  if (order.length !== all.length || !all.every((f) => order.includes(f)))
    throw new InfeasibleError(`the factor order must list each of ${all.join(', ')} once`);
  const base = baselineOf(s);
  const applied = new Set<FactorId>();
  let state = stateOf(s, base, applied);
  let outcome = run(state, errorRows);
  const baseCost = outcome.ok ? outcome.result.blended.costPerQueryUsd : null;
  const described = {
    model: base.model.name ?? null,
    precision: base.precision,
    hardware: base.hardware.name ?? null,
    compression: base.compression,
  };
  const baseline = outcome.ok
    ? { ...described, costPerQueryUsd: baseCost }
    : { ...described, costPerQueryUsd: null, infeasible: outcome.reason };
  const steps: WaterfallStep[] = [];
  for (const factor of order) {
    applied.add(factor);
    const next = stateOf(s, base, applied);
    const nextOutcome = run(next, errorRows);
    const d = factsOf(
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
      stepRatio: cost !== null && prev !== null ? cost / prev : null,
      costPerQueryUsd: cost,
      cumulativeRatio: cost !== null && baseCost !== null ? cost / baseCost : null,
      headlineRatio: d.headline,
      facts: d.facts,
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
    finalCostPerQueryUsdRange: outcome.result.blended.costPerQueryUsdRange,
    naiveCompoundRatio: naive,
    modelledCompoundRatio: modelled,
    ...autoscalingStep(s, errorRows),
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
