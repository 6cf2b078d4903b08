/**
 * Cost per query over time: a scenario re-run month by month on the best
 * hardware a roadmap makes available that month (the cheapest per query), with
 * the software improvements in effect that month. Pure: the start month is an
 * input, never the clock.
 */
import { elementAt } from './at.js';
import { requestsPerMonth } from './month.js';
import { monthIndex, monthLabel, type Roadmap } from '../scenario/roadmap-schema.js';
import type { ExtraFactor, Hardware, Scenario } from '../scenario/schema.js';
import { InfeasibleError, UserError } from '../errors.js';
import type { SimulationResult, FigureRange } from './result.js';
import { simulate } from './simulate.js';

export const PROJECTION_SCHEMA_VERSION = 1;

/** Longest projection: 50 years of months. */
export const MAX_PROJECTION_MONTHS = 600;

export interface ProjectOptions {
  /** First month, YYYY-MM. */
  readonly start: string;
  /** Number of months, ≥ 1. */
  readonly months: number;
  /** Count the scenario's own hardware as available every month (default true). */
  readonly includeScenarioHardware?: boolean;
}

export interface ProjectionCandidate {
  readonly hardware: string;
  readonly priceUsdPerHour: number | null;
  /** Blended cost per query on it this month; null when the scenario cannot run on it. */
  readonly costPerQueryUsd: number | null;
  /** Why it cannot run the scenario, when it cannot. */
  readonly infeasible?: string;
}

/** What is new in a month: the first month, hardware arriving or leaving, a software step, a switch. */
export type ProjectionChange =
  | { readonly kind: 'start'; readonly hardware: string | null }
  | { readonly kind: 'available' | 'withdrawn'; readonly hardware: string }
  | { readonly kind: 'software'; readonly name: string }
  | { readonly kind: 'switch'; readonly hardware: string | null };

export interface ProjectionMonth {
  readonly month: string;
  /** The cheapest hardware per query this month; null when none can run the scenario. */
  readonly hardware: string | null;
  readonly hardwareSource: string | null;
  readonly priceUsdPerHour: number | null;
  readonly acceleratorsPerReplica: number | null;
  /** Fraction of thinking tokens removed this month. */
  readonly compression: number;
  /** Names of the extra factors in effect (the scenario's and the roadmap's). */
  readonly extraFactors: readonly string[];
  readonly costPerQueryUsd: number | null;
  /** Its 80% range (core/error-bands.ts), null with it. */
  readonly costPerQueryUsdRange: FigureRange | null;
  readonly costPerMillionOutputTokensUsd: number | null;
  /** Cost per query × requests in a month, at the utilisation target. */
  readonly monthlyCostUsd: number | null;
  /** The fleet for the peak at the utilisation target. */
  readonly fleetAccelerators: number | null;
  readonly provisionedMonthlyCostUsd: number | null;
  /** Cost per query over the first month's (null if either is unknown). */
  readonly costVsStart: number | null;
  /** Whether the hardware is the scenario's own (not a roadmap entry). */
  readonly hardwareFromScenario: boolean;
  /** What is new since the month before. */
  readonly changes: readonly ProjectionChange[];
  /** Every hardware available this month, with its cost per query or why it cannot be used. */
  readonly candidates: readonly ProjectionCandidate[];
}

export interface Projection {
  readonly schemaVersion: typeof PROJECTION_SCHEMA_VERSION;
  readonly scenario: { readonly name: string };
  readonly roadmap: { readonly name: string; readonly description?: string };
  readonly start: string;
  readonly end: string;
  readonly months: readonly ProjectionMonth[];
  readonly summary: {
    /** The scenario as written (its own hardware and software, what `simulate` gives); null if infeasible. */
    readonly scenarioCostPerQueryUsd: number | null;
    /** Last month's cost per query over the scenario's as written. */
    readonly endVsScenario: number | null;
    readonly startCostPerQueryUsd: number | null;
    readonly endCostPerQueryUsd: number | null;
    /** End over start (< 1: cheaper at the end). */
    readonly endVsStart: number | null;
    /** Sum of the months' cost at the utilisation target. */
    readonly totalCostUsd: number;
    /** Sum of the months' provisioned fleet cost. */
    readonly totalProvisionedCostUsd: number;
  };
  /** Every roadmap entry with its availability and source, as cited. */
  readonly sources: readonly {
    readonly kind: 'hardware' | 'software';
    readonly name: string;
    readonly from: string;
    readonly until?: string;
    readonly source: string;
  }[];
  readonly assumptions: readonly string[];
}

