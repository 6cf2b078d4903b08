/**
 * MLPerf Inference `mlperf_log_summary.txt` (LoadGen): `Key : value` lines.
 * Offline logs `Samples per second` and `Tokens per second`; Server logs
 * `Completed samples per second`, `Completed tokens per second` and the first-
 * token and time-per-output-token latencies in ns. The benchmark (llama2-70b,
 * …) is not in the file: it comes from the result path
 * (`…/llama2-70b-99/Server/performance/run_1/`) or the model preset
 * (calibration/mlperf.ts). Layout: test/fixtures/bench-outputs/mlperf/README.md.
 */
import { latencyStats } from './latency.js';
import type { BenchmarkRun, LatencyStats } from './run.js';

export function isMlperfSummary(text: string): boolean {
  return /MLPerf Results Summary/.test(text) && /^\s*Scenario\s*:/m.test(text);
}

function lines(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*([^:]+?)\s*:\s*(\S.*?)\s*$/.exec(raw);
    if (m !== null && !out.has((m[1] ?? '').toLowerCase())) out.set((m[1] ?? '').toLowerCase(), m[2] ?? '');
  }
  return out;
}

/** A LoadGen latency family in ms: `Mean <name> (ns)` and `NN.00 percentile <name> (ns)`. */
function nanoseconds(l: Map<string, string>, name: string): LatencyStats | null {
  return latencyStats(
    (stat) => l.get(stat === 'mean' ? `mean ${name} (ns)` : `${stat.slice(1)}.00 percentile ${name} (ns)`),
    1e-6,
  );
}

/** The run, or why it cannot be one (a scenario other than Offline/Server). */
export function mlperfRun(text: string): BenchmarkRun | string {
  const l = lines(text);
  const scenario = l.get('scenario');
  if (scenario !== 'Offline' && scenario !== 'Server')
    return `MLPerf scenario ${scenario ?? '(none)'}: only Offline and Server runs are throughput measurements infercost predicts`;
  const number = (...keys: string[]) => {
    for (const k of keys) {
      const v = Number(l.get(k));
      if (l.has(k) && Number.isFinite(v)) return v;
    }
    return null;
  };
  const validity = l.get('result is') ?? 'not stated';
  return {
    tool: 'MLPerf Inference LoadGen (mlperf_log_summary.txt)',
    label: `${scenario}, ${l.get('sut name') ?? 'SUT not named'}`,
    scenario: scenario === 'Offline' ? 'offline' : 'server',
    concurrency: null,
    requestRate: number('scheduled samples per second', 'target_qps'),
    completed: null,
    durationS: null,
    // The benchmark's dataset decides the lengths (calibration/mlperf.ts); the log does not give them.
    meanInputTokens: null,
    meanOutputTokens: null,
    outputTokensPerS: number('tokens per second', 'completed tokens per second'),
    requestsPerS: number('samples per second', 'completed samples per second'),
    ttftMs: nanoseconds(l, 'first token latency'),
    tpotMs: nanoseconds(l, 'time to output token'),
    itlMs: null,
    modelName: null,
    version: null,
    notes: [`LoadGen result ${validity}`],
  };
}
