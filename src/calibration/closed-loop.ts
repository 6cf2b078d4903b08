/**
 * Latency percentiles of a closed-loop benchmark row (a fixed number of
 * requests in flight, request rate inf: `sglang.bench_serving`,
 * `vllm bench serve --max-concurrency`), from the scheduler simulation
 * simulate uses for percentiles (core/queueing.ts) fed with the calibration's
 * own step times (predict.ts). What it checks is the scheduling, not the step
 * model: the spread of TPOT across requests (prompts admitted mid-stream stall
 * the running ones) and TTFT when all clients start at once, as the ratio of
 * a percentile to the mean, against what the run printed.
 *
 * Request lengths: `sglang.bench_serving --dataset-name random` draws each
 * prompt and answer length uniformly from [max(1, ratio × len), len] with
 * --random-range-ratio 0 by default (sglang python/sglang/bench_serving.py,
 * sample_random_requests), so uniform on [1, 2 × mean − 1] for the realised
 * mean the row gives.
 */
import { splitParameters } from '../core/experts.js';
import { percentileOf, simulateQueue, type QueueModel } from '../core/queueing.js';
import { prefillStep } from '../core/steps.js';
import type { Efficiency } from '../scenario/schema.js';
import type { CalibrationCase } from './cases.js';
import { decodeAt, replicaOf } from './predict.js';

export interface ClosedLoopLatency {
  readonly requests: number;
  readonly concurrency: number;
  readonly meanTtftMs: number;
  readonly meanTpotMs: number;
  readonly p99TpotMs: number;
  /** Mean decode batch over the run. */
  readonly meanBatch: number;
}

const uniformMean = (mean: number) => (random: () => number) => 1 + random() * Math.max(0, 2 * mean - 2);

const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** The closed-loop run of `requests` prompts at the row's concurrency; undefined when it cannot run. */
export function closedLoopLatency(
  c: CalibrationCase,
  efficiency: Efficiency,
  requests: number,
): ClosedLoopLatency | undefined {
  const concurrency = c.batch;
  const n = c.replicaSizes[0];
  if (!c.closedLoop || concurrency === undefined || n === undefined) return undefined;
  const r = replicaOf(c, efficiency, n);
  if (r === undefined) return undefined;
  const split = splitParameters(c.model);
  const context = c.inputTokens + c.outputTokens / 2;
  const steps = new Map<number, { seconds: number; tokens: number }>();
  const stepAt = (b: number) => {
    let s = steps.get(b);
    if (s === undefined) {
      const d = decodeAt(c, split, r.rates, b, context);
      steps.set(b, (s = { seconds: d.step.seconds, tokens: d.tokensPerStep }));
    }
    return s;
  };
  const drawInput = uniformMean(c.inputTokens);
  const drawOutput = uniformMean(c.outputTokens);
  const model: QueueModel = {
    arrivalRatePerS: 1,
    arrivalCv: 1,
    concurrency,
    maxBatch: Math.min(concurrency, r.memoryBatch),
    stepS: (b) => stepAt(b).seconds,
    tokensPerStep: stepAt(1).tokens,
    // The prompts admitted together, in one pass (each attends to half of the mean prompt).
    prefillS: (tokens) => prefillStep(c.model, split, r.rates, tokens, c.inputTokens / 2).seconds,
    draw: (random) => ({ prefillTokens: Math.round(drawInput(random)), outputTokens: Math.round(drawOutput(random)) }),
  };
  // Every request counts, the start included, as the benchmark reports them.
  const run = simulateQueue(model, requests, undefined, 0);
  return {
    requests: run.requests,
    concurrency,
    meanTtftMs: mean(run.ttftS) * 1000,
    meanTpotMs: mean(run.tpotS) * 1000,
    p99TpotMs: percentileOf(run.tpotS, 0.99) * 1000,
    meanBatch: run.meanBatch,
  };
}
