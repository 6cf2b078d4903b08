/**
 * A fleet that follows the day: with traffic.daily_profile and
 * serving.autoscaling, each hour holds the replicas its load needs at the
 * utilisation target (between min_replicas and max_replicas), and the month
 * pays the replica-hours actually held, against the static fleet sized for
 * the peak hour. Hourly steps: a replica no longer needed is held
 * scale_down_after_s into the next hour (at most the hour); a new one is paid
 * from the start of its hour and serves after scale_up_delay_s plus loading
 * its weights (from zero replicas, the first requests wait that long: the
 * cold start).
 */
import { DAYS_PER_MONTH } from '../scenario/defaults.js';
import { PERCENTILES, type PercentileKey } from '../scenario/percentiles.js';
import type { Scenario } from '../scenario/schema.js';
import { requestsPerMonth } from './month.js';

export interface AutoscaledFleet {
  /** Replicas each hour, 0-23 (held, before the scale-down tail). */
  readonly hourlyReplicas: readonly number[];
  readonly replicaHoursPerDay: number;
  readonly monthlyCostUsd: number;
  /** Monthly cost over the month's requests (null without traffic). */
  readonly costPerQueryUsd: number | null;
  /** The static fleet for the peak hour, kept all month, less the autoscaled one. */
  readonly savingUsdPerMonth: number;
  /** Seconds from the first request after an idle spell to its replica serving (null: never scales to zero). */
  readonly coldStartS: number | null;
  /** Hours a day that begin with no replica after an idle one (each pays a cold start). */
  readonly coldStartsPerDay: number;
  /** Share of the day's requests that arrive while a replica is starting (0 without cold starts). */
  readonly coldStartRequestShare: number;
  /**
   * The least each day-wide TTFT percentile can be, from the cold starts alone
   * (0 where too few requests wait to reach it): see `coldStartFloorS`.
   */
  readonly coldStartTtftFloorS: Readonly<Record<PercentileKey, number>>;
  /** Hours whose load needs more replicas than max_replicas allows. */
  readonly hoursOverMax: number;
}

export interface FleetFigures {
  readonly queriesPerSPerReplica: number;
  readonly acceleratorsPerReplica: number;
  readonly priceUsdPerHour: number;
  readonly staticMonthlyCostUsd: number;
  /** Bytes of weights one replica loads when it starts. */
  readonly weightsBytes: number;
  /** Requests/s one replica may take so percentile SLOs hold (core/latency.ts), if lower than its capacity. */
  readonly sloRatePerReplicaPerS?: number | undefined;
}

/** Requests per second in each hour of the day: requests_per_day × share / 3600. */
export function hourlyRates(requestsPerDay: number, profile: readonly number[]): number[] {
  return profile.map((share) => (requestsPerDay * share) / 3600);
}

/** The peak hour's rate over the day's average: 24 × the largest share (what peak_to_average says without a curve). */
export function peakToAverageOf(profile: readonly number[]): number {
  return 24 * Math.max(...profile);
}

/**
 * The day-wide TTFT percentile `p` the cold starts alone imply. A share s of
 * the day's requests arrive during a start-up of c seconds, evenly over it, so
 * each waits uniformly 0..c: the share waiting more than x is s × (1 − x / c).
 * Percentile p is reached where that equals 1 − p: x = c × (1 − (1 − p) / s),
 * and 0 when s ≤ 1 − p (too few requests wait to set it). A lower bound: the
 * wait adds to the request's own prefill and queueing.
 */
export function coldStartFloorS(share: number, coldStartS: number, p: PercentileKey): number {
  const tailShare = 1 - Number(p.slice(1)) / 100;
  return share <= tailShare ? 0 : coldStartS * (1 - tailShare / share);
}

export function autoscaledFleet(scenario: Scenario, f: FleetFigures): AutoscaledFleet | null {
  const a = scenario.serving.autoscaling;
  const profile = scenario.traffic.daily_profile;
  if (a === undefined || profile === undefined) return null;
  // Requests/s a replica takes: its capacity at the utilisation target, or less where a percentile SLO needs it.
  const capacity = Math.min(
    f.queriesPerSPerReplica * scenario.serving.utilization,
    f.sloRatePerReplicaPerS ?? Infinity,
  );
  const max = a.max_replicas ?? Infinity;
  let hoursOverMax = 0;
  const hourlyReplicas = hourlyRates(scenario.traffic.requests_per_day, profile).map((rate) => {
    const need = rate === 0 ? 0 : Math.ceil(rate / capacity);
    if (need > max) hoursOverMax++;
    return Math.min(max, Math.max(a.min_replicas, need));
  });
  // Scale-down tail: the replicas an hour drops are held scale_down_after_s (at most the hour) into it.
  const tail = Math.min(1, a.scale_down_after_s / 3600);
  const coldStartS = a.min_replicas === 0 ? a.scale_up_delay_s + f.weightsBytes / (a.load_gb_per_s * 1e9) : null;
  const rates = hourlyRates(scenario.traffic.requests_per_day, profile);
  let replicaHoursPerDay = 0;
  let coldStartsPerDay = 0;
  let coldStartRequests = 0;
  for (let h = 0; h < 24; h++) {
    const now = hourlyReplicas[h] as number;
    const before = hourlyReplicas[(h + 23) % 24] as number;
    replicaHoursPerDay += now + Math.max(0, before - now) * tail;
    if (before === 0 && now > 0) {
      coldStartsPerDay++;
      // The hour's arrivals before its first replica serves wait for it.
      coldStartRequests += (rates[h] as number) * Math.min(coldStartS ?? 0, 3600);
    }
  }
  const requestsPerDay = scenario.traffic.requests_per_day;
  const coldStartRequestShare = requestsPerDay > 0 ? coldStartRequests / requestsPerDay : 0;
  const monthlyCostUsd = replicaHoursPerDay * DAYS_PER_MONTH * f.acceleratorsPerReplica * f.priceUsdPerHour;
  const monthRequests = requestsPerMonth(scenario.traffic.requests_per_day);
  return {
    hourlyReplicas,
    replicaHoursPerDay,
    monthlyCostUsd,
    costPerQueryUsd: monthRequests === 0 ? null : monthlyCostUsd / monthRequests,
    savingUsdPerMonth: f.staticMonthlyCostUsd - monthlyCostUsd,
    coldStartS,
    coldStartsPerDay,
    coldStartRequestShare,
    coldStartTtftFloorS: Object.fromEntries(
      PERCENTILES.map((p) => [p, coldStartFloorS(coldStartRequestShare, Math.min(coldStartS ?? 0, 3600), p)]),
    ) as Record<PercentileKey, number>,
    hoursOverMax,
  };
}
