/**
 * `infercost optimize`: the cheapest configuration of a scenario that meets
 * every latency target and budget it sets. The space is what the scenario
 * leaves open — accelerator, weight precision, replica size and layout, max
 * batch, disaggregation, speculative draft length — each configuration
 * priced by `simulate` itself (one home for the physics). The search prunes
 * what cannot change the answer: a larger max batch once the cap no longer
 * binds, and every max batch of a configuration that cannot run at all.
 */
import { findPreset, presetsOf } from '../data/catalog.js';
import type { HardwarePreset } from '../data/types.js';
import { InfeasibleError, UsageError } from '../errors.js';
import { MAX_ACCELERATORS_PER_REPLICA } from '../scenario/defaults.js';
import { presetHardware } from '../scenario/preset-hardware.js';
import { BYTES_PER_ELEMENT, type Precision } from '../scenario/precision.js';
import type { Hardware, Scenario } from '../scenario/schema.js';
import { dataAttentionExpert, parallelismLabel, tensorParallel, type Parallelism } from './parallelism.js';
import type { SimulationResult } from './result.js';
import type { StepBreakdown } from './steps.js';
import { simulate, type Origins } from './simulate.js';

import type { OptimizeBasis } from './optimize-bases.js';
export { OPTIMIZE_BASES, type OptimizeBasis } from './optimize-bases.js';

/** The choices a configuration makes; the dimensions runners-up differ in. */
export const DIMENSIONS = ['hardware', 'precision', 'replica', 'max-batch', 'disaggregation', 'speculative'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Max batches tried when the scenario leaves it open: powers of two, the frontier's interactivity knob. */
export const MAX_BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] as const;
/** Draft lengths tried when the scenario's speculative decoding gives a per-token acceptance (or MTP's default). */
export const DRAFT_TOKENS = [1, 2, 3, 4, 5] as const;
/** Weight precisions an open precision may take (narrower than the checkpoint, computed natively). */
const QUANTISED: readonly Precision[] = ['bf16', 'fp8', 'fp4'];

export interface HardwareOption {
  readonly id: string;
  readonly hardware: Hardware;
}

export interface Configuration {
  readonly hardwareId: string;
  readonly precision: Precision;
  /** The replica: accelerators and layout, or null where the scenario pins it (its own setting). */
  readonly replica: { readonly accelerators: number; readonly parallelism: Parallelism } | null;
  readonly maxBatch: number;
  readonly disaggregated: boolean;
  /** Speculative draft tokens (null: off). */
  readonly draftTokens: number | null;
}

/** A configuration as evaluated: its figures, or why it cannot run. */
export type Evaluated = { readonly configuration: Configuration; readonly label: string } & (
  | {
      readonly ok: true;
      /** Meets every budget (latency targets are met by construction: simulate sizes for them). */
      readonly withinBudget: boolean;
      readonly costPerQueryUsd: number;
      readonly costAtTargetUsd: number;
      readonly provisionedCostPerQueryUsd: number | null;
      readonly timePerOutputTokenS: number;
      readonly timeToFirstTokenS: number;
      readonly acceleratorsPerReplica: number;
      readonly parallelismLabel: string;
      readonly batch: number;
      readonly result: SimulationResult;
    }
  | { readonly ok: false; readonly reason: string }
);
export type Feasible = Extract<Evaluated, { ok: true }>;

export interface RunnerUp {
  readonly dimension: Dimension;
  readonly candidate: Feasible;
  /** Cost over the winner's, − 1 (0.18: 18% dearer). */
  readonly overWinner: number;
  readonly why: WhyDearer;
}

export interface Miss {
  readonly target: string;
  readonly limit: number;
  readonly achieved: number;
}

export interface OptimizeResult {
  readonly scenario: string;
  readonly basis: OptimizeBasis;
  /** Configurations in the space, evaluated, and skipped by pruning (they could not change the answer). */
  readonly space: number;
  readonly evaluated: number;
  readonly pruned: number;
  readonly feasible: number;
  /** What each dimension ranged over, in words. */
  readonly searched: Readonly<Record<Dimension, readonly string[]>>;
  readonly winner: Feasible | null;
  readonly runnersUp: readonly RunnerUp[];
  /** Cost per query against time per output token: the configurations no other beats on both. */
  readonly frontier: readonly Feasible[];
  /** When nothing meets the targets: the configuration that misses its worst target by the least. */
  readonly closest: { readonly label: string; readonly misses: readonly Miss[] } | null;
  readonly all: readonly Evaluated[];
}

