import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFleet } from '../../src/core/fleet.js';
import { mergeWorkloads } from '../../src/core/fleet-merge.js';
import { simulate } from '../../src/core/simulate.js';
import { workloadMix, workloadOf } from '../../src/core/workload.js';
import { InfeasibleError, InputError } from '../../src/errors.js';
import { loadFleet, type Fleet } from '../../src/scenario/fleet-schema.js';
import { scenarioFrom } from '../helpers.js';
import { PLAIN_EFFICIENCY } from '../toy.js';

/**
 * The hand-checked toy of test/unit/simulate.test.ts: a 10B dense model on a
 * 1-accelerator node at $3.6/h, every efficiency 1, 1000 prompt + 100 answer
 * tokens. One query takes 0.120226 s of replica time (0.020016 prefill +
 * 0.10021 decode at batch 10), so a replica serves 1 / 0.120226 = 8.31767/s.
 */
const TOY_MODEL = {
  total_params_b: 10,
  active_params_b: 10,
  layers: 10,
  hidden_size: 800,
  attention: { type: 'gqa', heads: 8, kv_heads: 1, head_dim: 100 },
  moe: null,
};
const TOY_HARDWARE = {
  dense_tflops: { bf16: 1000 },
  memory_gb: 100,
  memory_bandwidth_tb_per_s: 2,
  power_w: 1000,
  price_usd_per_hour: 3.6,
  accelerators_per_node: 1,
};
const TOY_SERVING = {
  max_batch: 10,
  prefill_chunk_tokens: 1000,
  utilization: 0.5,
  efficiency: PLAIN_EFFICIENCY,
};
const REPLICA_S = 0.120226;
const MONTH_H = 24 * 30.4375; // hours in a month: 730.5

const toyDeployment = (name: string, serves: string[], minReplicas = 1) => ({
  name,
  serves,
  min_replicas: minReplicas,
  model: TOY_MODEL,
  hardware: TOY_HARDWARE,
  serving: TOY_SERVING,
});

const load = (doc: unknown): Fleet => loadFleet(JSON.stringify(doc), 'fleet.json').fleet;

/** Two workloads of the toy's shape: a big one (1 request/s) and a small one (0.1/s). */
const HAND = {
  name: 'hand-checked fleet',
  fleet: {
    workloads: [
      { name: 'big', traffic: { requests_per_day: 86_400, input_tokens: 1000, output_tokens: 100 } },
      { name: 'small', traffic: { requests_per_day: 8_640, input_tokens: 1000, output_tokens: 100 } },
    ],
    options: [
      { name: 'separate', deployments: [toyDeployment('a', ['big']), toyDeployment('b', ['small'])] },
      { name: 'shared', deployments: [toyDeployment('ab', ['big', 'small'])] },
      { name: 'separate, 2 min', deployments: [toyDeployment('a', ['big'], 2), toyDeployment('b', ['small'], 2)] },
    ],
  },
};

