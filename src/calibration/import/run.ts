/**
 * One run of a benchmark tool (one concurrency or rate of a sweep), as the
 * tool recorded it, and the measurement row it becomes. Every importer
 * (vLLM, SGLang, AIPerf, GenAI-Perf, GuideLLM, llmperf, MLPerf) produces
 * these; what the export does not say (model, accelerator, count) comes from
 * the run's context: flags or a sidecar file.
 */
import type { Precision } from '../../scenario/precision.js';
import { MEASUREMENT_SCENARIOS, type Measurement } from '../measurements.js';

/** Mean and percentiles of a latency, ms (those the tool gives). */
export interface LatencyStats {
  readonly mean?: number;
  readonly p50?: number;
  readonly p90?: number;
  readonly p99?: number;
}

export interface BenchmarkRun {
  /** The tool and format, e.g. `vllm bench serve (JSON)`. */
  readonly tool: string;
  /** Which run of the file: `concurrency 16`, `line 3`, `benchmark 2 of 5`. */
  readonly label: string;
  /** MLPerf: the benchmark and scenario the log names; tools with a closed or open loop: server. */
  readonly scenario: (typeof MEASUREMENT_SCENARIOS)[number];
  /** Requests kept in flight (closed loop), when the run fixed it. */
  readonly concurrency: number | null;
  /** Offered requests/s (open loop); null when unlimited or not stated. */
  readonly requestRate: number | null;
  readonly completed: number | null;
  readonly durationS: number | null;
  /** Realised means per request (from the run's totals where it has them). */
  readonly meanInputTokens: number | null;
  readonly meanOutputTokens: number | null;
  /** Generated tokens/s of the whole server. */
  readonly outputTokensPerS: number | null;
  readonly requestsPerS: number | null;
  readonly ttftMs: LatencyStats | null;
  readonly tpotMs: LatencyStats | null;
  readonly itlMs: LatencyStats | null;
  /** The served model's name as the tool recorded it (for the row's notes). */
  readonly modelName: string | null;
  /** The tool's version, when recorded. */
  readonly version: string | null;
  /** MLPerf: the benchmark id from the path or a flag (`llama2-70b`). */
  readonly mlperfBenchmark?: string;
  /** Anything the importer had to decide, for the row's notes. */
  readonly notes: readonly string[];
}

/** What the export lacks: the deployment that produced it. */
export interface RunContext {
  readonly model: string;
  readonly accelerator: string;
  readonly accelerators: number;
  readonly acceleratorsPerReplica?: number;
  readonly precision?: Precision;
  readonly kvCachePrecision?: Precision;
}

const finite = (x: number | null | undefined): number | null =>
  x !== null && x !== undefined && Number.isFinite(x) && x > 0 ? x : null;

/** A measurement row for the calibrator: `id` unique per file and run. */
export function measurementOf(run: BenchmarkRun, ctx: RunContext, id: string, file: string): Measurement {
  const stats = (name: string, s: LatencyStats | null) =>
    s === null
      ? []
      : Object.entries(s)
          .filter(([, v]) => typeof v === 'number')
          .map(([k, v]) => `${name} ${k} ${+Number(v).toPrecision(6)} ms`);
  const measured = [...stats('TTFT', run.ttftMs), ...stats('TPOT', run.tpotMs), ...stats('ITL', run.itlMs)];
  const notes = [
    `imported from ${run.tool}, ${run.label}`,
    run.modelName === null ? undefined : `served model "${run.modelName}"`,
    run.requestRate === null ? undefined : `request rate ${run.requestRate}/s`,
    run.completed === null ? undefined : `${run.completed} requests completed`,
    run.durationS === null ? undefined : `in ${+run.durationS.toPrecision(6)} s`,
    measured.length > 0 ? measured.join(', ') : undefined,
    ...run.notes,
  ].filter((n): n is string => n !== undefined);
  return {
    id,
    model: ctx.model,
    accelerator: ctx.accelerator,
    accelerators_count: ctx.accelerators,
    ...(ctx.acceleratorsPerReplica === undefined ? {} : { accelerators_per_replica: ctx.acceleratorsPerReplica }),
    precision: ctx.precision ?? null,
    ...(ctx.kvCachePrecision === undefined ? {} : { kv_cache_precision: ctx.kvCachePrecision }),
    scenario: run.scenario,
    scenario_detail: run.mlperfBenchmark ?? null,
    input_tokens: finite(run.meanInputTokens),
    output_tokens: finite(run.meanOutputTokens),
    concurrency: run.concurrency === null ? null : Math.max(1, Math.round(run.concurrency)),
    batch: null,
    throughput_output_tokens_per_s: finite(run.outputTokensPerS),
    throughput_per_accelerator_tokens_per_s: null,
    ttft_ms: finite(run.ttftMs?.mean),
    tpot_ms: finite(run.tpotMs?.mean ?? run.itlMs?.mean),
    software: run.version === null ? run.tool : `${run.tool} ${run.version}`,
    source: file,
    notes: notes.join('; '),
  };
}