export interface OptimizeOptions {
  /** Accelerators to try; absent: the scenario's own. */
  readonly hardware?: readonly HardwareOption[] | undefined;
  /** Weight precisions to try; absent: the scenario's if it sets one, else the checkpoint's and narrower native ones. */
  readonly precisions?: readonly Precision[] | undefined;
  readonly basis?: OptimizeBasis;
  /** false: evaluate every configuration (the brute force tests compare against). */
  readonly prune?: boolean;
}

/** Every hardware preset with a price (one accelerator, not a rack), or the named ones; an unknown id is a usage error. */
export function hardwareOptions(ids: readonly string[] | 'all'): HardwareOption[] {
  if (ids === 'all')
    return presetsOf('hardware')
      .filter((p) => p.unit !== 'rack' && p.spec.price_usd_per_hour !== undefined)
      .map((p) => ({ id: p.id, hardware: presetHardware(p) }));
  return ids.map((id) => {
    const p = findPreset('hardware', id) as HardwarePreset | undefined;
    if (p === undefined || p.unit === 'rack')
      throw new UsageError(`--hardware: "${id}" is not an accelerator preset (see infercost presets list hardware)`);
    return { id, hardware: presetHardware(p) };
  });
}

const set = (origins: Origins, path: string) => origins.get(path) === 'scenario';

/** The scenario with one configuration's choices made. */
function configured(base: Scenario, hw: HardwareOption, c: Configuration): Scenario {
  let serving = { ...base.serving, max_batch: c.maxBatch };
  const pinnedHw = hw.hardware === base.hardware;
  if (!pinnedHw || c.precision !== base.model.weight_precision) {
    // An arithmetic precision set for the scenario's chip and weights does not carry over.
    const { compute_precision: _p, ...rest } = serving;
    serving = rest;
  }
  if (c.replica !== null) {
    const { accelerators_per_replica: _n, parallelism: _l, disaggregation: _d, ...rest } = serving;
    const layout = { tensor: c.replica.parallelism.tensor, data: c.replica.parallelism.data };
    serving = c.disaggregated
      ? {
          ...rest,
          disaggregation: {
            prefill: {},
            decode: { accelerators_per_replica: c.replica.accelerators, parallelism: layout },
          },
        }
      : { ...rest, accelerators_per_replica: c.replica.accelerators, parallelism: layout };
  }
  const sp = base.serving.speculative;
  if (sp !== undefined) {
    const { speculative: _s, ...rest } = serving;
    serving = c.draftTokens === null ? rest : { ...rest, speculative: { ...sp, draft_tokens: c.draftTokens } };
  }
  return {
    ...base,
    hardware: hw.hardware,
    model: { ...base.model, weight_precision: c.precision },
    serving,
    budget: base.budget,
  };
}

export function labelOf(
  c: Configuration,
  hardwareName: string,
  acceleratorsPerReplica?: number,
  layout?: string,
): string {
  const n = c.replica?.accelerators ?? acceleratorsPerReplica;
  const lay = c.replica === null ? layout : parallelismLabel(c.replica.parallelism);
  return [
    `${n ?? '?'} × ${hardwareName}${lay !== undefined ? ` (${lay})` : ''}`,
    c.precision,
    `max batch ${c.maxBatch}`,
    c.disaggregated ? 'disaggregated' : 'co-located',
    ...(c.draftTokens === null ? [] : [`${c.draftTokens} draft tokens`]),
  ].join(', ');
}