export const PROJECTION_ASSUMPTIONS: readonly string[] = [
  'each month the scenario runs on the available hardware with the lowest blended cost per query (switching is free and immediate)',
  "prices stay as the roadmap gives them; traffic, model and reasoning mix stay as the scenario's",
  "compression in effect is the best of the scenario's own and the roadmap steps started by that month; extra factors add up",
];

interface Candidate {
  readonly label: string;
  readonly fromScenario: boolean;
  readonly source: string;
  readonly hardware: Hardware;
  readonly from: number;
  readonly until: number;
}

function candidatesOf(scenario: Scenario, roadmap: Roadmap, includeScenario: boolean): Candidate[] {
  const list: Candidate[] = [];
  if (includeScenario)
    list.push({
      label: scenario.hardware.name ?? 'custom hardware',
      fromScenario: true,
      source: "the scenario's hardware block",
      hardware: scenario.hardware,
      from: -Infinity,
      until: Infinity,
    });
  for (const a of roadmap.accelerators)
    list.push({
      label: a.hardware.name ?? 'custom hardware',
      fromScenario: false,
      source: a.source,
      hardware: a.hardware,
      from: monthIndex(a.from),
      until: a.until === undefined ? Infinity : monthIndex(a.until),
    });
  return list;
}

type Run = { ok: true; result: SimulationResult } | { ok: false; reason: string };

