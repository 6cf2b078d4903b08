/**
 * The calculator's memos (core/error-bands.ts, core/replica.ts) and sweep
 * patches (scenario/set-in.ts) are there for speed only: whatever was asked
 * before, each answers what the plain function answers. These properties
 * call them in random orders (the one-entry fast paths hit, miss and
 * alternate) and compare with the uncached function.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedErrorBand, errorBand, type DeploymentKind, type ErrorRow } from '../../src/core/error-bands.js';
import { splitParameters } from '../../src/core/experts.js';
import { cachedReplicaRates, replicaRates, type ReplicaRates } from '../../src/core/replica.js';
import { prefillStep } from '../../src/core/steps.js';
import { prefillOf, sizingContext } from '../../src/core/deployment.js';
import { layoutsFor, parallelismProblem } from '../../src/core/parallelism.js';
import { layoutsOf } from '../../src/core/replica-choice.js';
import { workloadMix, workloadOf } from '../../src/core/workload.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { ERROR_ROWS } from '../../src/data/error-rows.js';
import { PRECISIONS } from '../../src/scenario/precision.js';
import { setIn } from '../../src/scenario/set-in.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { scenarioFrom } from '../helpers.js';

const kind = fc.record({
  family: fc.constantFrom('llama', 'deepseek', 'mistral', 'gpt-oss', 'qwen'),
  moe: fc.boolean(),
  acceleratorClass: fc.constantFrom('nvidia-hopper', 'nvidia-blackwell', 'amd'),
  // Small and large batches (past the integer key: 2^23), and a fractional one (no key at all).
  batch: fc.oneof(fc.integer({ min: 1, max: 512 }), fc.constantFrom(2 ** 23, 2 ** 23 + 5, 3.5)),
  prefillShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

// A second table of rows (a user's own): the same kind must get that table's band, not the shipped one's.
const OWN_ROWS: readonly ErrorRow[] = ERROR_ROWS.slice(0, 40).map((r) => ({ ...r, errorPct: r.errorPct * 2 + 3 }));

describe('cachedErrorBand', () => {
  it('is errorBand at the share rounded to 0.02, whatever was asked before and from whichever table', () => {
    fc.assert(
      // A few kinds asked over and over in a random order, so that every fast path is taken and missed.
      fc.property(
        fc.array(fc.tuple(kind, fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        (pool, order) => {
          for (const i of order) {
            const [k, own] = pool[i % pool.length] as (typeof pool)[number];
            const rows = own ? OWN_ROWS : ERROR_ROWS;
            const rounded: DeploymentKind = { ...k, prefillShare: Math.round(k.prefillShare * 50) / 50 };
            expect(cachedErrorBand(k, rows)).toEqual(errorBand(rounded, rows));
            // Asked again at once: the fast path.
            expect(cachedErrorBand(k, rows)).toEqual(errorBand(rounded, rows));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('tells apart kinds that differ in one field only, asked alternately at the same batch and share', () => {
    const one: DeploymentKind = {
      family: 'llama',
      moe: false,
      acceleratorClass: 'nvidia-hopper',
      batch: 64,
      prefillShare: 0.3,
    };
    const others: DeploymentKind[] = [
      { ...one, acceleratorClass: 'amd' },
      { ...one, family: 'deepseek' },
      { ...one, moe: true },
      { ...one, batch: 512 },
      { ...one, prefillShare: 0.7 },
    ];
    for (const other of others)
      for (const [k, rows] of [
        [one, ERROR_ROWS],
        [other, ERROR_ROWS],
        [one, ERROR_ROWS],
        [one, OWN_ROWS],
        [other, OWN_ROWS],
      ] as const)
        expect(cachedErrorBand(k, rows)).toEqual(errorBand(k, rows));
  });
});

const base = scenarioFrom(DEFAULT_SCENARIO_YAML);
// One array throughout: the memo keeps an entry only for the extra factors it was built with (by identity).
const NO_FACTORS: readonly [] = [];
const size = fc.oneof(fc.constantFrom(1, 2, 8, 63, 64, 65), fc.integer({ min: 1, max: 5000 }));
const layout = fc.record({ tensor: size, expert: size, data: size, pipeline: size });

/** A replica's rates with its one function replaced by its values, to compare with toEqual. */
function plain(r: ReplicaRates) {
  const { peakFlopsPerSAt, ...rest } = r;
  return { ...rest, peaks: PRECISIONS.map((p) => peakFlopsPerSAt(p)) };
}

