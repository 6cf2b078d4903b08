/** Calendar arithmetic for costs: accelerators kept running all month. */
import { DAYS_PER_MONTH } from '../scenario/defaults.js';

/** Cost of `accelerators` rented all month at `priceUsdPerHour` each (an average month: 365.25 / 12 days). */
export function monthlyRentalUsd(accelerators: number, priceUsdPerHour: number): number {
  return accelerators * priceUsdPerHour * 24 * DAYS_PER_MONTH;
}