function evaluate(base: Scenario, hw: HardwareOption, c: Configuration, basis: OptimizeBasis): Evaluated {
  const scenario = configured(base, hw, c);
  let r: SimulationResult;
  try {
    r = simulate(scenario);
  } catch (e) {
    if (!(e instanceof InfeasibleError)) throw e;
    return { configuration: c, label: labelOf(c, hw.id), ok: false, reason: e.message };
  }
  const d = r.disaggregation === null ? r.deployment : r.disaggregation.decode;
  const p = r.disaggregation?.prefill;
  const atTarget = r.blended.costPerQueryUsd;
  const provisioned = r.fleet.provisionedCostPerQueryUsd;
  return {
    configuration: c,
    label:
      labelOf(c, hw.id, d.acceleratorsPerReplica, d.parallelismLabel) +
      (p === undefined ? '' : ` (prefill pool ${p.acceleratorsPerReplica} × ${hw.id} (${p.parallelismLabel}))`),
    ok: true,
    withinBudget: r.budget.every((b) => b.pass),
    costPerQueryUsd: basis === 'provisioned' && provisioned !== null ? provisioned : atTarget,
    costAtTargetUsd: atTarget,
    provisionedCostPerQueryUsd: provisioned,
    timePerOutputTokenS: r.blended.timePerOutputTokenS,
    timeToFirstTokenS: r.blended.timeToFirstTokenS,
    acceleratorsPerReplica: d.acceleratorsPerReplica,
    parallelismLabel: d.parallelismLabel,
    batch: r.deployment.batch,
    result: r,
  };
}

/** What the scenario leaves open, dimension by dimension. */
function spaceOf(base: Scenario, origins: Origins, options: OptimizeOptions) {
  // The scenario's own accelerator, named by its preset id where it has one.
  const presetId = /^preset (\S+)$/.exec(origins.get('hardware.memory_gb') ?? '')?.[1];
  const hardware = options.hardware ?? [{ id: presetId ?? base.hardware.name ?? 'hardware', hardware: base.hardware }];
  const shipped = base.model.weight_precision;
  const precisionsFor = (hw: Hardware): readonly Precision[] =>
    options.precisions ??
    (set(origins, 'model.weight_precision')
      ? [shipped]
      : [
          shipped,
          ...QUANTISED.filter(
            (p) =>
              p !== shipped &&
              BYTES_PER_ELEMENT[p] < BYTES_PER_ELEMENT[shipped] &&
              typeof hw.dense_tflops[p] === 'number',
          ),
        ]);
  const replicaPinned =
    base.serving.accelerators_per_replica !== undefined ||
    base.serving.parallelism !== undefined ||
    base.serving.disaggregation !== undefined;
  const replicasFor = (hw: Hardware) => {
    if (replicaPinned) return [null];
    const out: { accelerators: number; parallelism: Parallelism }[] = [];
    for (let n = 1; n <= Math.min(MAX_ACCELERATORS_PER_REPLICA, 2 * hw.accelerators_per_node); n *= 2) {
      out.push({ accelerators: n, parallelism: tensorParallel(n) });
      // A mixture of experts may also split attention by request and spread the experts (DP attention + EP).
      if (base.model.moe !== null && n > 1 && n <= base.model.moe.experts)
        out.push({ accelerators: n, parallelism: dataAttentionExpert(n) });
    }
    return out;
  };
  const maxBatches: readonly number[] = set(origins, 'serving.max_batch') ? [base.serving.max_batch] : MAX_BATCHES;
  const disaggregation: readonly boolean[] = replicaPinned
    ? [base.serving.disaggregation !== undefined]
    : [false, true];
  const sp = base.serving.speculative;
  const drafts: readonly (number | null)[] =
    sp === undefined
      ? [null]
      : sp.accepted_tokens_per_step !== undefined
        ? [null, sp.draft_tokens]
        : [null, ...new Set([...DRAFT_TOKENS, sp.draft_tokens])].sort((a, b) => (a ?? 0) - (b ?? 0));
  return { hardware, precisionsFor, replicasFor, maxBatches, disaggregation, drafts };
}

const isFeasible = (e: Evaluated): e is Feasible => e.ok && e.withinBudget;

