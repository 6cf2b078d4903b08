/**
 * ray-project llmperf `*_summary.json` (token_benchmark_ray.py): one run at
 * `num_concurrent_requests`, realised token counts under
 * `results_number_{input,output}_tokens_*`, latencies in seconds
 * (`results_ttft_s_*`, `results_inter_token_latency_s_*`). Keys:
 * test/fixtures/bench-outputs/llmperf/README.md.
 */
import { latencyStats } from './latency.js';
import { num, type Obj } from './json.js';
import type { BenchmarkRun, LatencyStats } from './run.js';

export function isLlmperfSummary(o: Obj): boolean {
  return 'results_ttft_s_mean' in o || 'results_inter_token_latency_s_mean' in o;
}

/** `results_<metric>_s_{mean,quantiles_pNN}` in ms. */
function seconds(o: Obj, metric: string): LatencyStats | null {
  return latencyStats((stat) => o[`results_${metric}_s_${stat === 'mean' ? 'mean' : `quantiles_${stat}`}`], 1000);
}

export function llmperfRun(o: Obj): BenchmarkRun {
  const concurrency = num(o.num_concurrent_requests);
  const completed = num(o.results_num_completed_requests);
  const perMin = num(o.results_num_completed_requests_per_min);
  const requestsPerS = perMin === null ? null : perMin / 60;
  const itl = seconds(o, 'inter_token_latency');
  return {
    tool: 'llmperf',
    label: concurrency === null ? 'summary' : `concurrency ${concurrency}`,
    scenario: 'server',
    concurrency,
    requestRate: null,
    completed,
    durationS: completed !== null && requestsPerS !== null && requestsPerS > 0 ? completed / requestsPerS : null,
    // Realised lengths where the summary has them; the requested means otherwise.
    meanInputTokens: num(o.results_number_input_tokens_mean) ?? num(o.mean_input_tokens),
    meanOutputTokens: num(o.results_number_output_tokens_mean) ?? num(o.mean_output_tokens),
    outputTokensPerS: num(o.results_mean_output_throughput_token_per_s),
    requestsPerS,
    ttftMs: seconds(o, 'ttft'),
    tpotMs: itl,
    itlMs: itl,
    modelName: typeof o.model === 'string' ? o.model : null,
    version: typeof o.version === 'string' ? o.version : null,
    notes: [],
  };
}