export function project(scenario: Scenario, roadmap: Roadmap, opts: ProjectOptions): Projection {
  if (!Number.isSafeInteger(opts.months) || opts.months < 1 || opts.months > MAX_PROJECTION_MONTHS)
    throw new UserError(
      `projection months: expected a whole number from 1 to ${MAX_PROJECTION_MONTHS}, got ${opts.months}`,
    );
  const start = monthIndex(opts.start);
  const candidates = candidatesOf(scenario, roadmap, opts.includeScenarioHardware ?? true);
  const steps = roadmap.software.map((s) => ({ ...s, fromIndex: monthIndex(s.from) }));

  const runs = new Map<string, Run>();
  const runOn = (ci: number, active: readonly number[], compression: number, extra: readonly ExtraFactor[]): Run => {
    const key = `${ci}|${active.join(',')}`;
    let run = runs.get(key);
    if (run === undefined) {
      const s: Scenario = {
        ...scenario,
        hardware: elementAt(candidates, ci).hardware,
        reasoning: { ...scenario.reasoning, compression },
        extra_factors: [...extra],
      };
      try {
        run = { ok: true, result: simulate(s) };
      } catch (e) {
        if (!(e instanceof InfeasibleError)) throw e;
        run = { ok: false, reason: e.message };
      }
      runs.set(key, run);
    }
    return run;
  };

  const rows: ProjectionMonth[] = [];
  let previous: { available: Set<number>; active: Set<number>; chosen: number | undefined } | undefined;
  let firstCost: number | null | undefined;
  for (let m = start; m < start + opts.months; m++) {
    const available = candidates.map((c, i) => (c.from <= m && m <= c.until ? i : -1)).filter((i) => i >= 0);
    const active = steps.map((s, i) => (s.fromIndex <= m ? i : -1)).filter((i) => i >= 0);
    const compression = Math.max(
      scenario.reasoning.compression,
      ...active.map((i) => elementAt(steps, i).compression ?? 0),
    );
    const extra = [...scenario.extra_factors, ...active.flatMap((i) => elementAt(steps, i).extra_factors)];
    let best: { ci: number; result: SimulationResult } | undefined;
    const tried: ProjectionCandidate[] = available.map((ci) => {
      const c = elementAt(candidates, ci);
      const run = runOn(ci, active, compression, extra);
      if (!run.ok)
        return {
          hardware: c.label,
          priceUsdPerHour: c.hardware.price_usd_per_hour ?? null,
          costPerQueryUsd: null,
          infeasible: run.reason,
        };
      if (best === undefined || run.result.blended.costPerQueryUsd < best.result.blended.costPerQueryUsd)
        best = { ci, result: run.result };
      return {
        hardware: c.label,
        priceUsdPerHour: run.result.hardware.priceUsdPerHour,
        costPerQueryUsd: run.result.blended.costPerQueryUsd,
      };
    });
    const chosen = best;
    const r = chosen?.result;
    const cost = r?.blended.costPerQueryUsd ?? null;
    if (firstCost === undefined) firstCost = cost;
    const label = chosen === undefined ? null : elementAt(candidates, chosen.ci).label;

    const changes: ProjectionChange[] = [];
    if (previous === undefined) {
      changes.push({ kind: 'start', hardware: label });
      for (const i of active) changes.push({ kind: 'software', name: elementAt(steps, i).name });
    } else {
      for (const i of available)
        if (!previous.available.has(i)) changes.push({ kind: 'available', hardware: elementAt(candidates, i).label });
      for (const i of previous.available)
        if (!available.includes(i)) changes.push({ kind: 'withdrawn', hardware: elementAt(candidates, i).label });
      for (const i of active)
        if (!previous.active.has(i)) changes.push({ kind: 'software', name: elementAt(steps, i).name });
      if (chosen?.ci !== previous.chosen) changes.push({ kind: 'switch', hardware: label });
    }
    previous = { available: new Set(available), active: new Set(active), chosen: chosen?.ci };

    rows.push({
      month: monthLabel(m),
      hardware: label,
      hardwareSource: chosen === undefined ? null : elementAt(candidates, chosen.ci).source,
      hardwareFromScenario: chosen !== undefined && elementAt(candidates, chosen.ci).fromScenario,
      priceUsdPerHour: r?.hardware.priceUsdPerHour ?? null,
      acceleratorsPerReplica: r?.deployment.acceleratorsPerReplica ?? null,
      compression,
      extraFactors: extra.map((f) => f.name),
      costPerQueryUsd: cost,
      costPerQueryUsdRange: r?.blended.costPerQueryUsdRange ?? null,
      costPerMillionOutputTokensUsd: r?.blended.costPerMillionOutputTokensUsd ?? null,
      monthlyCostUsd:
        r === undefined ? null : r.blended.costPerQueryUsd * requestsPerMonth(scenario.traffic.requests_per_day),
      fleetAccelerators: r?.fleet.accelerators ?? null,
      provisionedMonthlyCostUsd: r?.fleet.provisionedMonthlyCostUsd ?? null,
      costVsStart: cost !== null && firstCost !== null && firstCost > 0 ? cost / firstCost : null,
      changes,
      candidates: tried,
    });
  }

  if (rows.every((row) => row.costPerQueryUsd === null)) {
    const reasons = elementAt(rows, 0).candidates.map((c) => `${c.hardware}: ${c.infeasible ?? 'not available'}`);
    throw new InfeasibleError(
      `no hardware on the roadmap can run the scenario in any month from ${opts.start}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ': none is available yet'}`,
    );
  }

  const first = elementAt(rows, 0);
  const last = elementAt(rows, rows.length - 1);
  let asWritten: number | null = null;
  try {
    asWritten = simulate(scenario).blended.costPerQueryUsd;
  } catch (e) {
    if (!(e instanceof InfeasibleError)) throw e;
  }
  return {
    schemaVersion: PROJECTION_SCHEMA_VERSION,
    scenario: { name: scenario.name },
    roadmap:
      roadmap.description === undefined
        ? { name: roadmap.name }
        : { name: roadmap.name, description: roadmap.description },
    start: first.month,
    end: last.month,
    months: rows,
    summary: {
      scenarioCostPerQueryUsd: asWritten,
      endVsScenario:
        asWritten !== null && last.costPerQueryUsd !== null && asWritten > 0 ? last.costPerQueryUsd / asWritten : null,
      startCostPerQueryUsd: first.costPerQueryUsd,
      endCostPerQueryUsd: last.costPerQueryUsd,
      endVsStart:
        first.costPerQueryUsd !== null && last.costPerQueryUsd !== null && first.costPerQueryUsd > 0
          ? last.costPerQueryUsd / first.costPerQueryUsd
          : null,
      totalCostUsd: rows.reduce((s, row) => s + (row.monthlyCostUsd ?? 0), 0),
      totalProvisionedCostUsd: rows.reduce((s, row) => s + (row.provisionedMonthlyCostUsd ?? 0), 0),
    },
    sources: [
      ...roadmap.accelerators.map((a) => ({
        kind: 'hardware' as const,
        name: a.hardware.name ?? 'custom hardware',
        from: a.from,
        ...(a.until === undefined ? {} : { until: a.until }),
        source: a.source,
      })),
      ...roadmap.software.map((s) => ({ kind: 'software' as const, name: s.name, from: s.from, source: s.source })),
    ],
    assumptions: PROJECTION_ASSUMPTIONS,
  };
}
