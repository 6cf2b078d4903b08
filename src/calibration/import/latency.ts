/** What every importer reads the same way: latency statistics, and requests in flight by Little's law. */
import { num } from './json.js';
import type { LatencyStats } from './run.js';

const STATS = ['mean', 'p50', 'p90', 'p99'] as const;

/**
 * The statistics `read` finds (a number or numeric text), each × `msPer` to
 * ms; null when it finds none.
 */
export function latencyStats(read: (stat: (typeof STATS)[number]) => unknown, msPer = 1): LatencyStats | null {
  const s: { -readonly [K in keyof LatencyStats]: number } = {};
  for (const stat of STATS) {
    const v = num(read(stat));
    if (v !== null) s[stat] = v * msPer;
  }
  return Object.keys(s).length === 0 ? null : s;
}

/**
 * An open loop's mean requests in flight, by Little's law (J. D. C. Little,
 * Operations Research 9(3), 1961): request throughput × mean latency, at
 * least 1; and the note that says so (`latency` names the latency used).
 */
export function inFlight(
  requestsPerS: number,
  latencyS: number,
  what: string,
  latency = 'mean latency',
): { concurrency: number; note: string } {
  const concurrency = Math.max(1, Math.round(requestsPerS * latencyS));
  return {
    concurrency,
    note: `${what}: ${concurrency} requests in flight on average (Little's law: ${+requestsPerS.toPrecision(4)} req/s × ${+latencyS.toPrecision(4)} s ${latency})`,
  };
}
