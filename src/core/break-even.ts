/**
 * Self-hosting against a hosted API, like with like. The API's cost per query
 * does not depend on traffic; a self-hosted fleet's does, through whole
 * replicas provisioned for the peak:
 *
 *   cost per query(R) = max(m, ⌈a R⌉) × C / R
 *
 * for R requests a day, C = one replica's cost a day (accelerators × price ×
 * 24 h), m = max(min_replicas, 1) (a fleet with traffic keeps at least one
 * replica: scale-to-zero is not modelled) and a = replicas needed per request
 * a day at the utilisation target (peak_to_average / (86,400 × queries/s per
 * replica × utilisation)). As R grows the whole-replica rounding fades and the
 * cost tends to a × C = peak_to_average × the cost per query at the
 * utilisation target.
 *
 * - If a × C ≥ the API's cost per query, self-hosting never wins at this peak
 *   and utilisation.
 * - Else it first wins at R₁ = m × C / api (the minimum fleet fully used), and
 *   wins at every traffic from R∞ = max(m, J) × C / api, where J = ⌈a C /
 *   (api − a C)⌉: just past each step to k + 1 replicas the cost jumps to
 *   (k + 1)/k × a C, under the API's for every k ≥ J.
 */

export interface FleetEconomics {
  /** One replica's cost for a day, USD (accelerators × price per hour × 24). */
  readonly replicaUsdPerDay: number;
  /** Replicas needed per request a day at the utilisation target (peak included). */
  readonly replicasPerRequestPerDay: number;
  /** The fewest replicas a fleet with traffic keeps (≥ 1). */
  readonly minReplicas: number;
}

export type BreakEven =
  | {
      readonly wins: true;
      /** Requests a day from which a self-hosted fleet first costs less per query than the API. */
      readonly firstWinRequestsPerDay: number;
      /** Requests a day from which it costs less at every higher traffic. */
      readonly alwaysWinsFromRequestsPerDay: number;
    }
  | {
      readonly wins: false;
      /** The fleet's cost per query at any traffic is at least this (peak × at-target cost). */
      readonly floorCostPerQueryUsd: number;
    };

export function breakEven(f: FleetEconomics, apiCostPerQueryUsd: number): BreakEven {
  const floor = f.replicasPerRequestPerDay * f.replicaUsdPerDay; // a × C
  if (!(apiCostPerQueryUsd > floor)) return { wins: false, floorCostPerQueryUsd: floor };
  const m = Math.max(1, f.minReplicas);
  const j = Math.ceil(floor / (apiCostPerQueryUsd - floor));
  return {
    wins: true,
    firstWinRequestsPerDay: (m * f.replicaUsdPerDay) / apiCostPerQueryUsd,
    alwaysWinsFromRequestsPerDay: (Math.max(m, j) * f.replicaUsdPerDay) / apiCostPerQueryUsd,
  };
}