export function optimize(base: Scenario, origins: Origins = new Map(), options: OptimizeOptions = {}): OptimizeResult {
  const basis = options.basis ?? 'provisioned';
  const prune = options.prune ?? true;
  const space = spaceOf(base, origins, options);
  // Percentile SLOs are checked by simulating the scheduler (core/latency.ts), ~0.1 s a configuration: the
  // search runs without them, then re-prices the cheapest with them (below).
  const withSlo = base.serving.slo !== undefined || base.traffic.arrival !== undefined;
  const { slo: _slo, ...plainServing } = base.serving;
  const { arrival: _arrival, ...plainTraffic } = base.traffic;
  const searchBase: Scenario = withSlo ? { ...base, serving: plainServing, traffic: plainTraffic } : base;
  const all: Evaluated[] = [];
  let size = 0;
  let pruned = 0;
  const searched: Record<Dimension, Set<string>> = {
    hardware: new Set(),
    precision: new Set(),
    replica: new Set(),
    'max-batch': new Set(space.maxBatches.map(String)),
    disaggregation: new Set(space.disaggregation.map((d) => (d ? 'disaggregated' : 'co-located'))),
    speculative: new Set(space.drafts.map((d) => (d === null ? 'off' : `${d} draft tokens`))),
  };
  for (const hw of space.hardware) {
    searched.hardware.add(hw.id);
    for (const precision of space.precisionsFor(hw.hardware)) {
      searched.precision.add(precision);
      const replicas = space.replicasFor(hw.hardware);
      // Beyond one scale-up domain only if nothing within one runs (a replica across nodes pays the scale-out network).
      let withinNode = false;
      for (const replica of replicas) {
        searched.replica.add(
          replica === null ? 'as set' : `${replica.accelerators} ${parallelismLabel(replica.parallelism)}`,
        );
        const beyond = replica !== null && replica.accelerators > hw.hardware.accelerators_per_node;
        for (const disaggregated of space.disaggregation)
          for (const draftTokens of space.drafts) {
            const batches = space.maxBatches.length;
            size += batches;
            if (prune && beyond && withinNode) {
              pruned += batches;
              continue;
            }
            for (let i = 0; i < batches; i++) {
              const maxBatch = space.maxBatches[i] as number;
              const e = evaluate(
                searchBase,
                hw,
                { hardwareId: hw.id, precision, replica, maxBatch, disaggregated, draftTokens },
                basis,
              );
              all.push(e);
              if (e.ok && !beyond) withinNode = true;
              // A configuration that cannot run, runs no better with a larger cap (weights, TTFT and batch 1 do
              // not depend on it); once the cap stops binding, larger ones give the same replica.
              const capBinds = e.ok && e.result.deployment.batchLimitedBy === 'max_batch';
              if (prune && (!e.ok || !capBinds)) {
                pruned += batches - i - 1;
                break;
              }
            }
          }
      }
    }
  }
  const feasible = all.filter(isFeasible);
  let winner = feasible.reduce<Feasible | null>((a, b) => (a === null || cheaper(b, a) ? b : a), null);
  let runners = winner === null ? [] : runnersUp(winner, feasible);
  let frontier = frontierOf(feasible);
  if (withSlo && winner !== null) {
    const byId = new Map(space.hardware.map((h) => [h.id, h]));
    const again = (e: Feasible): Evaluated =>
      evaluate(base, byId.get(e.configuration.hardwareId) as HardwareOption, e.configuration, basis);
    // Branch and bound: an SLO only adds replicas, so a configuration's cost without it bounds its cost with it.
    const ordered = [...feasible].sort((a, b) => (cheaper(a, b) ? -1 : cheaper(b, a) ? 1 : 0));
    let best: Feasible | null = null;
    for (const e of ordered) {
      if (best !== null && e.costPerQueryUsd >= best.costPerQueryUsd) break;
      const r = again(e);
      if (isFeasible(r) && (best === null || cheaper(r, best))) best = r;
    }
    winner = best;
    // The runners-up and the frontier, re-priced with the SLOs (those that break one drop out).
    const w = winner;
    runners =
      w === null
        ? []
        : runners.flatMap((u) => {
            const r = again(u.candidate);
            return isFeasible(r) && r.label !== w.label
              ? [
                  {
                    ...u,
                    candidate: r,
                    overWinner: r.costPerQueryUsd / w.costPerQueryUsd - 1,
                    why: whyDearer(u.dimension, w, r),
                  },
                ]
              : [];
          });
    frontier = frontierOf(frontier.map(again).filter(isFeasible));
  }
  return {
    scenario: base.name,
    basis,
    space: size,
    evaluated: all.length,
    pruned,
    feasible: feasible.length,
    searched: Object.fromEntries(DIMENSIONS.map((d) => [d, [...searched[d]]])) as Record<Dimension, string[]>,
    winner,
    runnersUp: runners,
    frontier,
    closest: winner === null ? closestOf(base, space.hardware, all, basis) : null,
    all,
  };
}

