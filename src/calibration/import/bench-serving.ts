/**
 * vLLM's `vllm bench serve --save-result` (and the older
 * `benchmarks/benchmark_serving.py`) result JSON, and SGLang's
 * `sglang.bench_serving --output-file` JSON Lines: one object per run with
 * the same family of keys (`completed`, `duration`, `total_input_tokens`,
 * `total_output_tokens`, `request_rate`, `max_concurrency`,
 * `output_throughput`, `mean_ttft_ms`, `p99_tpot_ms`, …). Field meanings:
 * vllm-project/vllm vllm/benchmarks/serve.py and sgl-project/sglang
 * python/sglang/bench_serving.py (test/fixtures/bench-outputs/ README files
 * cite the versions read).
 */
import { inFlight, latencyStats } from './latency.js';
import { num, type Obj } from './json.js';
import type { BenchmarkRun, LatencyStats } from './run.js';

/** `request_rate`: a number, or unlimited (`inf`, `Infinity`, null). */
function rateOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && /^\+?inf(inity)?$/i.test(v.trim())) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return num(v);
}

/** mean_/median_/pNN_ keys of one metric (`ttft`, `tpot`, `itl`), ms. */
function statsOf(o: Obj, metric: string): LatencyStats | null {
  return latencyStats((stat) =>
    stat === 'p50' ? (num(o[`median_${metric}_ms`]) ?? o[`p50_${metric}_ms`]) : o[`${stat}_${metric}_ms`],
  );
}

/** Does this object look like a bench-serving result (vLLM or SGLang)? */
export function isBenchServingResult(o: Obj): boolean {
  return 'completed' in o && ('mean_ttft_ms' in o || 'output_throughput' in o) && 'duration' in o;
}

/** SGLang writes `mean_e2e_latency_ms`, vLLM `mean_e2el_ms` (and `endpoint_type`/`model_id`). */
export function benchServingTool(o: Obj): 'sglang.bench_serving' | 'vllm bench serve' {
  return 'mean_e2e_latency_ms' in o || 'accept_length' in o || 'sglang_version' in o
    ? 'sglang.bench_serving'
    : 'vllm bench serve';
}

export function benchServingRun(
  o: Obj,
  label: string,
  format: string,
  tool: string = benchServingTool(o),
): BenchmarkRun {
  const completed = num(o.completed);
  const totalIn = num(o.total_input_tokens);
  const totalOut = num(o.total_output_tokens);
  const maxConcurrency = num(o.max_concurrency);
  const rate = rateOf(o.request_rate);
  const notes: string[] = [];
  // The loop the run had: a concurrency cap (closed loop); all requests at once (no rate, no cap);
  // or an open loop at a rate.
  let concurrency: number | null = null;
  if (maxConcurrency !== null) concurrency = completed === null ? maxConcurrency : Math.min(maxConcurrency, completed);
  else if (!('request_rate' in o))
    notes.push(
      'the result does not record its request rate or concurrency: taken as an open loop (latencies compared)',
    );
  else if (rate === null && completed !== null) {
    concurrency = completed;
    notes.push(`no rate and no concurrency cap: all ${completed} requests sent at once (closed loop at ${completed})`);
  }
  const mean = (total: number | null) =>
    total !== null && completed !== null && completed > 0 ? total / completed : null;
  const meanOutputTokens = mean(totalOut);
  const ttftMs = statsOf(o, 'ttft');
  const tpotMs = statsOf(o, 'tpot');
  const durationS = num(o.duration);
  const requestsPerS =
    num(o.request_throughput) ??
    (completed !== null && durationS !== null && durationS > 0 ? completed / durationS : null);
  // Mean end-to-end latency: as recorded (SGLang, vLLM's e2el), else TTFT + TPOT × the tokens after the first.
  const e2eMs =
    num(o.mean_e2e_latency_ms) ??
    num(o.mean_e2el_ms) ??
    (ttftMs?.mean !== undefined && tpotMs?.mean !== undefined
      ? ttftMs.mean + tpotMs.mean * Math.max(0, (meanOutputTokens ?? 1) - 1)
      : null);
  // An open loop (a rate, or a block that does not say): the requests in flight on average, by
  // Little's law, are request throughput × mean latency.
  if (concurrency === null && requestsPerS !== null && e2eMs !== null) {
    const loop = inFlight(requestsPerS, e2eMs / 1000, 'open loop');
    concurrency = loop.concurrency;
    notes.push(loop.note);
  }
  return {
    tool: `${tool} (${format})`,
    label,
    scenario: 'server',
    concurrency,
    requestRate: rate,
    completed,
    durationS,
    meanInputTokens: mean(totalIn),
    meanOutputTokens,
    outputTokensPerS: num(o.output_throughput),
    requestsPerS,
    ttftMs,
    tpotMs,
    itlMs: statsOf(o, 'itl'),
    modelName: typeof o.model_id === 'string' ? o.model_id : typeof o.model === 'string' ? o.model : null,
    version:
      typeof o.sglang_version === 'string'
        ? o.sglang_version
        : typeof o.vllm_version === 'string'
          ? o.vllm_version
          : null,
    notes,
  };
}