describe('fleet: a case worked by hand', () => {
  const r = compareFleet(load(HAND));
  const [separate, shared, twoMin] = r.options;

  it('sizes each deployment for its peak at the utilisation target, in whole replicas', () => {
    const [a, b] = separate!.deployments;
    expect(a!.queriesPerSPerReplica).toBeCloseTo(1 / REPLICA_S, 9);
    // big: 1 request/s over (8.31767/s × 0.5) = 0.240452 replicas → 1.
    expect(a!.replicasForPeak).toBe(1);
    expect(a!.accelerators).toBe(1);
    // Busy at average load 1 × 0.120226 = 0.120226; headroom doubles it (utilisation 0.5);
    // rounding up to one replica adds 1 − 0.240452 = 0.759548. Peak = average (peak_to_average 1).
    expect(a!.breakdown.averageLoad).toBeCloseTo(0.120226, 9);
    expect(a!.breakdown.peak).toBeCloseTo(0, 12);
    expect(a!.breakdown.headroom).toBeCloseTo(0.120226, 9);
    expect(a!.breakdown.roundingUp).toBeCloseTo(0.759548, 9);
    expect(a!.breakdown.minimumReplicas).toBe(0);
    // One accelerator all month: $3.6 × 730.5 h = $2,629.80, over 86,400 × 30.4375 = 2,629,800 requests.
    expect(a!.monthlyCostUsd).toBeCloseTo(3.6 * MONTH_H, 9);
    expect(a!.costPerQueryUsd).toBeCloseTo(0.001, 12);
    // small: 0.1/s needs 0.0240452 replicas, still one whole replica: ten times the cost per query.
    expect(b!.accelerators).toBe(1);
    expect(b!.costPerQueryUsd).toBeCloseTo(0.01, 12);
    expect(b!.averageUtilization).toBeCloseTo(0.1 * REPLICA_S, 9);
  });

  it('totals an option and prices each workload', () => {
    // 2 accelerators, $5,259.60 a month, over (86,400 + 8,640) × 30.4375 = 2,892,780 requests.
    expect(separate!.accelerators).toBe(2);
    expect(separate!.monthlyCostUsd).toBeCloseTo(2 * 3.6 * MONTH_H, 9);
    expect(separate!.costPerQueryUsd).toBeCloseTo((2 * 3.6 * MONTH_H) / 2_892_780, 15);
    // Busy accelerators 0.120226 + 0.0120226 = 0.1322486 of 2.
    expect(separate!.averageUtilization).toBeCloseTo(0.1322486 / 2, 9);
    // At the target: 0.120226 s × $0.001/s / 0.5 = $0.000240452 for every query.
    expect(separate!.costPerQueryAtTargetUsd).toBeCloseTo(0.000240452, 12);
    expect(separate!.workloads.map((w) => w.costPerQueryUsd)).toEqual([
      expect.closeTo(0.001, 12),
      expect.closeTo(0.01, 12),
    ]);
  });

  it('pools the two workloads on one replica when they share a deployment', () => {
    // 1.1/s needs 0.264497 replicas → 1: half the accelerators of the separate option.
    expect(shared!.accelerators).toBe(1);
    expect(shared!.deployments[0]!.breakdown.roundingUp).toBeCloseTo(1 - 0.264497, 6);
    expect(shared!.monthlyCostVsFirst).toBeCloseTo(0.5, 12);
    // Same tokens per query, so the cost is shared by requests: $2,629.80 / 2,892,780 each.
    for (const w of shared!.workloads) expect(w.costPerQueryUsd).toBeCloseTo((3.6 * MONTH_H) / 2_892_780, 15);
    expect(shared!.costPerQueryAtTargetUsd).toBeCloseTo(0.000240452, 12);
  });

  it('counts the replicas min_replicas adds', () => {
    // 2 replicas each where the peak needs 1: 4 accelerators, 2 of them for the minimum.
    expect(twoMin!.accelerators).toBe(4);
    expect(twoMin!.breakdown.minimumReplicas).toBe(2);
    expect(twoMin!.monthlyCostVsFirst).toBe(2);
  });

  it('the breakdown always sums to the accelerators', () => {
    for (const o of r.options) {
      const b = o.breakdown;
      expect(b.averageLoad + b.peak + b.headroom + b.roundingUp + b.minimumReplicas).toBeCloseTo(o.accelerators, 9);
    }
  });
});

