/**
 * One replica's continuous-batching scheduler under random arrivals: a
 * seeded, deterministic discrete-event simulation. Requests arrive (Poisson,
 * or gamma-distributed gaps with a given coefficient of variation), wait in
 * a FIFO queue, are admitted while fewer than `maxBatch` run, have their
 * prompts prefilled together (the running sequences wait: co-located serving,
 * as the TPOT model of core/deployment.ts), then decode one step at a time
 * with everyone running; a step's time depends on how many run. Per request:
 * TTFT (queueing + prefill), TPOT ((last − first token) / (tokens − 1)) and
 * end-to-end latency. The engine knows nothing of models: core/latency.ts
 * feeds it step times from the step model.
 *
 * Event-driven: between two events (an arrival that can be admitted, a
 * sequence finishing) every decode step has the same batch, so runs of steps
 * are taken at once; cost O(requests × log batch).
 */

export interface RequestDraw {
  /** Seconds to prefill this prompt's tokens (alone; several admitted together: see prefillS). */
  readonly prefillTokens: number;
  /** Tokens generated, the first by the prefill. */
  readonly outputTokens: number;
}

export interface QueueModel {
  /** Mean arrivals per second. */
  readonly arrivalRatePerS: number;
  /** Coefficient of variation of the gaps between arrivals: 1 = Poisson; other values: gamma gaps. */
  readonly arrivalCv: number;
  readonly maxBatch: number;
  /** Seconds of one decode step with `batch` sequences running (1 ≤ batch ≤ maxBatch). */
  readonly stepS: (batch: number) => number;
  /** Tokens each running sequence gains per decode step (1; speculative decoding: its accepted length). */
  readonly tokensPerStep: number;
  /** Seconds to prefill `tokens` prompt tokens of the requests admitted together. */
  readonly prefillS: (tokens: number) => number;
  /** The i-th request's prompt and output, drawn with `random` (uniform in [0, 1)). */
  readonly draw: (random: () => number) => RequestDraw;
  /**
   * Closed loop (a benchmark at a fixed number of requests in flight, as
   * `vllm bench serve --max-concurrency` and `sglang.bench_serving` run with
   * request rate inf): this many clients, each sending its next request when
   * its last one finishes; the first ones all at time 0. Arrival rate and CV
   * are then unused.
   */
  readonly concurrency?: number;
}

export interface QueueRun {
  readonly requests: number;
  /** Per request, in arrival order (warm-up requests left out). */
  readonly ttftS: Float64Array;
  readonly tpotS: Float64Array;
  readonly e2eS: Float64Array;
  /** Mean decode batch over the simulated time. */
  readonly meanBatch: number;
}

/** Requests simulated by default: enough for a stable p99 (a p99 rests on 200 requests). */
export const DEFAULT_QUEUE_REQUESTS = 20_000;
/** The first requests, while the queue fills from empty, are left out of the figures. */
export const WARM_UP_SHARE = 0.1;
/** One seed for every run: the same scenario gives the same percentiles. */
export const QUEUE_SEED = 0x1f2e3d4c;

/** mulberry32: a small, fast, well-distributed 32-bit generator (public domain, T. Ettinger). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * A gamma(shape k, scale 1) draw, Marsaglia & Tsang (2000), "A simple method
 * for generating gamma variables"; k < 1 by the boost x·U^(1/k).
 */
