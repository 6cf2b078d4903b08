/** Money and time: what replica time costs at the utilisation target, and accelerators kept running all month. */
import { DAYS_PER_MONTH } from '../scenario/defaults.js';

/** Cost of `accelerators` rented all month at `priceUsdPerHour` each (an average month: 365.25 / 12 days). */
export function monthlyRentalUsd(accelerators: number, priceUsdPerHour: number): number {
  return accelerators * priceUsdPerHour * 24 * DAYS_PER_MONTH;
}

/** Requests in an average month at `requestsPerDay`: the one place traffic turns into a month. */
export function requestsPerMonth(requestsPerDay: number): number {
  return requestsPerDay * DAYS_PER_MONTH;
}

/**
 * What `replicaSeconds` of a replica of `acceleratorsPerReplica` cost when the
 * fleet runs at `utilization` of its capacity: the idle share is paid for too.
 * The one place a request's replica time becomes dollars.
 */
export function costAtTargetUsd(
  replicaSeconds: number,
  acceleratorsPerReplica: number,
  priceUsdPerHour: number,
  utilization: number,
): number {
  return (replicaSeconds * acceleratorsPerReplica * (priceUsdPerHour / 3600)) / utilization;
}
