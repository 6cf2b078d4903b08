import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { project } from '../../src/core/project.js';
import { simulate } from '../../src/core/simulate.js';
import { InfeasibleError, InputError, UserError } from '../../src/errors.js';
import {
  DEFAULT_ROADMAP_YAML,
  loadRoadmap,
  monthIndex,
  monthLabel,
  type Roadmap,
} from '../../src/scenario/roadmap-schema.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_HAND_SCENARIO } from '../toy.js';

/** The hand-checked toy of test/unit/simulate.test.ts: 0.120226 s of replica time per query at $0.001/s. */
const HAND = TOY_HAND_SCENARIO;
const TOY = scenarioFrom(HAND);
/** The toy chip with twice the FLOP/s and bandwidth at the same price. */
const FAST_TOY = `{ name: fast toy, dense_tflops: { bf16: 2000 }, memory_gb: 100, memory_bandwidth_tb_per_s: 4, price_usd_per_hour: 3.6, accelerators_per_node: 1 }`;

const roadmap = (yaml: string): Roadmap => loadRoadmap(yaml, 'roadmap.yaml').roadmap;

describe('project: cases worked by hand', () => {
  it('switches to a chip twice as fast at the same price the month it arrives: half the cost', () => {
    const p = project(
      TOY,
      roadmap(`name: r\naccelerators:\n  - { from: 2026-03, source: test, hardware: ${FAST_TOY} }\n`),
      { start: '2026-01', months: 5 },
    );
    expect(p.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(p.months.map((m) => m.hardware)).toEqual(['toy', 'toy', 'fast toy', 'fast toy', 'fast toy']);
    expect(p.months[0]!.hardwareFromScenario).toBe(true);
    // Toy: 0.120226 s per query at $3.6/h = $0.000120226. Fast toy: prefill 1000 tokens in
    // 20.016e12 / 2e15 = 10.008 ms, decode 100 × (20.042e9 / 4e12) / 10 = 50.105 ms: 0.060113 s.
    expect(p.months[0]!.costPerQueryUsd).toBeCloseTo(0.000120226, 15);
    expect(p.months[2]!.costPerQueryUsd).toBeCloseTo(0.000060113, 15);
    expect(p.months[2]!.costVsStart).toBeCloseTo(0.5, 12);
    // A month's cost: cost per query × 86,400 × 30.4375 requests.
    expect(p.months[2]!.monthlyCostUsd).toBeCloseTo(0.000060113 * 86_400 * 30.4375, 9);
    expect(p.months[0]!.changes).toEqual([{ kind: 'start', hardware: 'toy' }]);
    expect(p.months[1]!.changes).toEqual([]);
    expect(p.months[2]!.changes).toEqual([
      { kind: 'available', hardware: 'fast toy' },
      { kind: 'switch', hardware: 'fast toy' },
    ]);
    expect(p.summary.endVsStart).toBeCloseTo(0.5, 12);
    expect(p.summary.endVsScenario).toBeCloseTo(0.5, 12);
    // Total at target: 2 months at $316.17 + 3 at half that.
    expect(p.summary.totalCostUsd).toBeCloseTo((2 + 1.5) * 0.000120226 * 86_400 * 30.4375, 6);
  });

  it('applies a software step from its month: an extra factor halving decode time', () => {
    const p = project(
      TOY,
      roadmap(`name: r
accelerators: [{ from: 2020-01, source: test, hardware: ${FAST_TOY.replace('3.6', '100')} }]
software:
  - { from: 2026-02, name: halve decode, source: test, extra_factors: [{ name: spec, phase: decode, time_ratio: 0.5 }] }
`),
      { start: '2026-01', months: 2 },
    );
    // Prefill 0.020016 s + decode 0.10021 s × 0.5 = 0.070121 s per query on the toy (the $100 chip never wins).
    expect(p.months.map((m) => m.costPerQueryUsd)).toEqual([
      expect.closeTo(0.000120226, 15),
      expect.closeTo(0.000070121, 15),
    ]);
    expect(p.months[1]!.extraFactors).toEqual(['spec']);
    expect(p.months[1]!.changes).toEqual([{ kind: 'software', name: 'halve decode' }]);
  });

  it('takes the best compression in effect, and matches simulate at that compression', () => {
    const thinking = scenarioFrom(
      HAND.replace(
        'levels: { none: { share: 1, thinking_tokens: 0 } }',
        'levels: { none: { share: 0.5, thinking_tokens: 0 }, high: { share: 0.5, thinking_tokens: 300 } }\n  compression: 0.2',
      ),
    );
    const p = project(
      thinking,
      roadmap(`name: r
accelerators: [{ from: 2020-01, source: test, hardware: ${FAST_TOY.replace('3.6', '100')} }]
software:
  - { from: 2026-02, name: weak, compression: 0.1, source: test }
  - { from: 2026-03, name: strong, compression: 0.5, source: test }
`),
      { start: '2026-01', months: 3 },
    );
    // The scenario's own 0.2 beats the weaker step; then 0.5.
    expect(p.months.map((m) => m.compression)).toEqual([0.2, 0.2, 0.5]);
    const at = (c: number) =>
      simulate({ ...thinking, reasoning: { ...thinking.reasoning, compression: c } }).blended.costPerQueryUsd;
    expect(p.months[2]!.costPerQueryUsd).toBe(at(0.5));
    expect(p.months[2]!.costPerQueryUsd!).toBeLessThan(p.months[0]!.costPerQueryUsd!);
  });

  it('goes back when a chip is withdrawn (until is its last month)', () => {
    const p = project(
      TOY,
      roadmap(`name: r\naccelerators:\n  - { from: 2026-02, until: 2026-02, source: test, hardware: ${FAST_TOY} }\n`),
      { start: '2026-01', months: 3 },
    );
    expect(p.months.map((m) => m.hardware)).toEqual(['toy', 'fast toy', 'toy']);
    expect(p.months[2]!.changes).toEqual([
      { kind: 'withdrawn', hardware: 'fast toy' },
      { kind: 'switch', hardware: 'toy' },
    ]);
  });

  it('without the scenario hardware, a month before any roadmap chip has no cost', () => {
    const p = project(
      TOY,
      roadmap(`name: r\naccelerators:\n  - { from: 2026-02, source: test, hardware: ${FAST_TOY} }\n`),
      {
        start: '2026-01',
        months: 2,
        includeScenarioHardware: false,
      },
    );
    expect(p.months.map((m) => m.costPerQueryUsd)).toEqual([null, expect.closeTo(0.000060113, 15)]);
    expect(p.months[0]!.changes).toEqual([{ kind: 'start', hardware: null }]);
    expect(p.months[1]!.costVsStart).toBeNull();
  });

  it('says why when no hardware can run the scenario in any month', () => {
    // No FLOP/s figure for the toy's bf16 weights (or anything wider).
    const fp8Only = FAST_TOY.replace('bf16: 2000', 'fp8: 2000');
    const r = roadmap(`name: r\naccelerators:\n  - { from: 2026-01, source: test, hardware: ${fp8Only} }\n`);
    expect(() => project(TOY, r, { start: '2026-01', months: 2, includeScenarioHardware: false })).toThrow(
      InfeasibleError,
    );
    expect(() => project(TOY, r, { start: '2026-01', months: 2, includeScenarioHardware: false })).toThrow(
      /fast toy: fast toy has no dense FLOP\/s figure for bf16 weights/,
    );
  });

  it('is a function of its inputs: the start month is given, never read from the clock', () => {
    const r = roadmap(DEFAULT_ROADMAP_YAML);
    const s = scenarioFrom(readFileSync(path.resolve(__dirname, '../../scenarios/mistral-small-4-h100.yaml'), 'utf8'));
    expect(project(s, r, { start: '2026-01', months: 3 })).toEqual(project(s, r, { start: '2026-01', months: 3 }));
    expect(() => project(s, r, { start: '2026-01', months: 0 })).toThrow(UserError);
  });
});

describe('months', () => {
  it('count from year 0 and print back as YYYY-MM', () => {
    expect(monthIndex('2026-11') - monthIndex('2025-11')).toBe(12);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 * 12 + 11 }), (i) => {
        expect(monthIndex(monthLabel(i))).toBe(i);
      }),
    );
  });
});

