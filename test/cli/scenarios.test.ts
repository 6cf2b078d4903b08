/**
 * The scenario library in scenarios/: every file runs cleanly through the CLI,
 * the comparison sets share one workload, and the findings their comments state
 * (what infercost predicts for each article claim) still hold. A finding that
 * stops holding means either the calculator broke or its physics changed: in the
 * second case, update the scenario comments with the new numbers, then the test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { runCli, scenarioFrom } from '../helpers.js';

const SCENARIOS = path.resolve(__dirname, '../../scenarios');
const FILES = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const file = (name: string) => path.join(SCENARIOS, name);

/** The part of `simulate --format json` these tests read. */
interface Figures {
  readonly deployment: {
    readonly acceleratorsPerReplica: number;
    readonly batch: number;
    readonly weightsBytes: number;
    readonly decodeBound: string;
    readonly expertsTouchedPerLayer: number | null;
  };
  readonly blended: {
    readonly outputTokens: number;
    readonly timePerOutputTokenS: number;
    readonly outputTokensPerSPerAccelerator: number;
    readonly costPerQueryUsd: number;
    readonly costPerMillionOutputTokensUsd: number;
  };
}

/** One JSON run per file, shared by every test that reads it. */
const runs = new Map<string, Promise<{ code: number; stderr: string; result: Figures }>>();
function json(name: string) {
  let run = runs.get(name);
  if (run === undefined) {
    run = runCli(['simulate', '--format', 'json', file(name)]).then((r) => {
      const doc = JSON.parse(r.stdout) as { results: Figures[] };
      expect(doc.results).toHaveLength(1);
      return { code: r.code, stderr: r.stderr, result: doc.results[0]! };
    });
    runs.set(name, run);
  }
  return run;
}
const figures = async (name: string) => (await json(name)).result;
const load = (name: string): Scenario => scenarioFrom(readFileSync(file(name), 'utf8'));

/** stderr with the allowed `infercost: warning:` lines removed. */
const nonWarnings = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('infercost: warning:'))
    .join('\n');

const BASELINE = 'mistral-small-4-h100.yaml';

