import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, hardwareOptions, optimize, type Feasible } from '../../src/core/optimize.js';
import { loadScenario } from '../../src/scenario/load.js';

const SCENARIOS = path.resolve(__dirname, '../../scenarios');
const load = (name: string, edit: (s: string) => string = (s) => s) => {
  const file = path.join(SCENARIOS, name);
  return loadScenario(edit(readFileSync(file, 'utf8')), file);
};
const feasibleOf = (r: ReturnType<typeof optimize>) => r.all.filter((e): e is Feasible => e.ok && e.withinBudget);

describe('optimize: the search', () => {
  // Mistral Small 4 (an MoE: tensor-parallel and DP-attention layouts), two accelerators, max batch
  // and disaggregation open: a space small enough to evaluate whole.
  const l = load('mistral-small-4-h100.yaml');
  const hardware = hardwareOptions(['h100-sxm', 'h200']);
  const pruned = optimize(l.scenario, l.origins, { hardware });
  const brute = optimize(l.scenario, l.origins, { hardware, prune: false });

  it('finds the brute-force winner while evaluating a fraction of the space', () => {
    expect(brute.evaluated).toBe(brute.space);
    expect(pruned.space).toBe(brute.space);
    expect(pruned.evaluated + pruned.pruned).toBe(pruned.space);
    expect(pruned.evaluated).toBeLessThan(brute.evaluated * 0.8);
    // The brute force's own minimum, worked out here from every configuration it evaluated.
    const cheapest = Math.min(...feasibleOf(brute).map((f) => f.costPerQueryUsd));
    expect(brute.winner?.costPerQueryUsd).toBe(cheapest);
    expect(pruned.winner?.costPerQueryUsd).toBe(cheapest);
    expect(pruned.winner?.label).toBe(brute.winner?.label);
    expect(pruned.frontier.map((f) => f.label)).toEqual(brute.frontier.map((f) => f.label));
  });

  it('the winner meets the scenario latency target', () => {
    const w = pruned.winner;
    expect(w).not.toBeNull();
    expect((w?.timePerOutputTokenS ?? Infinity) * 1000).toBeLessThanOrEqual(
      l.scenario.serving.max_time_per_output_token_ms ?? Infinity,
    );
  });

  it('each runner-up differs from the winner in its one choice and costs at least as much', () => {
    const w = pruned.winner;
    if (w === null) throw new Error('no winner');
    expect(pruned.runnersUp.length).toBeGreaterThan(0);
    for (const u of pruned.runnersUp) {
      expect(DIMENSIONS).toContain(u.dimension);
      expect(u.candidate.costPerQueryUsd).toBeGreaterThanOrEqual(w.costPerQueryUsd);
      expect(u.overWinner).toBeCloseTo(u.candidate.costPerQueryUsd / w.costPerQueryUsd - 1, 12);
      const a = w.configuration;
      const b = u.candidate.configuration;
      const differs = {
        hardware: a.hardwareId !== b.hardwareId,
        precision: a.precision !== b.precision,
        replica: JSON.stringify(a.replica) !== JSON.stringify(b.replica),
        'max-batch': a.maxBatch !== b.maxBatch,
        disaggregation: a.disaggregated !== b.disaggregated,
        speculative: a.draftTokens !== b.draftTokens,
      };
      expect(
        Object.entries(differs)
          .filter(([, d]) => d)
          .map(([k]) => k),
      ).toEqual([u.dimension]);
      expect(u.why.choice.to).not.toBe(u.why.choice.from);
    }
  });

  it('the frontier: no feasible configuration is cheaper and faster than any point of it', () => {
    const all = feasibleOf(brute);
    for (const p of brute.frontier)
      for (const f of all)
        expect(f.costPerQueryUsd < p.costPerQueryUsd && f.timePerOutputTokenS < p.timePerOutputTokenS).toBe(false);
    // Sorted by TPOT, each point cheaper than the one before.
    for (let i = 1; i < brute.frontier.length; i++) {
      expect(brute.frontier[i]!.timePerOutputTokenS).toBeGreaterThanOrEqual(brute.frontier[i - 1]!.timePerOutputTokenS);
      expect(brute.frontier[i]!.costPerQueryUsd).toBeLessThan(brute.frontier[i - 1]!.costPerQueryUsd);
    }
  });
});

describe('optimize: what the scenario pins stays pinned; budgets bind', () => {
  it('a pinned replica, precision and max batch are not searched', () => {
    const l = load('deepseek-r1-8xh200-tp8.yaml', (s) =>
      s.replace('  parallelism: { tensor: 8 }', '  parallelism: { tensor: 8 }\n  max_batch: 64'),
    );
    const r = optimize(l.scenario, l.origins);
    expect(r.searched.replica).toEqual(['as set']);
    expect(r.searched['max-batch']).toEqual(['64']);
    expect(r.searched.hardware).toEqual(['h200']);
    expect(r.winner?.acceleratorsPerReplica).toBe(8);
    expect(r.winner?.parallelismLabel).toBe('TP8');
  });

  it('a budget rules out the configurations that breach it', () => {
    const free = load('mistral-small-4-h100.yaml');
    const unbounded = optimize(free.scenario, free.origins);
    // A budget on time per output token 1 ms under the unbounded winner's: it must give way to a faster one.
    const limitMs = (unbounded.winner?.timePerOutputTokenS ?? 0) * 1000 - 1;
    const l = load('mistral-small-4-h100.yaml', (s) =>
      s.replace('budget:\n', `budget:\n  max_time_per_output_token_ms: ${limitMs}\n`),
    );
    const r = optimize(l.scenario, l.origins);
    expect(r.winner).not.toBeNull();
    expect((r.winner?.timePerOutputTokenS ?? Infinity) * 1000).toBeLessThanOrEqual(limitMs);
    expect(r.winner?.costPerQueryUsd).toBeGreaterThan(unbounded.winner?.costPerQueryUsd ?? Infinity);
    expect(r.all.some((e) => e.ok && !e.withinBudget)).toBe(true);
  });

  it('percentile SLOs: the winner holds them at the peak, re-priced with the replicas they need', () => {
    const l = load('mistral-small-4-h100.yaml', (s) =>
      s.replace(
        'max_time_per_output_token_ms: 50',
        'max_time_per_output_token_ms: 50\n  slo: { ttft_ms: { p99: 150 }, tpot_ms: { p99: 45 } }',
      ),
    );
    const r = optimize(l.scenario, l.origins);
    const checks = r.winner?.result.latency?.slo ?? [];
    expect(checks.map((c) => c.metric).sort()).toEqual(['tpot_ms', 'ttft_ms']);
    expect(checks.every((c) => c.pass)).toBe(true);
    for (const u of r.runnersUp) expect(u.candidate.result.latency?.slo.every((c) => c.pass)).toBe(true);
  });

  it('nothing meets an impossible target: no winner, and the closest says by how much', () => {
    const l = load('mistral-small-4-h100.yaml', (s) =>
      s.replace(/max_time_per_output_token_ms: \d+/, 'max_time_per_output_token_ms: 1'),
    );
    const r = optimize(l.scenario, l.origins);
    expect(r.winner).toBeNull();
    expect(r.closest?.misses[0]?.target).toBe('serving.max_time_per_output_token_ms');
    expect(r.closest?.misses[0]?.achieved).toBeGreaterThan(1);
  });
});