function gamma(k: number, random: () => number): number {
  if (k < 1) return gamma(k + 1, random) * Math.pow(1 - random(), 1 / k);
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Gaps between arrivals: exponential (cv 1) or gamma with shape 1/cv² scaled to the mean. */
function gapSampler(ratePerS: number, cv: number, random: () => number): () => number {
  const mean = 1 / ratePerS;
  if (cv === 1) return () => -Math.log(1 - random()) * mean;
  const k = 1 / (cv * cv);
  return () => gamma(k, random) * (mean / k);
}

/**
 * A binary min-heap of (key, value) pairs: the running sequences by the step they finish at. In
 * typed arrays of a fixed capacity (a run never holds more than its batch cap, nor its requests).
 */
class MinHeap {
  /** keys[0] is the least key, while size > 0. */
  readonly keys: Float64Array;
  private readonly values: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }
  push(key: number, value: number): void {
    const k = this.keys;
    const v = this.values;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((k[p] as number) <= key) break;
      k[i] = k[p] as number;
      v[i] = v[p] as number;
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }
  pop(): number {
    const k = this.keys;
    const v = this.values;
    const top = v[0] as number;
    const n = --this.size;
    const lastK = k[n] as number;
    const lastV = v[n] as number;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (k[r] as number) < (k[l] as number) ? r : l;
        if ((k[c] as number) >= lastK) break;
        k[i] = k[c] as number;
        v[i] = v[c] as number;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

/**
 * Simulate `requests` arrivals (the first WARM_UP_SHARE left out of the
 * figures). At each step boundary: admit waiting requests while fewer than
 * maxBatch run and prefill their prompts together (first tokens at its end);
 * then run decode steps until the next admission or completion.
 */
export function simulateQueue(
  m: QueueModel,
  requests = DEFAULT_QUEUE_REQUESTS,
  seed = QUEUE_SEED,
  warmUpShare = WARM_UP_SHARE,
): QueueRun {
  const random = seededRandom(seed);
  const closed = m.concurrency;
  const gap = closed === undefined ? gapSampler(m.arrivalRatePerS, m.arrivalCv, random) : () => 0;
  const arrival = new Float64Array(requests);
  const prompt = new Float64Array(requests);
  const output = new Float64Array(requests);
  let t = 0;
  for (let i = 0; i < requests; i++) {
    t += gap();
    // Closed loop: the first `concurrency` at 0, each later one when a request finishes (below).
    arrival[i] = closed === undefined || i < closed ? t : Infinity;
    const d = m.draw(random);
    prompt[i] = d.prefillTokens;
    output[i] = Math.max(1, d.outputTokens);
  }
  const first = new Float64Array(requests);
  const done = new Float64Array(requests);
  let issued = closed === undefined ? requests : Math.min(closed, requests);
  const { maxBatch, tokensPerStep, prefillS } = m;
  // Never more run at once than the batch cap (rounded up: a cap of 7.5 admits an eighth), nor than the requests.
  const capacity = Math.max(1, Math.min(Math.ceil(maxBatch), requests));
  const running = new MinHeap(capacity);
  let next = 0; // next request not yet admitted
  let now = 0;
  let steps = 0; // decode steps taken so far
  // A decode step's seconds by batch, each computed once (-1: not yet).
  const stepCache = new Float64Array(capacity + 1).fill(-1);
  let batchTime = 0;
  let lastTokens = -1;
  let lastPrefillS = 0;
  // Where a request finishes (two places below), done[i] = the time, and in a closed loop its
  // client sends the next request then. Written out, not a call: this loop runs ~40,000 times in a
  // process's first and often only run, before the JIT has compiled it (latency under load is part
  // of every `check` and `simulate` of a scenario with SLOs).
  while (next < requests || running.size > 0) {
    // Idle: jump to the next arrival.
    if (running.size === 0 && next < requests && (arrival[next] as number) > now) now = arrival[next] as number;
    // Admit everyone waiting, up to the batch cap; their prompts are prefilled together.
    let tokens = 0;
    const admitted = next; // requests admitted..next − 1
    while (next < requests && (arrival[next] as number) <= now && running.size + (next - admitted) < maxBatch) {
      tokens += prompt[next] as number;
      next++;
    }
    if (next > admitted) {
      // Successive admissions are often the same prompt: the last one's time is kept.
      if (tokens !== lastTokens) {
        lastTokens = tokens;
        lastPrefillS = prefillS(tokens);
      }
      now += lastPrefillS;
      for (let i = admitted; i < next; i++) {
        first[i] = now;
        // Tokens after the first, at tokensPerStep a step: the decode step it finishes at.
        const remaining = Math.ceil(((output[i] as number) - 1) / tokensPerStep);
        if (remaining !== 0) running.push(steps + remaining, i);
        else {
          done[i] = now;
          if (issued < requests) arrival[issued++] = now;
        }
      }
    }
    if (running.size === 0) continue;
    // Decode steps with this batch until a sequence finishes or a waiting request can be admitted.
    const b = running.size;
    let s = stepCache[b] as number;
    if (s < 0) stepCache[b] = s = m.stepS(b);
    const untilDone = (running.keys[0] as number) - steps;
    let n = untilDone;
    if (next < requests && b < maxBatch) {
      const wait = Math.max(0, (arrival[next] as number) - now);
      n = Math.min(n, Math.max(1, Math.ceil(wait / s)));
    }
    now += n * s;
    steps += n;
    batchTime += n * s * b;
    while (running.size > 0 && (running.keys[0] as number) <= steps) {
      const i = running.pop();
      done[i] = now;
      if (issued < requests) arrival[issued++] = now;
    }
  }
  const skip = Math.floor(requests * warmUpShare);
  const kept = requests - skip;
  const ttftS = new Float64Array(kept);
  const tpotS = new Float64Array(kept);
  const e2eS = new Float64Array(kept);
  for (let j = 0; j < kept; j++) {
    const i = j + skip;
    const a = arrival[i] as number;
    const f = first[i] as number;
    const e = done[i] as number;
    const o = output[i] as number;
    ttftS[j] = f - a;
    tpotS[j] = o > 1 ? (e - f) / (o - 1) : 0;
    e2eS[j] = e - a;
  }
  return { requests: kept, ttftS, tpotS, e2eS, meanBatch: now > 0 ? batchTime / now : 0 };
}

/**
 * The q-quantile (0-1) of values, by the nearest-rank method. The sorted copy is kept with the
 * array: a run's figures are asked for four percentiles, and its SLO checks again at every step
 * of the replica search (core/latency.ts); a run's arrays are never written after simulateQueue.
 */
export function percentileOf(values: Float64Array, q: number): number {
  if (values.length === 0) return NaN;
  let sorted = SORTED.get(values);
  if (sorted === undefined) SORTED.set(values, (sorted = Float64Array.from(values).sort()));
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

const SORTED = new WeakMap<Float64Array, Float64Array>();