/** Cheaper, then lower TPOT, then fewer accelerators: a total order, so the winner does not depend on the search order. */
function cheaper(a: Feasible, b: Feasible): boolean {
  if (a.costPerQueryUsd !== b.costPerQueryUsd) return a.costPerQueryUsd < b.costPerQueryUsd;
  if (a.timePerOutputTokenS !== b.timePerOutputTokenS) return a.timePerOutputTokenS < b.timePerOutputTokenS;
  if (a.acceleratorsPerReplica !== b.acceleratorsPerReplica) return a.acceleratorsPerReplica < b.acceleratorsPerReplica;
  return a.label < b.label;
}

function choiceOf(c: Configuration, d: Dimension): string {
  switch (d) {
    case 'hardware':
      return c.hardwareId;
    case 'precision':
      return c.precision;
    case 'replica':
      return c.replica === null ? 'as set' : `${c.replica.accelerators} ${parallelismLabel(c.replica.parallelism)}`;
    case 'max-batch':
      return String(c.maxBatch);
    case 'disaggregation':
      return String(c.disaggregated);
    case 'speculative':
      return String(c.draftTokens);
  }
}

/** For each dimension, the cheapest configuration that differs from the winner in that choice only. */
function runnersUp(winner: Feasible, feasible: readonly Feasible[]): RunnerUp[] {
  const out: RunnerUp[] = [];
  for (const d of DIMENSIONS) {
    const others = DIMENSIONS.filter((x) => x !== d);
    let best: Feasible | undefined;
    for (const f of feasible) {
      if (choiceOf(f.configuration, d) === choiceOf(winner.configuration, d)) continue;
      if (!others.every((x) => choiceOf(f.configuration, x) === choiceOf(winner.configuration, x))) continue;
      if (best === undefined || cheaper(f, best)) best = f;
    }
    if (best !== undefined)
      out.push({
        dimension: d,
        candidate: best,
        overWinner: best.costPerQueryUsd / winner.costPerQueryUsd - 1,
        why: whyDearer(d, winner, best),
      });
  }
  return out;
}

/** Why a runner-up costs more than the winner: the choice it changed and the figures that moved most. */
export interface WhyDearer {
  /** The runner-up's choice and the winner's, in words. */
  readonly choice: { readonly from: string; readonly to: string };
  readonly batch: { readonly from: number; readonly to: number; readonly limitedBy: string } | null;
  /** Replica decode time per output token, s, and the step part that changed most per token. */
  readonly decodePerToken: {
    readonly from: number;
    readonly to: number;
    readonly part: keyof StepBreakdown;
    readonly deltaS: number;
  } | null;
  readonly fleetAccelerators: { readonly from: number; readonly to: number } | null;
}

function choiceWords(d: Dimension, e: Feasible): string {
  const c = e.configuration;
  switch (d) {
    case 'hardware':
      return `${e.result.hardware.name} at $${e.result.hardware.priceUsdPerHour}/h`;
    case 'precision':
      return `${c.precision} weights`;
    case 'replica':
      return `${e.acceleratorsPerReplica} × ${e.parallelismLabel}`;
    case 'max-batch':
      return `max batch ${c.maxBatch}`;
    case 'disaggregation':
      return c.disaggregated ? 'disaggregated' : 'co-located';
    case 'speculative':
      return c.draftTokens === null ? 'no speculative decoding' : `${c.draftTokens} draft tokens`;
  }
}

/** Replica decode time per output token: the step over the tokens it yields. */
const decodePerToken = (r: SimulationResult) =>
  r.deployment.decodeStepS / (r.deployment.batch * (r.deployment.speculative?.acceptedTokensPerStep ?? 1));