describe('merging workloads', () => {
  const chat = {
    traffic: { requests_per_day: 100, peak_to_average: 2, input_tokens: 1000, output_tokens: 400 },
    reasoning: { compression: 0, levels: { none: { share: 1, thinking_tokens: 0 } } },
  };
  const maths = {
    traffic: { requests_per_day: 300, peak_to_average: 3, input_tokens: 200, output_tokens: 100 },
    reasoning: { compression: 0.5, levels: { high: { share: 1, thinking_tokens: 2000 } } },
  };

  it('weights traffic and the reasoning mix by requests, compression applied per workload', () => {
    const m = mergeWorkloads([chat, maths]);
    // 400 requests; peak (100 × 2 + 300 × 3) / 400 = 2.75; prompt (100 × 1000 + 300 × 200) / 400 = 400.
    expect(m.traffic).toEqual({ requests_per_day: 400, peak_to_average: 2.75, input_tokens: 400, output_tokens: 175 });
    // none: 1/4 of requests; high: 3/4 with 2000 × (1 − 0.5) = 1000 thinking tokens.
    expect(m.reasoning).toEqual({
      compression: 0,
      levels: { none: { share: 0.25, thinking_tokens: 0 }, high: { share: 0.75, thinking_tokens: 1000 } },
    });
  });

  it('sizes from the exact mix: decode slots hold the context of the requests in them', () => {
    const w = workloadMix([chat, maths]);
    // Output: chat 400, maths 100 + 1000 = 1100; mean 0.25 × 400 + 0.75 × 1100 = 925 (exact).
    expect(w.meanOutputTokens).toBeCloseTo(925, 12);
    // Slot-weighted context: (0.25 × 400 × (1000 + 200) + 0.75 × 1100 × (200 + 550)) / 925
    //   = (120,000 + 618,750) / 925 = 798.65 -- not the 400-token mean prompt + 925/2 of the averages.
    expect(w.meanContextTokens).toBeCloseTo(738_750 / 925, 9);
    // The longest request is a maths one: 200 + 1100.
    expect(w.maxContextTokens).toBe(1400);
    expect(w.inputTokens).toBe(400);
  });

  it("a single workload is its scenario's own workload, by hand", () => {
    const s = scenarioFrom(`
name: one
model: { preset: mistral-small-4, weight_precision: fp8 }
hardware: { preset: h100-sxm }
reasoning:
  compression: 0.3
  levels: { none: { share: 0.6, thinking_tokens: 0 }, medium: { share: 0.3, thinking_tokens: 1500 }, high: { share: 0.1, thinking_tokens: 6000 } }
traffic: { requests_per_day: 1000000, peak_to_average: 2, input_tokens: 1000, output_tokens: 400 }
`);
    const w = workloadOf(s);
    // Thinking after compression: 1500 × 0.7 = 1050 and 6000 × 0.7 = 4200; output = 400 + thinking.
    expect(w.levels.map((l) => [l.level, l.share, l.thinkingTokens, l.outputTokens])).toEqual([
      ['none', 0.6, 0, 400],
      ['medium', 0.3, expect.closeTo(1050, 9), expect.closeTo(1450, 9)],
      ['high', 0.1, expect.closeTo(4200, 9), expect.closeTo(4600, 9)],
    ]);
    // Mean output 0.6 × 400 + 0.3 × 1450 + 0.1 × 4600 = 240 + 435 + 460 = 1135.
    expect(w.meanOutputTokens).toBeCloseTo(1135, 9);
    // Slots: (240 × 1200 + 435 × 1725 + 460 × 3300) / 1135 = (288,000 + 750,375 + 1,518,000) / 1135.
    expect(w.meanContextTokens).toBeCloseTo(2_556_375 / 1135, 9);
    expect(w.maxContextTokens).toBeCloseTo(5600, 9);
    expect(w.inputTokens).toBe(1000);
    expect(workloadMix([s, s]).meanContextTokens).toBeCloseTo(w.meanContextTokens, 9);
  });
});