describe('the default roadmap', () => {
  const r = roadmap(DEFAULT_ROADMAP_YAML);

  it('is examples/roadmap/nvidia.yaml, word for word', () => {
    expect(readFileSync(path.resolve(__dirname, '../../examples/roadmap/nvidia.yaml'), 'utf8')).toBe(
      DEFAULT_ROADMAP_YAML,
    );
  });

  it('cites a source for every chip and prices every one', () => {
    expect(r.accelerators.map((a) => a.hardware.name)).toEqual([
      'NVIDIA H100 SXM5 80GB',
      'NVIDIA B200 (HGX B200, 1000 W)',
      'NVIDIA Rubin GPU (Vera Rubin platform, per GPU)',
    ]);
    for (const a of r.accelerators) {
      expect(a.source.length).toBeGreaterThan(40);
      expect(a.hardware.price_usd_per_hour).toBeGreaterThan(0);
    }
  });

  it('rejects an entry with no price, at its place in the file', () => {
    try {
      loadRoadmap(
        'name: r\naccelerators:\n  - from: 2026-01\n    source: s\n    hardware: { preset: mtia-400 }\n',
        'r.yaml',
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toMatch(
        /^r\.yaml:5:5: accelerators\.0\.hardware\.price_usd_per_hour: no price per accelerator-hour for Meta MTIA 400/,
      );
    }
  });

  it('rejects months that are not YYYY-MM, and an until before from', () => {
    try {
      loadRoadmap(
        `name: r\naccelerators:\n  - { from: 2026-13, until: 2025-01, source: s, hardware: ${FAST_TOY} }\n  - { from: "2026-1", source: s, hardware: ${FAST_TOY} }\n`,
        'r.yaml',
      );
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
        'accelerators.0.from: expected a month as YYYY-MM (e.g. 2026-11), got "2026-13"',
        'accelerators.1.from: expected a month as YYYY-MM (e.g. 2026-11), got "2026-1"',
      ]);
    }
  });
});

