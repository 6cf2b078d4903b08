/**
 * GuideLLM `benchmarks.json` reports: one run per entry of `benchmarks` (each
 * rate or concurrency of a sweep). Metrics are distributions per request
 * status; the `successful` ones are read (`mean`, `median`, `percentiles`).
 * The strategy is `args.strategy` (0.2/0.3) or `config.strategy` (0.4+):
 * `concurrent` (streams), `synchronous` (1), `constant`/`poisson` (a rate),
 * `throughput` (all at once). Layouts: test/fixtures/bench-outputs/guidellm/README.md.
 */
import { inFlight, latencyStats } from './latency.js';
import { at, isObj, num, type Obj } from './json.js';
import type { BenchmarkRun, LatencyStats } from './run.js';

export function isGuidellmReport(doc: Obj): boolean {
  return Array.isArray(doc.benchmarks) && doc.benchmarks.some((b) => isObj(b) && isObj(b.metrics));
}

/** The successful requests' distribution of a metric. */
const ok = (b: Obj, metric: string): unknown => at(b, 'metrics', metric, 'successful');

function stats(b: Obj, metric: string, scale = 1): LatencyStats | null {
  const d = ok(b, metric);
  if (!isObj(d)) return null;
  return latencyStats(
    (stat) => (stat === 'mean' ? d.mean : (at(d, 'percentiles', stat) ?? (stat === 'p50' ? d.median : undefined))),
    scale,
  );
}

export function guidellmRuns(doc: Obj): BenchmarkRun[] {
  const benchmarks = (Array.isArray(doc.benchmarks) ? doc.benchmarks : []).filter(isObj);
  const version = at(doc, 'metadata', 'guidellm_version');
  return benchmarks.map((b, i) => {
    const strategy = at(b, 'config', 'strategy') ?? at(b, 'args', 'strategy');
    const type = at(strategy, 'type_');
    const durationS = num(b.duration);
    const completed =
      num(at(b, 'request_totals', 'successful')) ??
      num(at(b, 'metrics', 'request_totals', 'successful')) ??
      num(at(b, 'scheduler_metrics', 'requests_made', 'successful')) ??
      num(at(b, 'run_stats', 'requests_made', 'successful'));
    const outputTotal = num(at(ok(b, 'output_token_count'), 'total_sum'));
    const requestsPerS = completed !== null && durationS !== null && durationS > 0 ? completed / durationS : null;
    const rate = type === 'constant' || type === 'poisson' ? num(at(strategy, 'rate')) : null;
    const notes: string[] = [];
    let concurrency: number | null =
      type === 'concurrent'
        ? (num(at(strategy, 'streams')) ?? num(at(strategy, 'max_concurrency')))
        : type === 'synchronous'
          ? 1
          : null;
    // Request latency: seconds in every layout (`request_latency`).
    const latencyS = num(at(ok(b, 'request_latency'), 'mean'));
    if (concurrency === null && requestsPerS !== null && latencyS !== null) {
      const loop = inFlight(
        requestsPerS,
        latencyS,
        `${typeof type === 'string' ? type : 'unknown'} strategy`,
        'mean request latency',
      );
      concurrency = loop.concurrency;
      notes.push(loop.note);
    }
    const model = at(b, 'worker', 'backend_model') ?? at(b, 'config', 'backend', 'model');
    return {
      tool: 'GuideLLM',
      label: `benchmark ${i + 1} of ${benchmarks.length} (${typeof type === 'string' ? type : 'strategy not stated'}${rate !== null ? ` ${rate}/s` : concurrency !== null && type === 'concurrent' ? ` ${concurrency}` : ''})`,
      scenario: 'server',
      concurrency,
      requestRate: rate,
      completed,
      durationS,
      meanInputTokens: num(at(ok(b, 'prompt_token_count'), 'mean')),
      meanOutputTokens: num(at(ok(b, 'output_token_count'), 'mean')),
      // Realised: the successful requests' generated tokens over the benchmark's duration.
      outputTokensPerS: outputTotal !== null && durationS !== null && durationS > 0 ? outputTotal / durationS : null,
      requestsPerS,
      ttftMs: stats(b, 'time_to_first_token_ms'),
      tpotMs: stats(b, 'time_per_output_token_ms'),
      itlMs: stats(b, 'inter_token_latency_ms'),
      modelName: typeof model === 'string' ? model : null,
      version: typeof version === 'string' ? version : null,
      notes,
    };
  });
}
