import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenarioFrom } from '../helpers.js';
import { TOY_HAND_SCENARIO } from '../toy.js';

/** The hand-checked toy (test/unit/simulate.test.ts: one replica serves 1 / 0.120226 = 8.3177 requests/s). */
const toy = (profile: readonly number[], autoscaling: string, requestsPerDay = 864_000) =>
  TOY_HAND_SCENARIO.replace('requests_per_day: 86400', `requests_per_day: ${requestsPerDay}`)
    .replace('  utilization: 1\n', `  utilization: 1\n  autoscaling: ${autoscaling}\n`)
    .concat(`  daily_profile: [${profile.join(', ')}]\n`);
const NIGHT_OFF = [...Array<number>(12).fill(0), ...Array<number>(12).fill(1 / 12)];

describe('autoscaling to a daily profile, worked by hand on the toy', () => {
  const r = simulate(scenarioFrom(toy(NIGHT_OFF, '{ min_replicas: 0, scale_up_delay_s: 30 }')));
  const a = r.autoscaled;

  it('holds the replicas each hour needs', () => {
    // Daytime: 864,000 / 12 / 3600 = 20 requests/s; ceil(20 / 8.3177) = 3 replicas. Night: none (min 0).
    expect(a?.hourlyReplicas).toEqual([...Array<number>(12).fill(0), ...Array<number>(12).fill(3)]);
    // The busiest hour sets the static fleet: 24 × 1/12 = 2× the average of 10/s, 20/s: 3 replicas.
    expect(r.fleet.peakRequestsPerS).toBeCloseTo(20, 12);
    expect(r.fleet.replicas).toBe(3);
  });

  it('pays the replica-hours held, with the scale-down tail', () => {
    // 12 h × 3 + the 3 replicas hour 0 drops, held 300 s (the Kubernetes default) = 0.25: 36.25 replica-hours.
    expect(a?.replicaHoursPerDay).toBeCloseTo(36.25, 12);
    // × 30.4375 days × 1 accelerator × $3.6 = $3,972.09; the static 3 replicas: 3 × 3.6 × 24 × 30.4375 = $7,889.4.
    expect(a?.monthlyCostUsd).toBeCloseTo(36.25 * 30.4375 * 3.6, 9);
    expect(a?.savingUsdPerMonth).toBeCloseTo(3 * 3.6 * 24 * 30.4375 - 36.25 * 30.4375 * 3.6, 9);
  });

  it('scales to zero and pays a cold start each morning', () => {
    // Weights 20 GB at the default 2 GB/s = 10 s, plus the 30 s start-up delay.
    expect(a?.coldStartsPerDay).toBe(1);
    expect(a?.coldStartS).toBeCloseTo(40, 12);
  });

  it('puts the requests that wait for the cold start into the day-wide TTFT percentiles', () => {
    // Hour 12 at 20 requests/s: 20 × 40 s = 800 of the day's 864,000 wait = 0.0925926%: beyond
    // p99 (the slowest 1%), so no floor on it; p99.9 would be 40 × (1 − 0.001 / 0.000925926) < 0 too.
    expect(a?.coldStartRequestShare).toBeCloseTo(800 / 864_000, 15);
    expect(a?.coldStartTtftFloorS.p99).toBe(0);
    // One busy hour a day: its 864,000 / 3600 = 240 requests/s × 40 s = 9,600 of 864,000 = 1.111% wait,
    // each 0-40 s evenly: p99 is where 1.111% × (1 − x / 40) = 1%, x = 40 × (1 − 0.9) = 4 s.
    const oneHour = [1, ...Array<number>(23).fill(0)];
    const b = simulate(scenarioFrom(toy(oneHour, '{ min_replicas: 0, scale_up_delay_s: 30 }'))).autoscaled;
    expect(b?.coldStartRequestShare).toBeCloseTo(9600 / 864_000, 15);
    expect(b?.coldStartTtftFloorS.p99).toBeCloseTo(4, 9);
    expect(b?.coldStartTtftFloorS.p90).toBe(0);
  });

  it('warns when the cold starts alone break a TTFT percentile limit the scenario sets', () => {
    const oneHour = [1, ...Array<number>(23).fill(0)];
    const text = toy(oneHour, '{ min_replicas: 0, scale_up_delay_s: 30 }').concat(
      'budget:\n  max_ttft_ms: { p99: 3000 }\n',
    );
    const warnings = simulate(scenarioFrom(text)).warnings;
    expect(warnings.filter((w) => w.includes('from the cold starts alone'))).toEqual([
      expect.stringContaining(
        'TTFT p99 is at least 4 s from the cold starts alone, against budget.max_ttft_ms.p99 = 3000 ms',
      ),
    ]);
  });

  it('caps at max_replicas and says which hours are short', () => {
    const capped = simulate(scenarioFrom(toy(NIGHT_OFF, '{ min_replicas: 1, max_replicas: 2 }'))).autoscaled;
    expect(capped?.hourlyReplicas).toEqual([...Array<number>(12).fill(1), ...Array<number>(12).fill(2)]);
    expect(capped?.hoursOverMax).toBe(12);
  });
});

describe('autoscaling: rules and properties', () => {
  const bad = (text: string) => () => loadScenario(text, 'day.yaml');
  it('a profile of 23 hours, or one not summing to 1, is a located error', () => {
    expect(bad(toy(Array<number>(23).fill(1 / 23), '{}'))).toThrow(
      /daily_profile: expected 24 hourly shares \(hours 0-23\), got 23/,
    );
    expect(bad(toy(Array<number>(24).fill(0.05), '{}'))).toThrow(
      /daily_profile: expected the hourly shares to sum to 1, got 1\.2/,
    );
    expect(bad(toy(NIGHT_OFF, '{ min_replicas: 3, max_replicas: 2 }'))).toThrow(
      /max_replicas: expected at least min_replicas \(3\)/,
    );
  });

  it('autoscaling without a daily profile is a located error', () => {
    const s = scenarioFrom(TOY_HAND_SCENARIO.replace('  utilization: 1\n', '  utilization: 1\n  autoscaling: {}\n'));
    expect(() => simulate(s)).toThrow(/serving\.autoscaling needs traffic\.daily_profile/);
  });

  it('never costs more than the static fleet for the peak (min_replicas at most its size)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 100 }), { minLength: 24, maxLength: 24 })
          .filter((xs) => xs.some((x) => x > 0)),
        fc.integer({ min: 1_000, max: 5_000_000 }),
        fc.integer({ min: 0, max: 3600 }),
        (weights, requestsPerDay, downS) => {
          const total = weights.reduce((a, b) => a + b, 0);
          // Shares that sum to 1 within the schema's tolerance (float rounding aside).
          const profile = weights.map((w) => w / total);
          const r = simulate(
            scenarioFrom(toy(profile, `{ min_replicas: 0, scale_down_after_s: ${downS} }`, requestsPerDay)),
          );
          expect(r.autoscaled?.monthlyCostUsd).toBeLessThanOrEqual(r.fleet.provisionedMonthlyCostUsd * (1 + 1e-12));
          expect(Math.max(...(r.autoscaled?.hourlyReplicas ?? []))).toBe(r.fleet.replicas);
        },
      ),
      { numRuns: 100 },
    );
  });
});
