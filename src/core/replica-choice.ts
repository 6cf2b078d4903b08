/**
 * Choosing a replica: every accelerator count and layout the scenario allows
 * (core/parallelism.ts), each sized (core/deployment.ts), the cheapest per
 * query at full load kept.
 */
import { InfeasibleError } from '../errors.js';
import { MAX_ACCELERATORS_PER_REPLICA } from '../scenario/defaults.js';
import type { Precision } from '../scenario/precision.js';
import type { Scenario } from '../scenario/schema.js';
import { evaluateReplica, sizingContext, type Deployment, type Phase, type Rejection } from './deployment.js';
import { layoutsFor, parallelismProblem, pinnedAccelerators, type Parallelism } from './parallelism.js';
import type { Workload } from './workload.js';

/**
 * Accelerator counts to try: the pinned count (serving.accelerators_per_replica,
 * or what serving.parallelism fixes), else powers of two from 1 up to the node
 * size (further only if the model needs it).
 */
export function candidateCounts(scenario: Scenario): readonly number[] {
  const pinned = scenario.serving.accelerators_per_replica;
  const layout = pinnedAccelerators(scenario.serving.parallelism);
  if (pinned !== undefined && layout !== undefined && pinned !== layout)
    throw new InfeasibleError(
      `a replica split this way has ${layout} accelerators (tensor × data × pipeline), but serving.accelerators_per_replica is ${pinned}: make them agree, or drop one`,
      'serving.parallelism',
    );
  if (pinned !== undefined || layout !== undefined) return [pinned ?? (layout as number)];
  return POWERS_OF_TWO;
}

/** 1, 2, 4, … MAX_ACCELERATORS_PER_REPLICA, built once (every evaluation walks them). */
const POWERS_OF_TWO: readonly number[] = Array.from(
  { length: Math.log2(MAX_ACCELERATORS_PER_REPLICA) + 1 },
  (_, i) => 2 ** i,
);

/** The layouts of `n` accelerators the scenario allows, and the first reason one it pins cannot serve. */
export function layoutsOf(
  scenario: Scenario,
  n: number,
  problems: { field: string; message: string }[],
): readonly Parallelism[] {
  const { model } = scenario;
  const pinned = scenario.serving.parallelism;
  if (lastLayouts === undefined || lastLayouts.model !== model || lastLayouts.pinned !== pinned)
    lastLayouts = { model, pinned, byCount: new Map() };
  let sorted = lastLayouts.byCount.get(n);
  if (sorted === undefined) {
    const layouts: Parallelism[] = [];
    const found: { field: string; message: string }[] = [];
    for (const layout of layoutsFor(n, pinned)) {
      const problem = parallelismProblem(layout, model);
      if (problem === undefined) layouts.push(layout);
      else found.push(problem);
    }
    lastLayouts.byCount.set(n, (sorted = { layouts, problems: found }));
  }
  for (const p of sorted.problems) problems.push(p);
  return sorted.layouts;
}

/**
 * The layouts of each replica size for the model and pinned layout asked last (both immutable once
 * validated): every evaluation asks for the same few sizes, and a sweep's points share the model.
 */
let lastLayouts:
  | {
      readonly model: Scenario['model'];
      readonly pinned: Scenario['serving']['parallelism'];
      readonly byCount: Map<
        number,
        { readonly layouts: readonly Parallelism[]; readonly problems: readonly { field: string; message: string }[] }
      >;
    }
  | undefined;

/** Whether `a` costs less accelerator time per query than `b` (any `a` beats no `b`): one replica price in a pool. */
export function cheaperPerQuery(
  a: { readonly replicaSecondsPerQuery: number; readonly rates: { readonly accelerators: number } },
  b: { readonly replicaSecondsPerQuery: number; readonly rates: { readonly accelerators: number } } | undefined,
): boolean {
  return (
    b === undefined || a.replicaSecondsPerQuery * a.rates.accelerators < b.replicaSecondsPerQuery * b.rates.accelerators
  );
}

export function chooseDeployment(scenario: Scenario, workload: Workload, precision: Precision, phase: Phase = 'both') {
  const ctx = sizingContext(scenario, workload, precision);
  const nodeSize = scenario.hardware.accelerators_per_node;
  const tried: (Deployment | Rejection)[] = [];
  const problems: { field: string; message: string }[] = [];
  let best: Deployment | undefined;
  for (const n of candidateCounts(scenario)) {
    // Beyond one node, only go as far as the first count that works: its
    // collectives cross the scale-out network (priced in the steps), so a
    // larger multi-node replica is rarely cheaper and the search stays short.
    if (best !== undefined && n > nodeSize) break;
    for (const layout of layoutsOf(scenario, n, problems)) {
      const d = evaluateReplica(ctx, layout, phase);
      tried.push(d);
      if (d.ok && cheaperPerQuery(d, best)) best = d;
    }
  }
  if (tried.length === 0) {
    // Every layout the scenario pins breaks a rule of the model: say the last one (the largest replica's).
    const last = problems[problems.length - 1];
    throw new InfeasibleError(
      last?.message ??
        'serving.parallelism: no replica size splits as tensor × data × pipeline: give tensor and data, or accelerators_per_replica',
      last === undefined ? 'serving.parallelism' : `serving.parallelism.${last.field}`,
    );
  }
  return { best, tried, ctx };
}
