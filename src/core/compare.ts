/** Before/after: the same metrics of two simulation results, with absolute and relative change. */
import type { PercentileKey } from '../scenario/schema.js';
import type { Percentiles } from './latency.js';
import type { SimulationResult } from './result.js';

export const COMPARE_SCHEMA_VERSION = 1;

/** The fields of a result that compare reads: a saved JSON result needs only these. */
export interface Comparable {
  readonly scenario: { readonly name: string };
  readonly blended: Pick<
    SimulationResult['blended'],
    | 'costPerQueryUsd'
    | 'costPerMillionOutputTokensUsd'
    | 'costPerMillionTokensUsd'
    | 'monthlyCostUsd'
    | 'outputTokens'
    | 'timeToFirstTokenS'
    | 'timePerOutputTokenS'
    | 'latencyS'
    | 'outputTokensPerSPerAccelerator'
    | 'energyPerQueryWh'
  >;
  readonly fleet: Pick<SimulationResult['fleet'], 'provisionedMonthlyCostUsd' | 'accelerators'>;
  readonly deployment: Pick<SimulationResult['deployment'], 'acceleratorsPerReplica' | 'batch'>;
  /** Latency percentiles under load, when the scenario asked for them (absent in a saved result without them). */
  readonly latency?:
    | {
        readonly timeToFirstTokenS: Percentiles;
        readonly timePerOutputTokenS: Percentiles;
        readonly endToEndS: Percentiles;
        readonly goodput: number | null;
      }
    | null
    | undefined;
  /** The autoscaled fleet, when the scenario has a daily profile and autoscaling. */
  readonly autoscaled?: { readonly monthlyCostUsd: number; readonly replicaHoursPerDay: number } | null | undefined;
}

interface MetricDef {
  readonly metric: string;
  readonly unit: string;
  /** True when a rise is bad news (cost, latency); false when a rise is good (throughput). */
  readonly lowerIsBetter: boolean;
  readonly read: (r: Comparable) => number | null;
}

export const COMPARE_METRICS: readonly MetricDef[] = [
  { metric: 'cost_per_query_usd', unit: 'USD', lowerIsBetter: true, read: (r) => r.blended.costPerQueryUsd },
  {
    metric: 'cost_per_million_output_tokens_usd',
    unit: 'USD',
    lowerIsBetter: true,
    read: (r) => r.blended.costPerMillionOutputTokensUsd,
  },
  {
    metric: 'cost_per_million_tokens_usd',
    unit: 'USD',
    lowerIsBetter: true,
    read: (r) => r.blended.costPerMillionTokensUsd,
  },
  { metric: 'monthly_cost_usd', unit: 'USD', lowerIsBetter: true, read: (r) => r.blended.monthlyCostUsd },
  {
    metric: 'provisioned_monthly_cost_usd',
    unit: 'USD',
    lowerIsBetter: true,
    read: (r) => r.fleet.provisionedMonthlyCostUsd,
  },
  { metric: 'accelerators', unit: 'count', lowerIsBetter: true, read: (r) => r.fleet.accelerators },
  {
    metric: 'accelerators_per_replica',
    unit: 'count',
    lowerIsBetter: true,
    read: (r) => r.deployment.acceleratorsPerReplica,
  },
  { metric: 'batch', unit: 'sequences', lowerIsBetter: false, read: (r) => r.deployment.batch },
  { metric: 'output_tokens_per_query', unit: 'tokens', lowerIsBetter: true, read: (r) => r.blended.outputTokens },
  {
    metric: 'time_to_first_token_ms',
    unit: 'ms',
    lowerIsBetter: true,
    read: (r) => r.blended.timeToFirstTokenS * 1000,
  },
  {
    metric: 'time_per_output_token_ms',
    unit: 'ms',
    lowerIsBetter: true,
    read: (r) => r.blended.timePerOutputTokenS * 1000,
  },
  { metric: 'latency_s', unit: 's', lowerIsBetter: true, read: (r) => r.blended.latencyS },
  {
    metric: 'output_tokens_per_s_per_accelerator',
    unit: 'tokens/s',
    lowerIsBetter: false,
    read: (r) => r.blended.outputTokensPerSPerAccelerator,
  },
  { metric: 'energy_per_query_wh', unit: 'Wh', lowerIsBetter: true, read: (r) => r.blended.energyPerQueryWh },
];

const percentileMetric = (
  name: string,
  pick: (l: NonNullable<Comparable['latency']>) => Percentiles,
  p: PercentileKey,
): MetricDef => ({
  metric: `${name}_${p}_ms`,
  unit: 'ms',
  lowerIsBetter: true,
  read: (r) => (r.latency ? pick(r.latency)[p] * 1000 : null),
});

/**
 * Compared only when either side has them: percentiles under load (a scenario
 * with `serving.slo`, `traffic.arrival` or a percentile budget) and the
 * autoscaled fleet (`serving.autoscaling`).
 */
export const OPTIONAL_COMPARE_METRICS: readonly MetricDef[] = [
  ...(['p50', 'p99'] as const).flatMap((p) => [
    percentileMetric('time_to_first_token', (l) => l.timeToFirstTokenS, p),
    percentileMetric('time_per_output_token', (l) => l.timePerOutputTokenS, p),
    percentileMetric('end_to_end', (l) => l.endToEndS, p),
  ]),
  { metric: 'goodput', unit: 'share', lowerIsBetter: false, read: (r) => r.latency?.goodput ?? null },
  {
    metric: 'autoscaled_monthly_cost_usd',
    unit: 'USD',
    lowerIsBetter: true,
    read: (r) => r.autoscaled?.monthlyCostUsd ?? null,
  },
  {
    metric: 'autoscaled_replica_hours_per_day',
    unit: 'hours',
    lowerIsBetter: true,
    read: (r) => r.autoscaled?.replicaHoursPerDay ?? null,
  },
];

export interface MetricChange {
  readonly metric: string;
  readonly unit: string;
  readonly lowerIsBetter: boolean;
  readonly before: number | null;
  readonly after: number | null;
  readonly change: number | null;
  /** (after − before) / before × 100; null when before is 0 or either is unknown. */
  readonly changePct: number | null;
}

export interface Comparison {
  readonly schemaVersion: typeof COMPARE_SCHEMA_VERSION;
  readonly baseline: string;
  readonly candidate: string;
  readonly metrics: readonly MetricChange[];
}

export function compare(before: Comparable, after: Comparable): Comparison {
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    baseline: before.scenario.name,
    candidate: after.scenario.name,
    metrics: [
      ...COMPARE_METRICS,
      ...OPTIONAL_COMPARE_METRICS.filter((m) => m.read(before) !== null || m.read(after) !== null),
    ].map((m) => {
      const b = m.read(before);
      const a = m.read(after);
      const change = a === null || b === null ? null : a - b;
      return {
        metric: m.metric,
        unit: m.unit,
        lowerIsBetter: m.lowerIsBetter,
        before: b,
        after: a,
        change,
        changePct: change === null || b === null || b === 0 ? null : (change / b) * 100,
      };
    }),
  };
}

/**
 * The rise in cost per query, in percent (negative for a saving); Infinity for
 * a rise from a zero baseline (an unbounded increase fails any gate).
 */
export function costChangePct(c: Comparison): number {
  const m = c.metrics.find((x) => x.metric === 'cost_per_query_usd');
  if (m === undefined) return 0;
  if (m.before === 0 && m.after !== null && m.after > 0) return Infinity;
  return m.changePct ?? 0;
}