describe('cachedReplicaRates', () => {
  it('is replicaRates for every precision and layout, small or past the integer key, in any order', () => {
    // Layouts are not checked for sense here: the memo must agree with the function on any input.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PRECISIONS), layout), { minLength: 1, maxLength: 20 }),
        (asks) => {
          for (const [precision, l] of asks)
            expect(plain(cachedReplicaRates(base.hardware, base.serving, precision, l, base.extra_factors))).toEqual(
              plain(replicaRates(base.hardware, base.serving, precision, l, base.extra_factors)),
            );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers each layout its own rates: no two layouts share a key', () => {
    // Layouts a key with a radix of 64 would confuse if it admitted a size of 65 in any field
    // (65 in one field is 1 carried into the next, in either order of the fields), and the string keys.
    const fields = ['tensor', 'expert', 'data', 'pipeline'] as const;
    const one = { tensor: 1, expert: 1, data: 1, pipeline: 1 };
    const layouts = [
      ...fields.flatMap((f) => [
        { ...one, [f]: 65 },
        { ...one, [f]: 64 },
        ...fields.filter((g) => g !== f).map((g) => ({ ...one, [g]: 2 })),
      ]),
      { ...one, tensor: 4096 },
      { ...one, expert: 4096 },
    ];
    for (let round = 0; round < 2; round++)
      for (const l of layouts)
        expect(plain(cachedReplicaRates(base.hardware, base.serving, 'fp8', l, NO_FACTORS))).toEqual(
          plain(replicaRates(base.hardware, base.serving, 'fp8', l, NO_FACTORS)),
        );
  });

  it('answers for the hardware and efficiency asked, not the pair asked last', () => {
    // Two hardware objects and two efficiency objects, alternated: the one-entry fast path must miss each time.
    const faster = { ...base.hardware, memory_bandwidth_tb_per_s: base.hardware.memory_bandwidth_tb_per_s * 2 };
    const tuned = { ...base.serving, efficiency: { ...base.serving.efficiency, memory_bandwidth: 0.5 } };
    const l = { tensor: 2, expert: 1, data: 1, pipeline: 1 };
    for (const [h, s] of [
      [base.hardware, base.serving],
      [base.hardware, tuned],
      [faster, tuned],
      [faster, base.serving],
      [base.hardware, base.serving],
    ] as const)
      expect(plain(cachedReplicaRates(h, s, 'fp8', l, NO_FACTORS))).toEqual(
        plain(replicaRates(h, s, 'fp8', l, NO_FACTORS)),
      );
  });
});

describe('setIn', () => {
  it('sets the value at the path, copies only the objects on it, and leaves the original as it was', () => {
    const tree = { a: { b: { c: 1, d: [1, 2] }, e: { f: 2 } }, g: 3 };
    const before = structuredClone(tree);
    const out = setIn(tree, ['a', 'b', 'c'], 9) as typeof tree;
    expect(out).toEqual({ a: { b: { c: 9, d: [1, 2] }, e: { f: 2 } }, g: 3 });
    expect(tree).toEqual(before);
    // Off the path, the same objects (what lets a sweep keep the memos' keys).
    expect(out.a.e).toBe(tree.a.e);
    expect(out.a.b.d).toBe(tree.a.b.d);
    expect(out.a).not.toBe(tree.a);
    // A path through a missing or non-object field makes the objects it needs.
    expect(setIn({ x: 1 }, ['x', 'y'], 2)).toEqual({ x: { y: 2 } });
    expect(setIn({}, ['p', 'q', 'r'], 'v')).toEqual({ p: { q: { r: 'v' } } });
    expect(setIn(tree, [], 5)).toBe(tree);
  });
});

describe("the steps' peaks, kept for the (model, replica) pair asked last", () => {
  it('a step is the same whichever model or replica was timed before it', () => {
    // gpt-oss keeps its attention and dense weights in BF16 (its dense peak is the BF16 one on an FP8
    // replica); DeepSeek-R1's MLA attends in BF16; a step of one must never use the other's peaks.
    const gptOss = scenarioFrom(
      'name: a\nmodel: { preset: gpt-oss-120b }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 1000, output_tokens: 100 }\n',
    );
    const r1 = scenarioFrom(
      'name: b\nmodel: { preset: deepseek-r1 }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 1000, output_tokens: 100 }\n',
    );
    const one = replicaRates(base.hardware, base.serving, 'fp8', 8, NO_FACTORS);
    const two = replicaRates(base.hardware, base.serving, 'fp8', 4, NO_FACTORS);
    const prefill = (s: typeof base, rates: ReplicaRates) =>
      prefillStep(s.model, splitParameters(s.model), rates, 8192, 4096).seconds;
    // Each first on its own (after a step of the same model on the other replica)…
    prefill(gptOss, two);
    const gptOssAlone = prefill(gptOss, one);
    prefill(r1, two);
    const r1Alone = prefill(r1, one);
    // …then right after the other model on the same replica.
    prefill(r1, one);
    expect(prefill(gptOss, one)).toBe(gptOssAlone);
    expect(prefill(r1, one)).toBe(r1Alone);
    expect(gptOssAlone).not.toBe(r1Alone);
  });
});

describe('the prefill kept per replica (core/deployment.ts prefillOf)', () => {
  // Scenarios that differ from the default in one thing prefill reads each (the prompt, the prefix cache, the
  // chunk, packing, the model), and two that differ only where prefill does not look (the batch, the output).
  // All made from one scenario, as a sweep's patches make them: they share its hardware and efficiency
  // objects, so they share its cached replica rates (and the prefill kept with them).
  const yaml = (extra: string, model = 'model: { preset: mistral-small-4 }') =>
    `name: p\n${model}\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 2000, output_tokens: 300${extra} }\n`;
  const p0 = scenarioFrom(yaml(''));
  const withTraffic = (extra: string): Scenario => ({ ...p0, traffic: scenarioFrom(yaml(extra)).traffic });
  const withServing = (serving: Partial<Scenario['serving']>): Scenario => ({
    ...p0,
    serving: { ...p0.serving, ...serving },
  });
  const pool: Scenario[] = [
    p0,
    withTraffic(', prefix_cache: { cached_input_share: 0.5 }'),
    withTraffic(', prefix_cache: { shared_prefix_tokens: 1000, hit_rate: 0.8 }'),
    { ...p0, traffic: { ...p0.traffic, input_tokens: 2001 } },
    withServing({ prefill_chunk_tokens: 4096 }),
    withServing({ max_concurrency: 8 }),
    { ...p0, model: scenarioFrom(yaml('', 'model: { preset: llama-3.1-8b }')).model },
    withServing({ max_batch: 7 }),
    { ...p0, traffic: { ...p0.traffic, output_tokens: 30 } },
    withTraffic(', prefix_cache: { cached_input_share: 0.25 }'),
  ];
  const precision = 'fp8' as const;
  const ctxOf = (s: Scenario) => sizingContext(s, workloadMix([s]), precision);

  it('is the prefill of a replica never asked before, whatever was asked before on this one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(pool.length - 1), fc.constantFrom(2, 4)), { minLength: 1, maxLength: 30 }),
        (asks) => {
          for (const [i, n] of asks) {
            const s = pool[i] as Scenario;
            const cached = cachedReplicaRates(s.hardware, s.serving, precision, n, s.extra_factors);
            // A replica object of its own: nothing kept for it, so this is computed afresh.
            const fresh = replicaRates(s.hardware, s.serving, precision, n, s.extra_factors);
            expect(prefillOf(ctxOf(s), cached)).toEqual(prefillOf(ctxOf(s), fresh));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('tells apart prompts that prefill differently, and answers those that do not alike', () => {
    // Every pair asked back to back on one replica: the kept entry hits or misses as the prompts say.
    const rates = (s: Scenario) => cachedReplicaRates(s.hardware, s.serving, precision, 2, s.extra_factors);
    const fresh = (s: Scenario) =>
      prefillOf(ctxOf(s), replicaRates(s.hardware, s.serving, precision, 2, s.extra_factors));
    for (const a of pool)
      for (const b of pool) {
        prefillOf(ctxOf(a), rates(a));
        expect(prefillOf(ctxOf(b), rates(b))).toEqual(fresh(b));
      }
    // The batch and the output do not move the prefill (what lets a sweep over them reuse it).
    expect(fresh(pool[7] as Scenario)).toEqual(fresh(pool[0] as Scenario));
    expect(fresh(pool[8] as Scenario)).toEqual(fresh(pool[0] as Scenario));
    expect(fresh(pool[3] as Scenario)).not.toEqual(fresh(pool[0] as Scenario));
  });
});

describe('the workload kept for the last traffic and reasoning (core/workload.ts workloadOf)', () => {
  it('is the mix of the scenario asked, whichever was asked before', () => {
    const a = scenarioFrom(
      'name: w\nmodel: { preset: mistral-small-4 }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 2000, output_tokens: 300 }\n',
    );
    const b = { ...a, traffic: { ...a.traffic, input_tokens: 3000 } };
    const c = { ...a, reasoning: { ...a.reasoning, compression: 0.5 } };
    const d = { ...a, serving: { ...a.serving, max_batch: 3 } }; // the same traffic and reasoning objects as a
    const plain = (s: Scenario) => {
      const { draws: _, ...rest } = workloadMix([s]);
      return rest;
    };
    for (const s of [a, b, a, c, c, b, d, a]) {
      const { draws: _, ...rest } = workloadOf(s);
      expect(rest).toEqual(plain(s));
    }
    expect(workloadOf(d)).toBe(workloadOf(a));
  });
});

describe('the layouts kept for the last model and pinned layout (core/replica-choice.ts layoutsOf)', () => {
  // Scenarios that share a model but pin different layouts, and share a pinned layout across models
  // (a dense one, which refuses expert and data parallelism, and an MoE one): asked in any order,
  // each gets the layouts and the problems of its own model and pin.
  const moe = scenarioFrom(
    'name: a\nmodel: { preset: mistral-small-4 }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 500, output_tokens: 100 }\n',
  );
  const dense = scenarioFrom(
    'name: b\nmodel: { preset: llama-3.1-8b }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 500, output_tokens: 100 }\n',
  );
  const pins: Scenario['serving']['parallelism'][] = [undefined, { data: 4 }, { tensor: 2, expert: 2 }, { tensor: 3 }];
  const pool: Scenario[] = [moe, dense].flatMap((s) =>
    pins.map((parallelism) => ({ ...s, serving: { ...s.serving, parallelism } })),
  );
  const fresh = (s: Scenario, n: number) => {
    const problems: { field: string; message: string }[] = [];
    const layouts = layoutsFor(n, s.serving.parallelism).filter((l) => {
      const p = parallelismProblem(l, s.model);
      if (p !== undefined) problems.push(p);
      return p === undefined;
    });
    return { layouts, problems };
  };

  it('are the layouts and problems of the model and pin asked, whatever was asked before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(pool.length - 1), fc.constantFrom(1, 2, 4, 8)), { minLength: 1, maxLength: 30 }),
        (asks) => {
          for (const [i, n] of asks) {
            const s = pool[i] as Scenario;
            const problems: { field: string; message: string }[] = [{ field: 'x', message: 'kept' }];
            const layouts = layoutsOf(s, n, problems);
            const want = fresh(s, n);
            expect(layouts).toEqual(want.layouts);
            // Appended to what the caller had, not in place of it.
            expect(problems).toEqual([{ field: 'x', message: 'kept' }, ...want.problems]);
          }
        },
      ),
      { numRuns: 80 },
    );
    // And every pair back to back at every size: the kept entry hits or misses as the model and pin say.
    for (const a of pool)
      for (const b of pool)
        for (const n of [1, 2, 4, 8]) {
          layoutsOf(a, n, []);
          const problems: { field: string; message: string }[] = [];
          expect(layoutsOf(b, n, problems)).toEqual(fresh(b, n).layouts);
          expect(problems).toEqual(fresh(b, n).problems);
        }
    // The pool is not vacuous: a pin the dense model refuses has a problem, one it takes has none.
    expect(fresh(pool[5] as Scenario, 4).problems).toHaveLength(1);
    expect(fresh(pool[4] as Scenario, 4).layouts).toHaveLength(1);
  });
});