describe('fleet: consistent with simulate', () => {
  const doc = (serves: string[][], minReplicas = 0) => ({
    name: 'consistency',
    fleet: {
      workloads: [
        {
          name: 'chat',
          traffic: { requests_per_day: 2_000_000, peak_to_average: 2, input_tokens: 1000, output_tokens: 400 },
        },
        {
          name: 'maths',
          traffic: { requests_per_day: 300_000, peak_to_average: 2, input_tokens: 800, output_tokens: 600 },
          reasoning: { levels: { high: { share: 1, thinking_tokens: 6000 } } },
        },
      ],
      options: [
        {
          name: 'o',
          deployments: serves.map((s, i) => ({
            name: `d${i}`,
            serves: s,
            min_replicas: minReplicas,
            model: { preset: 'mistral-small-4', weight_precision: 'fp8', kv_cache_precision: 'fp8' },
            hardware: { preset: 'h100-sxm' },
            serving: { max_time_per_output_token_ms: 50 },
          })),
        },
      ],
    },
  });

  it('a one-workload deployment has the fleet simulate gives its scenario (at its replica size)', () => {
    const r = compareFleet(load(doc([['chat'], ['maths']])));
    const d = r.options[0]!.deployments[0]!;
    const s = scenarioFrom(`
name: chat
model: { preset: mistral-small-4, weight_precision: fp8, kv_cache_precision: fp8 }
hardware: { preset: h100-sxm }
serving: { max_time_per_output_token_ms: 50, accelerators_per_replica: ${d.acceleratorsPerReplica} }
traffic: { requests_per_day: 2000000, peak_to_average: 2, input_tokens: 1000, output_tokens: 400 }
`);
    const sim = simulate(s);
    expect(d.replicas).toBe(sim.fleet.replicas);
    expect(d.monthlyCostUsd).toBeCloseTo(sim.fleet.provisionedMonthlyCostUsd, 6);
    expect(d.costPerQueryAtTargetUsd).toBeCloseTo(sim.blended.costPerQueryUsd, 15);
    expect(r.options[0]!.workloads[0]!.costPerQueryAtTargetUsd).toBeCloseTo(sim.blended.costPerQueryUsd, 15);
  });

  it("a shared deployment's blended cost is the request-weighted cost of its workloads", () => {
    const o = compareFleet(load(doc([['chat', 'maths']]))).options[0]!;
    const d = o.deployments[0]!;
    const weighted =
      o.workloads.reduce((s, w) => s + w.requestsPerDay * w.costPerQueryAtTargetUsd, 0) / d.requestsPerDay;
    expect(weighted).toBeCloseTo(d.costPerQueryAtTargetUsd, 15);
    // The workloads' shares of the monthly cost add up to it.
    expect(o.workloads.reduce((s, w) => s + w.monthlyCostUsd, 0)).toBeCloseTo(d.monthlyCostUsd, 6);
  });

  it('keeps the replica size cheapest to run, not the one cheapest per query at full load', () => {
    // A trickle of traffic: the smallest replica that fits costs least, even if bigger ones are cheaper per query.
    const small = load(doc([['chat', 'maths']]));
    const trickle: Fleet = {
      ...small,
      fleet: {
        ...small.fleet,
        workloads: small.fleet.workloads.map((w) => ({ ...w, traffic: { ...w.traffic, requests_per_day: 100 } })),
      },
    };
    const d = compareFleet(trickle).options[0]!.deployments[0]!;
    const cheapest = Math.min(...d.replicaSizes.map((z) => z.monthlyCostUsd));
    expect(d.monthlyCostUsd).toBe(cheapest);
    expect(d.acceleratorsPerReplica).toBe(Math.min(...d.replicaSizes.map((z) => z.acceleratorsPerReplica)));
  });
});