function whyDearer(d: Dimension, w: Feasible, o: Feasible): WhyDearer {
  const a = w.result;
  const b = o.result;
  const pa = decodePerToken(a);
  const pb = decodePerToken(b);
  let decode: WhyDearer['decodePerToken'] = null;
  if (Math.abs(pb / pa - 1) > 0.05) {
    let part: keyof StepBreakdown = 'weightsS';
    let deltaS = 0;
    for (const k of Object.keys(b.deployment.decodeStepBreakdown) as (keyof StepBreakdown)[]) {
      const delta =
        b.deployment.decodeStepBreakdown[k] / b.deployment.batch -
        a.deployment.decodeStepBreakdown[k] / a.deployment.batch;
      if (Math.abs(delta) > Math.abs(deltaS)) [part, deltaS] = [k, delta];
    }
    decode = { from: pa, to: pb, part, deltaS };
  }
  return {
    choice: { from: choiceWords(d, w), to: choiceWords(d, o) },
    batch: o.batch === w.batch ? null : { from: w.batch, to: o.batch, limitedBy: b.deployment.batchLimitedBy },
    decodePerToken: decode,
    fleetAccelerators:
      o.costPerQueryUsd !== o.costAtTargetUsd && b.fleet.accelerators !== a.fleet.accelerators
        ? { from: a.fleet.accelerators, to: b.fleet.accelerators }
        : null,
  };
}

/** The configurations no other beats on both cost per query and time per output token, by TPOT. */
export function frontierOf(feasible: readonly Feasible[]): Feasible[] {
  const sorted = [...feasible].sort(
    (a, b) => a.timePerOutputTokenS - b.timePerOutputTokenS || a.costPerQueryUsd - b.costPerQueryUsd,
  );
  const out: Feasible[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || f.costPerQueryUsd < last.costPerQueryUsd) out.push(f);
  }
  return out;
}

/**
 * Nothing meets the targets: for every configuration that can hold the model,
 * each target at its best — latency with the SLOs lifted at batch 1, cost and
 * fleet at the largest batch — and the one whose worst miss is smallest.
 */
function closestOf(
  base: Scenario,
  hardware: readonly HardwareOption[],
  all: readonly Evaluated[],
  basis: OptimizeBasis,
): OptimizeResult['closest'] {
  const { max_time_per_output_token_ms: tpot, max_time_to_first_token_ms: ttft, ...serving } = base.serving;
  const free: Scenario = { ...base, serving };
  const byId = new Map(hardware.map((h) => [h.id, h]));
  const seen = new Set<string>();
  let best: { label: string; misses: Miss[]; worst: number } | null = null;
  for (const e of all) {
    const c = e.configuration;
    const key = JSON.stringify({ ...c, maxBatch: 0 });
    const hw = byId.get(c.hardwareId);
    if (seen.has(key) || hw === undefined) continue;
    seen.add(key);
    const interactive = evaluate(free, hw, { ...c, maxBatch: 1 }, basis);
    const bulk = evaluate(free, hw, { ...c, maxBatch: MAX_BATCHES[MAX_BATCHES.length - 1] as number }, basis);
    if (!interactive.ok || !bulk.ok) continue;
    const misses: Miss[] = [];
    if (tpot !== undefined)
      misses.push({
        target: 'serving.max_time_per_output_token_ms',
        limit: tpot,
        achieved: interactive.timePerOutputTokenS * 1000,
      });
    if (ttft !== undefined)
      misses.push({
        target: 'serving.max_time_to_first_token_ms',
        limit: ttft,
        achieved: interactive.timeToFirstTokenS * 1000,
      });
    for (const b of bulk.result.budget)
      misses.push({ target: `budget.${b.metric}`, limit: b.limit, achieved: b.actual });
    const worst = Math.max(0, ...misses.map((m) => m.achieved / m.limit));
    if (best === null || worst < best.worst)
      best = {
        label: interactive.label,
        misses: misses.filter((m) => m.achieved > m.limit),
        worst,
      };
  }
  return best === null ? null : { label: best.label, misses: best.misses };
}
