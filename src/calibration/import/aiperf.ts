/**
 * NVIDIA AIPerf `profile_export_aiperf.json` and GenAI-Perf
 * `profile_export_genai_perf.json`: one run per file, each metric an object
 * `{ unit, avg, p50, p90, p99, … }` at the top level (AIPerf 0.1 kept them
 * under `records`), and the load in `input_config` (AIPerf 0.1: `loadgen`;
 * AIPerf 0.8+: `phases`, the last being the profiling phase; GenAI-Perf:
 * `concurrency`/`request_rate`, or `perf_analyzer.stimulus` in its config
 * form). Layouts: test/fixtures/bench-outputs/aiperf/README.md.
 */
import { inFlight, latencyStats } from './latency.js';
import { at, isObj, num, type Obj } from './json.js';
import type { BenchmarkRun, LatencyStats } from './run.js';

/** Where the metric objects are: the top level, or AIPerf 0.1's `records`. */
function metricsOf(doc: Obj): Obj {
  return isObj(doc.records) ? doc.records : doc;
}

export function isAiperfExport(doc: Obj): boolean {
  const m = metricsOf(doc);
  return isObj(m.request_throughput) && 'unit' in m.request_throughput && isObj(doc.input_config);
}

/** A time metric in ms (AIPerf and GenAI-Perf write ms; ns and s are converted). */
function latency(m: Obj, name: string): LatencyStats | null {
  const o = m[name];
  if (!isObj(o)) return null;
  const scale = o.unit === 'ns' ? 1e-6 : o.unit === 's' || o.unit === 'sec' ? 1000 : 1;
  return latencyStats((stat) => o[stat === 'mean' ? 'avg' : stat], scale);
}

const avg = (m: Obj, name: string) => num(at(m, name, 'avg'));

export function aiperfRun(doc: Obj): BenchmarkRun {
  const m = metricsOf(doc);
  const ic = isObj(doc.input_config) ? doc.input_config : {};
  const phases: unknown[] = Array.isArray(ic.phases) ? ic.phases : [];
  // AIPerf 0.8+: the profiling phase (after warm-up) is the one measured.
  const phase = phases.find((p) => at(p, 'name') === 'profiling') ?? phases[phases.length - 1];
  const aiperf = 'aiperf_version' in doc || isObj(ic.loadgen) || phases.length > 0;
  const concurrency =
    num(at(ic, 'loadgen', 'concurrency')) ??
    num(at(phase, 'concurrency')) ??
    num(at(ic, 'perf_analyzer', 'stimulus', 'concurrency')) ??
    num(ic.concurrency);
  const rate =
    num(at(ic, 'loadgen', 'request_rate')) ??
    num(at(phase, 'rate')) ??
    num(at(ic, 'perf_analyzer', 'stimulus', 'request_rate')) ??
    num(ic.request_rate);
  const requestsPerS = avg(m, 'request_throughput');
  const requestLatency = latency(m, 'request_latency');
  const notes: string[] = [];
  let inFlightMean = concurrency;
  // A rate without a concurrency: requests in flight on average by Little's law.
  if (inFlightMean === null && requestsPerS !== null && requestLatency?.mean !== undefined) {
    const loop = inFlight(requestsPerS, requestLatency.mean / 1000, 'open loop', 'mean request latency');
    inFlightMean = loop.concurrency;
    notes.push(loop.note);
  }
  const names = at(ic, 'endpoint', 'model_names') ?? ic.model_names ?? ic.model;
  const items = at(ic, 'models', 'items');
  const firstName: unknown = Array.isArray(names) ? names[0] : Array.isArray(items) ? at(items[0], 'name') : undefined;
  const duration = m.benchmark_duration;
  const durationS = isObj(duration)
    ? (num(duration.avg) ?? 0) * (duration.unit === 'ms' ? 1e-3 : duration.unit === 'ns' ? 1e-9 : 1)
    : null;
  return {
    tool: aiperf ? 'AIPerf' : 'GenAI-Perf',
    label: concurrency !== null ? `concurrency ${concurrency}` : rate !== null ? `rate ${rate}/s` : 'profile',
    scenario: 'server',
    concurrency: inFlightMean,
    requestRate: rate,
    completed: avg(m, 'request_count'),
    durationS: durationS === 0 ? null : durationS,
    meanInputTokens: avg(m, 'input_sequence_length'),
    meanOutputTokens: avg(m, 'output_sequence_length'),
    outputTokensPerS: avg(m, 'output_token_throughput'),
    requestsPerS,
    // AIPerf 0.1 names it `ttft`.
    ttftMs: latency(m, 'time_to_first_token') ?? latency(m, 'ttft'),
    // Time per output token after the first: AIPerf's and GenAI-Perf's inter-token latency is exactly that.
    tpotMs: latency(m, 'inter_token_latency'),
    itlMs: latency(m, 'inter_token_latency'),
    modelName: typeof firstName === 'string' ? firstName : null,
    version: typeof doc.aiperf_version === 'string' ? doc.aiperf_version : null,
    notes,
  };
}