describe('scenario library', () => {
  it('holds the scenarios the articles call for', () => {
    for (const name of [
      BASELINE,
      'mistral-small-4-reasoning-none.yaml',
      'mistral-small-4-reasoning-medium.yaml',
      'mistral-small-4-reasoning-high.yaml',
      'mistral-small-4-4bit-h100.yaml',
      'mistral-small-4-bf16-h100.yaml',
      'mistral-small-3-2-24b-h100.yaml',
      'brevity-qwen3-235b-a22b-h100.yaml',
      'brevity-gpt-oss-120b-h100.yaml',
      'roadmap-nvidia-b200.yaml',
      'roadmap-nvidia-rubin.yaml',
      'roadmap-meta-mtia-300.yaml',
      'roadmap-meta-mtia-500.yaml',
      'roadmap-google-tpu-v6e.yaml',
    ])
      expect(FILES).toContain(name);
  });

  it('gives every scenario a unique name', () => {
    const names = FILES.map((f) => load(f).name);
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(FILES)('%s', (name) => {
    it('simulates with exit 0 and nothing but warnings on stderr', async () => {
      const r = await runCli(['simulate', file(name)]);
      expect(r.code).toBe(0);
      expect(nonWarnings(r.stderr)).toBe('');
      expect(r.stdout).toContain(load(name).name);
    });

    it('explains itself with no NaN or Infinity in any sentence or figure (table and JSON)', async () => {
      // The JSON of explain carries each step's reasons in words; a 0/0 once read "1/NaN per token".
      for (const format of ['table', 'json'])
        expect((await runCli(['explain', file(name), '--format', format])).stdout).not.toMatch(/NaN|Infinity/);
    });

    it('has a positive blended cost per query in --format json', async () => {
      const { code, stderr, result } = await json(name);
      expect(code).toBe(0);
      expect(nonWarnings(stderr)).toBe('');
      expect(result.blended.costPerQueryUsd).toBeGreaterThan(0);
    });
  });
});

describe('comparison sets share one workload', () => {
  const base = load(BASELINE);
  // Everything but the brevity pairs (scaled tokens), the single-level dial files, the
  // self-host-vs-API pair, the DeepSeek-R1 layouts (their own workloads: checked below) and the
  // shared-prompt agent (its own long prompts; explain compares it against itself without the cache) and the
  // business-hours assistant (its own daily curve and percentile targets).
  const sameWorkload = FILES.filter(
    (f) =>
      !f.startsWith('brevity-') &&
      !f.startsWith('mistral-small-4-reasoning-') &&
      !f.startsWith('self-host-vs-api-') &&
      !f.startsWith('deepseek-r1-') &&
      f !== 'llama-3.3-70b-h100-shared-prompt.yaml' &&
      f !== 'llama-3.1-8b-h100-business-hours.yaml',
  );

  it('the DeepSeek-R1 TP8 / DEP8 pair differs only in how the node is split', () => {
    const [tp, dep] = [load('deepseek-r1-8xh200-tp8.yaml'), load('deepseek-r1-8xh200-dep8.yaml')];
    expect(dep.traffic).toEqual(tp.traffic);
    expect(dep.hardware).toEqual(tp.hardware);
    expect({ ...dep.serving, parallelism: undefined }).toEqual({ ...tp.serving, parallelism: undefined });
    expect([tp.serving.parallelism, dep.serving.parallelism]).toEqual([{ tensor: 8 }, { data: 8 }]);
  });

  it('the self-host-vs-API pair shares one workload and one API price, on two accelerators', () => {
    const [h100, h200] = [load('self-host-vs-api-h100-sxm.yaml'), load('self-host-vs-api-h200.yaml')];
    expect(h200.traffic).toEqual(h100.traffic);
    expect(h200.reasoning).toEqual(h100.reasoning);
    expect(h200.serving).toEqual(h100.serving);
    expect(h200.api_pricing).toEqual(h100.api_pricing);
    expect(h200.hardware.name).not.toBe(h100.hardware.name);
  });

  it.each(sameWorkload)('%s: traffic, reasoning mix and latency target as in the baseline', (name) => {
    const s = load(name);
    expect(s.traffic).toEqual(base.traffic);
    expect(s.reasoning).toEqual(base.reasoning);
    expect(s.serving.max_time_per_output_token_ms).toBe(base.serving.max_time_per_output_token_ms);
    expect(s.serving.utilization).toBe(base.serving.utilization);
    expect(s.serving.max_batch).toBe(base.serving.max_batch);
  });

  it.each(['none', 'medium', 'high'] as const)('reasoning-%s: one level of the baseline mix, at share 1', (level) => {
    const s = load(`mistral-small-4-reasoning-${level}.yaml`);
    expect(s.traffic).toEqual(base.traffic);
    expect(s.model).toEqual(base.model);
    expect(s.hardware).toEqual(base.hardware);
    expect(Object.keys(s.reasoning.levels)).toEqual([level]);
    expect(s.reasoning.levels[level]).toEqual({
      share: 1,
      thinking_tokens: base.reasoning.levels[level]!.thinking_tokens,
    });
  });

  // Seeds 000/001: "72% fewer characters than Qwen" (AA-LCR) and "20% fewer tokens than
  // gpt-oss-120B" (LiveCodeBench). The pair files scale answer + thinking tokens by
  // 1 / (1 - 0.72) and 1 / (1 - 0.2); the prompt and traffic stay the baseline's.
  it.each([
    ['brevity-qwen3-235b-a22b-h100.yaml', 1 / (1 - 0.72)],
    ['brevity-gpt-oss-120b-h100.yaml', 1 / (1 - 0.2)],
  ] as const)('%s: output tokens per query are %f x Small 4 on the same requests', async (name, ratio) => {
    const s = load(name);
    expect(s.traffic.requests_per_day).toBe(base.traffic.requests_per_day);
    expect(s.traffic.input_tokens).toBe(base.traffic.input_tokens);
    const [pair, small4] = [await figures(name), await figures(BASELINE)];
    // Within a token of rounding per level: 0.1% of the blended count.
    expect(pair.blended.outputTokens / small4.blended.outputTokens).toBeCloseTo(ratio, 2);
  });
});

describe("what the model predicts for the articles' claims", () => {
  // Seed 004: "~238 GB at FP16 -> 2-3 80 GB GPUs; ~60 GB at 4-bit -> 1 GPU". The weights
  // footprint matches; the replica for BF16 is 4 H100 (not 2-3: 3 x 72 GB usable < 238 GB,
  // and only powers of two are tried), for FP8 2, and for 4-bit 1 -- which fits only
  // because the KV cache is FP8 (see the comment in mistral-small-4-4bit-h100.yaml).
  it('Small 4 on H100: 4-bit fits one GPU, FP8 needs 2, BF16 needs 4; cost follows the weight bytes', async () => {
    const [q4, fp8, bf16] = await Promise.all(
      ['mistral-small-4-4bit-h100.yaml', BASELINE, 'mistral-small-4-bf16-h100.yaml'].map(figures),
    );
    expect(q4!.deployment.weightsBytes / 1e9).toBeCloseTo((119 * 4.25) / 8, 1);
    expect(bf16!.deployment.weightsBytes / 1e9).toBeCloseTo(238, 6);
    expect(q4!.deployment.acceleratorsPerReplica).toBe(1);
    expect(fp8!.deployment.acceleratorsPerReplica).toBe(2);
    expect(bf16!.deployment.acceleratorsPerReplica).toBe(4);
    expect(q4!.blended.costPerQueryUsd).toBeLessThan(fp8!.blended.costPerQueryUsd);
    expect(fp8!.blended.costPerQueryUsd).toBeLessThan(bf16!.blended.costPerQueryUsd);
  });

  // Seeds 000/002/004: the reasoning_effort dial. The same replica serves every level;
  // cost per query rises with the level's output tokens, and the realistic mix lands
  // between medium and none.
  it('reasoning dial: same replica at every level, cost none < mix < medium < high', async () => {
    const [none, mix, medium, high] = await Promise.all(
      ['none', 'h100', 'medium', 'high']
        .map((l) => (l === 'h100' ? BASELINE : `mistral-small-4-reasoning-${l}.yaml`))
        .map(figures),
    );
    for (const r of [none, mix, medium, high]) expect(r!.deployment.acceleratorsPerReplica).toBe(2);
    expect(none!.blended.costPerQueryUsd).toBeLessThan(mix!.blended.costPerQueryUsd);
    expect(mix!.blended.costPerQueryUsd).toBeLessThan(medium!.blended.costPerQueryUsd);
    expect(medium!.blended.costPerQueryUsd).toBeLessThan(high!.blended.costPerQueryUsd);
    // Roughly one for one with output tokens (16x): decode dominates the cost of a query.
    const costRatio = high!.blended.costPerQueryUsd / none!.blended.costPerQueryUsd;
    const tokenRatio = high!.blended.outputTokens / none!.blended.outputTokens;
    expect(costRatio / tokenRatio).toBeGreaterThan(0.8);
    expect(costRatio / tokenRatio).toBeLessThan(1.2);
  });

  // Seeds 000/003: Small 4 has "40% lower latency, 3x throughput" vs Small 3. The model
  // reproduces part of the latency gain at low load (a lone sequence reads ~6B active
  // parameters, not 24B, but pays fixed MoE costs) and not the 3x throughput on this
  // short-prompt workload: at batch 256 Small 4 reads every expert each step (119 GB vs 24 GB).
  it('Small 4 vs Small 3.2: faster per token alone, no 3x throughput at batch 256', async () => {
    const [s4, s32] = [await figures(BASELINE), await figures('mistral-small-3-2-24b-h100.yaml')];
    expect(s4.deployment.batch).toBe(256);
    expect(s4.deployment.expertsTouchedPerLayer).toBeGreaterThan(127);
    expect(s4.deployment.decodeBound).toBe('weights'); // reading the experts' weights: memory bandwidth
    expect(s4.blended.outputTokensPerSPerAccelerator).toBeLessThan(3 * s32.blended.outputTokensPerSPerAccelerator);

    // Batch 1 on the same 2 H100s: the "40% lower latency" shows up (and more).
    const alone = (name: string) => {
      const s = load(name);
      return simulate({ ...s, serving: { ...s.serving, max_batch: 1, accelerators_per_replica: 2 } });
    };
    const [s4Alone, s32Alone] = [alone(BASELINE), alone('mistral-small-3-2-24b-h100.yaml')];
    // Serving model v2: 25% lower, not the 40% claimed: a lone sequence's 5.9 ms step on Small 4 carries
    // ~2.8 ms of fixed MoE costs (routing and 4 expert GEMMs in each of 36 layers) that the dense 24B
    // does not pay, against its 4x fewer bytes read (0.2.0, without fixed costs, gave over 40%).
    expect(s4Alone.blended.timePerOutputTokenS).toBeLessThan(0.8 * s32Alone.blended.timePerOutputTokenS);
  });

  // Seeds 000/001: brevity pairs. Qwen3-235B-A22B costs more per token than Small 4
  // (twice the weights, a larger KV cache), so its cost gap exceeds the 3.57x token gap.
  // gpt-oss-120b ships 4-bit weights, so per output token it is cheaper than FP8 Small 4;
  // only at equal weight precision (Small 4 in 4-bit, ~63 GB vs ~62 GB) do Small 4's 20%
  // fewer tokens make it the cheaper one per query.
  it('brevity pairs: Qwen gap > token gap; gpt-oss 4-bit cheaper per token than FP8 Small 4', async () => {
    const [s4, s4q4, qwen, oss] = await Promise.all(
      [
        BASELINE,
        'mistral-small-4-4bit-h100.yaml',
        'brevity-qwen3-235b-a22b-h100.yaml',
        'brevity-gpt-oss-120b-h100.yaml',
      ].map(figures),
    );
    expect(qwen!.blended.costPerQueryUsd / s4!.blended.costPerQueryUsd).toBeGreaterThan(1 / (1 - 0.72));
    expect(oss!.blended.costPerMillionOutputTokensUsd).toBeLessThan(s4!.blended.costPerMillionOutputTokensUsd);
    expect(s4q4!.blended.costPerQueryUsd).toBeLessThan(oss!.blended.costPerQueryUsd);
  });

  // Seed 003: Vera Rubin "10x lower inference token cost vs Blackwell". Per GPU, decode of
  // a 119B MoE is bandwidth-bound (on Rubin, bound by fixed costs), so Rubin can gain at most
  // its bandwidth ratio over B200 (22 / 7.7 = 2.9x) at a price no lower than B200's: each
  // step of the roadmap is cheaper, but nowhere near 10x.
  it('NVIDIA roadmap: H100 > B200 > Rubin per query, Rubin under 3x cheaper than B200', async () => {
    const [h100, b200, rubin] = await Promise.all(
      [BASELINE, 'roadmap-nvidia-b200.yaml', 'roadmap-nvidia-rubin.yaml'].map(figures),
    );
    for (const r of [h100, b200]) expect(r!.deployment.decodeBound).toBe('weights'); // bandwidth-bound
    // On Rubin the weights stream in 6.5 ms and the fixed per-layer and per-expert costs (7 ms, the same on
    // every chip) bound the step: faster memory buys less than its ratio.
    expect(rubin!.deployment.decodeBound).toBe('fixed');
    expect(b200!.blended.costPerQueryUsd).toBeLessThan(h100!.blended.costPerQueryUsd);
    expect(rubin!.blended.costPerQueryUsd).toBeLessThan(b200!.blended.costPerQueryUsd);
    expect(b200!.blended.costPerQueryUsd / rubin!.blended.costPerQueryUsd).toBeLessThan(3);
  });

  // Seeds 000/001: MTIA 500 has 4.5x the bandwidth of MTIA 300 and "25x compute"; at
  // power-scaled prices the model gives a gain bounded by bandwidth per dollar, not 25x.
  it('Meta roadmap: MTIA 500 cheaper than MTIA 300 by less than its 4.5x bandwidth', async () => {
    const [m300, m500] = await Promise.all(['roadmap-meta-mtia-300.yaml', 'roadmap-meta-mtia-500.yaml'].map(figures));
    const gain = m300!.blended.costPerQueryUsd / m500!.blended.costPerQueryUsd;
    expect(gain).toBeGreaterThan(1);
    expect(gain).toBeLessThan(4.5);
  });

  // TPU v6e has 32 GB per chip: 119 GB of FP8 weights need 8 chips (4 hold 115 GB usable).
  it('TPU v6e: memory per chip forces 8 chips per replica', async () => {
    expect((await figures('roadmap-google-tpu-v6e.yaml')).deployment.acceleratorsPerReplica).toBe(8);
  });
});