describe('fleet properties', () => {
  const shape = fc.record({
    input: fc.integer({ min: 1, max: 20_000 }),
    output: fc.integer({ min: 1, max: 2_000 }),
    thinking: fc.integer({ min: 0, max: 10_000 }),
    high: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  const traffic = fc.record({
    requests: fc.integer({ min: 0, max: 20_000_000 }),
    peak: fc.double({ min: 1, max: 4, noNaN: true }),
  });
  const MODELS = ['mistral-small-4', 'mistral-small-3.2-24b', 'llama-3.1-8b', 'qwen3-30b-a3b'];
  type Shape = { input: number; output: number; thinking: number; high: number };
  type Traffic = { requests: number; peak: number };

  function fleetOf(model: string, shapes: Shape[], traffics: Traffic[], minReplicas: number, pinned?: number): Fleet {
    const workloads = traffics.map((t, i) => {
      const s = shapes[i % shapes.length]!;
      return {
        name: `w${i}`,
        traffic: {
          requests_per_day: t.requests,
          peak_to_average: t.peak,
          input_tokens: s.input,
          output_tokens: s.output,
        },
        reasoning: {
          levels: {
            none: { share: 1 - s.high, thinking_tokens: 0 },
            high: { share: s.high, thinking_tokens: s.thinking },
          },
        },
      };
    });
    const dep = (name: string, serves: string[]) => ({
      name,
      serves,
      min_replicas: minReplicas,
      model: { preset: model, weight_precision: 'fp8', kv_cache_precision: 'fp8' },
      hardware: { preset: 'h100-sxm' },
      serving: pinned === undefined ? {} : { accelerators_per_replica: pinned },
    });
    return load({
      name: 'property',
      fleet: {
        workloads,
        options: [
          { name: 'separate', deployments: workloads.map((w) => dep(w.name, [w.name])) },
          {
            name: 'merged',
            deployments: [
              dep(
                'all',
                workloads.map((w) => w.name),
              ),
            ],
          },
        ],
      },
    });
  }

  /** Compare, or undefined when the model cannot serve the workloads at all (legitimately). */
  function tryCompare(f: Fleet) {
    try {
      return compareFleet(f);
    } catch (e) {
      if (e instanceof InfeasibleError) return undefined;
      throw e;
    }
  }

  it('a fleet of one workload on one deployment is `simulate` of that scenario', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        fc.constantFrom(1, 2, 4, 8),
        shape,
        traffic,
        fc.integer({ min: 1, max: 3 }),
        (m, n, s, t, min) => {
          const f = fleetOf(m, [s], [t], min, n);
          const compared = tryCompare(f);
          if (compared === undefined) return;
          const w = f.fleet.workloads[0]!;
          const dep = f.fleet.options[0]!.deployments[0]!;
          const sim = simulate({
            name: 'one',
            model: dep.model,
            hardware: dep.hardware,
            serving: { ...dep.serving, min_replicas: min },
            reasoning: w.reasoning,
            traffic: w.traffic,
            extra_factors: dep.extra_factors,
          });
          const r = compared.options[0]!;
          const d = r.deployments[0]!;
          expect(d.acceleratorsPerReplica).toBe(sim.deployment.acceleratorsPerReplica);
          expect(d.batch).toBe(sim.deployment.batch);
          expect(d.replicas).toBe(sim.fleet.replicas);
          expect(d.accelerators).toBe(sim.fleet.accelerators);
          expect(d.monthlyCostUsd).toBeCloseTo(sim.fleet.provisionedMonthlyCostUsd, 6);
          expect(r.workloads[0]!.costPerQueryAtTargetUsd / sim.blended.costPerQueryUsd).toBeCloseTo(1, 12);
          expect(d.costPerQueryAtTargetUsd).toBe(sim.blended.costPerQueryUsd);
          if (sim.fleet.provisionedCostPerQueryUsd === null) expect(r.costPerQueryUsd).toBeNull();
          else expect(r.costPerQueryUsd! / sim.fleet.provisionedCostPerQueryUsd).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('one more minimum replica never lowers the cost', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        shape,
        fc.array(traffic, { minLength: 1, maxLength: 3 }),
        fc.nat(4),
        (m, s, t, min) => {
          const [a, b] = [tryCompare(fleetOf(m, [s], t, min)), tryCompare(fleetOf(m, [s], t, min + 1))];
          if (a === undefined || b === undefined) return;
          a.options.forEach((o, i) => {
            expect(b.options[i]!.monthlyCostUsd).toBeGreaterThanOrEqual(o.monthlyCostUsd);
            expect(b.options[i]!.accelerators).toBeGreaterThanOrEqual(o.accelerators);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  // True because every deployment then runs the same replica at the same throughput q,
  // and ⌈Σ xᵢ/q⌉ ≤ Σ ⌈xᵢ/q⌉ (peaks add up either way, as peaks are taken to coincide).
  it('with one token shape, one replica size and min_replicas 0, merging never needs more accelerators', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        fc.constantFrom(1, 2, 4, 8),
        shape,
        fc.array(traffic, { minLength: 2, maxLength: 5 }),
        (m, n, s, t) => {
          const r = tryCompare(fleetOf(m, [s], t, 0, n));
          if (r === undefined) return;
          const [separate, merged] = r.options;
          expect(merged!.accelerators).toBeLessThanOrEqual(separate!.accelerators);
        },
      ),
      { numRuns: 60 },
    );
  });

  // Not true in general: a shared deployment has ONE replica shape for all its traffic.
  // Here the long-prompt workload needs large replicas for its KV cache (8 H100s at the
  // time of writing); merged with two others, every request runs on one size, which
  // serves less per GPU than the smaller replicas the others pick on their own.
  it('with different token shapes, merging CAN need more accelerators (documented counterexample)', () => {
    const shapes = [
      { input: 26_515, output: 2_403, thinking: 0, high: 0 },
      { input: 1_070, output: 2_573, thinking: 0, high: 0 },
      { input: 4_990, output: 2_134, thinking: 0, high: 0 },
    ];
    const t = [
      { requests: 36_399_300, peak: 1.18 },
      { requests: 3_508_814, peak: 3.18 },
      { requests: 46_619_720, peak: 2.92 },
    ];
    const r = compareFleet(fleetOf('mistral-small-3.2-24b', shapes, t, 0));
    const [separate, merged] = r.options;
    const sizes = separate!.deployments.map((d) => d.acceleratorsPerReplica);
    // On their own the workloads pick different replica sizes; merged, one size serves all.
    expect(new Set(sizes).size).toBeGreaterThan(1);
    expect(merged!.accelerators).toBeGreaterThan(separate!.accelerators);
  });

  it('monthly cost never falls when traffic rises', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        shape,
        traffic,
        fc.double({ min: 1, max: 10, noNaN: true }),
        (m, s, t, k) => {
          const a = tryCompare(fleetOf(m, [s], [t, t], 1));
          const b = tryCompare(fleetOf(m, [s], [t, { ...t, requests: Math.round(t.requests * k) }], 1));
          if (a === undefined || b === undefined) return;
          a.options.forEach((o, i) => expect(b.options[i]!.monthlyCostUsd).toBeGreaterThanOrEqual(o.monthlyCostUsd));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('fleet file validation', () => {
  const problems = (doc: unknown) => {
    try {
      load(doc);
    } catch (e) {
      if (e instanceof InputError) return e.problems.map((p) => `${p.path}: ${p.message}`);
      throw e;
    }
    return [];
  };

  it('checks that every workload is served once per option, by known names', () => {
    const doc = structuredClone(HAND) as typeof HAND;
    doc.fleet.options[0]!.deployments[1]!.serves = ['smal'];
    doc.fleet.options[1]!.deployments[0]!.serves = ['big', 'small', 'big'];
    // Sorted by place in the file (all on one line here: by column).
    expect(problems(doc)).toEqual([
      'fleet.options.0.deployments: option "separate" serves no deployment for workload "small": add it to a deployment\'s serves',
      'fleet.options.0.deployments.1.serves.0: unknown workload "smal" (did you mean "small"?)',
      'fleet.options.1.deployments.0.serves.2: workload "big" is already served by deployment "ab" in option "shared": each workload goes to one deployment per option',
    ]);
  });

  it('resolves presets inside deployments and reports their problems at their path', () => {
    const doc = structuredClone(HAND) as Record<string, any>;
    doc.fleet.options[0].deployments[0].model = { preset: 'mistral-smal-4' };
    doc.fleet.options[0].deployments[1].hardware = { preset: 'h100-sxm', price_usd_per_hr: 2 };
    expect(problems(doc)).toEqual([
      'fleet.options.0.deployments.0.model.preset: unknown model preset "mistral-smal-4" (did you mean "mistral-small-4"?); `infercost presets list` shows them all',
      'fleet.options.0.deployments.1.hardware.price_usd_per_hr: unknown key (did you mean "price_usd_per_hour"?)',
    ]);
  });
});

describe('fleet: daily profiles and arrivals of the workloads a deployment serves', () => {
  // Two workloads of 172,800 requests a day, each in 12 hours (1/12 of the day's requests an hour):
  // day 08-19, night 20-07. Each busiest hour: 172,800 / 12 / 3600 = 4 requests/s.
  const half = (from: number) => Array.from({ length: 24 }, (_, h) => ((h - from + 24) % 24 < 12 ? 1 / 12 : 0));
  const workload = (name: string, from: number) => ({
    name,
    traffic: { requests_per_day: 172_800, input_tokens: 1000, output_tokens: 100, daily_profile: half(from) },
  });
  const doc = (deployment: object) => ({
    name: 'day and night',
    fleet: {
      workloads: [workload('day', 8), workload('night', 20)],
      options: [{ name: 'shared', deployments: [deployment] }],
    },
  });

  it('adds the curves: peaks at different hours need fewer replicas than their sum', () => {
    const { traffic } = mergeWorkloads(load(doc(toyDeployment('ab', ['day', 'night']))).fleet.workloads);
    // Each hour: 0.5 × 1/12 from one workload, 0 from the other = 1/24: a flat day.
    expect(traffic.daily_profile).toEqual(Array.from({ length: 24 }, () => expect.closeTo(1 / 24, 15)));
    const d = compareFleet(load(doc(toyDeployment('ab', ['day', 'night'])))).options[0]!.deployments[0]!;
    // Peak 345,600 / 86,400 = 4/s over 8.31767 × 0.5 = 4.15884/s a replica = 0.9618 → 1 replica,
    // where the peaks summed (8/s) would need 2.
    expect(d.peakRequestsPerS).toBeCloseTo(4, 9);
    expect(d.replicas).toBe(1);
  });

  it('a profile on some workloads only, or beside peak_to_average, is a located error', () => {
    const mixed = doc(toyDeployment('ab', ['day', 'night']));
    delete (mixed.fleet.workloads[1]!.traffic as { daily_profile?: number[] }).daily_profile;
    const err = (f: object) => {
      try {
        compareFleet(load(f));
      } catch (e) {
        return e as InfeasibleError;
      }
      throw new Error('expected an error');
    };
    expect(err(mixed).path).toBe('fleet.options.0.deployments.0.serves');
    expect(err(mixed).message).toContain('1 of the 2 workloads it serves give traffic.daily_profile');
    const both = doc({ ...toyDeployment('ab', ['day', 'night']), peak_to_average: 2 });
    expect(err(both).path).toBe('fleet.options.0.deployments.0.peak_to_average');
  });

  it('merges arrival processes by rate-weighted squared CV (Whitt 1983)', () => {
    const w = (cv: number | null, requests: number) => ({
      traffic: {
        requests_per_day: requests,
        peak_to_average: 1,
        input_tokens: 1000,
        output_tokens: 100,
        ...(cv === null ? {} : { arrival: { process: 'gamma' as const, cv } }),
      },
      reasoning: { compression: 0, levels: { none: { share: 1, thinking_tokens: 0 } } },
    });
    // c² = 0.5 × 2² + 0.5 × 1² = 2.5 → cv √2.5.
    expect(mergeWorkloads([w(2, 100), w(null, 100)]).traffic.arrival).toEqual({
      process: 'gamma',
      cv: Math.sqrt(2.5),
    });
    // c² = 0.75 × 1 + 0.25 × 1 = 1: Poisson.
    expect(mergeWorkloads([w(1, 300), w(null, 100)]).traffic.arrival).toEqual({ process: 'poisson' });
    expect(mergeWorkloads([w(null, 300), w(null, 100)]).traffic.arrival).toBeUndefined();
  });
});

describe('fleet: a deployment’s latency draws each request from the workload it belongs to', () => {
  // The toy (prefill 1000 tokens in 0.02 s): 90% of requests with 1000-token prompts, 10% with
  // 8000 (0.16 s of prefill alone, more with attention). At light load the merged mean prompt
  // (1,700 tokens, ~0.034 s) would put p99 TTFT far below 0.16 s; drawn per workload, the slowest
  // 10% are the long prompts, so p90 is below and p99 at or above their prefill.
  const doc = {
    name: 'short and long prompts',
    fleet: {
      workloads: [
        { name: 'short', traffic: { requests_per_day: 77_760, input_tokens: 1000, output_tokens: 100 } },
        { name: 'long', traffic: { requests_per_day: 8_640, input_tokens: 8000, output_tokens: 100 } },
      ],
      options: [
        {
          name: 'shared',
          deployments: [
            {
              ...toyDeployment('both', ['short', 'long']),
              serving: { ...TOY_SERVING, slo: { ttft_ms: { p99: 10_000 } } },
            },
          ],
        },
      ],
    },
  };
  it('p99 TTFT is a long prompt’s, p50 a short one’s', () => {
    const latency = compareFleet(load(doc)).options[0]!.deployments[0]!.simulation.latency;
    expect(latency).not.toBeNull();
    expect(latency!.timeToFirstTokenS.p99).toBeGreaterThanOrEqual(0.16);
    expect(latency!.timeToFirstTokenS.p50).toBeLessThan(0.1);
  });
});