describe('project properties', () => {
  const s = scenarioFrom(readFileSync(path.resolve(__dirname, '../../scenarios/mistral-small-4-h100.yaml'), 'utf8'));
  const CHIPS = ['h100-sxm', 'h200', 'b200', 'mi300x', 'a100-80gb-sxm', 'l40s', 'gb200', 'tpu-v6e'];
  const entry = fc.record({
    preset: fc.constantFrom(...CHIPS),
    price: fc.double({ min: 0.5, max: 20, noNaN: true }),
    from: fc.integer({ min: 0, max: 24 }),
  });
  const toRoadmap = (entries: { preset: string; price: number; from: number }[], compression: number[] = []): Roadmap =>
    roadmap(
      JSON.stringify({
        name: 'random',
        accelerators: entries.map((e) => ({
          from: monthLabel(monthIndex('2026-01') + e.from),
          source: 'property test',
          hardware: { preset: e.preset, price_usd_per_hour: e.price },
        })),
        software: compression.map((c, i) => ({
          from: monthLabel(monthIndex('2026-01') + 3 * (i + 1)),
          name: `step ${i}`,
          compression: c,
          source: 'property test',
        })),
      }),
    );
  const nonIncreasing = (costs: (number | null)[]) => {
    for (let i = 1; i < costs.length; i++)
      if (costs[i - 1] !== null) expect(costs[i]!).toBeLessThanOrEqual(costs[i - 1]! * (1 + 1e-12));
  };

  it('with fixed prices and hardware only ever added, cost per query never rises', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), fc.boolean(), (entries, withScenario) => {
        const p = project(s, toRoadmap(entries), {
          start: '2026-01',
          months: 30,
          includeScenarioHardware: withScenario,
        });
        nonIncreasing(p.months.map((m) => m.costPerQueryUsd));
      }),
      { numRuns: 25 },
    );
  });

  it('nor when compression only rises', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { maxLength: 4 }),
        (entries, steps) => {
          const p = project(s, toRoadmap(entries, steps), { start: '2026-01', months: 18 });
          nonIncreasing(p.months.map((m) => m.costPerQueryUsd));
          // The month's choice is the cheapest of the hardware tried.
          for (const m of p.months) {
            const costs = m.candidates.flatMap((c) => (c.costPerQueryUsd === null ? [] : [c.costPerQueryUsd]));
            expect(m.costPerQueryUsd).toBe(Math.min(...costs));
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
