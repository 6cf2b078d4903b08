/** serving.parallelism through the CLI: simulate shows the layout, sweep varies it, calibrate takes it from a row. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterSplitOf } from '../../src/core/architecture.js';
import { runCli, scenarioFrom } from '../helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'infercost-parallel-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const DEEPSEEK = (serving: string) =>
  [
    'name: DeepSeek-R1 on 8 H200',
    'model: { preset: deepseek-r1 }',
    'hardware: { preset: h200 }',
    `serving: ${serving}`,
    'traffic: { requests_per_day: 5000000, input_tokens: 1000, output_tokens: 1000 }',
  ].join('\n');
const result = async (f: string) => JSON.parse((await runCli(['simulate', f, '--format', 'json'])).stdout).results[0];

describe('serving.parallelism in simulate', () => {
  it('DEP8 is priced as set: each data-parallel rank holds its own always-active weights', async () => {
    const dep = await result(file('dep.yaml', DEEPSEEK('{ parallelism: { data: 8 } }')));
    const tp = await result(file('tp.yaml', DEEPSEEK('{ parallelism: { tensor: 8 } }')));
    expect(dep.deployment).toMatchObject({
      parallelism: { tensor: 1, expert: 8, data: 8, pipeline: 1 },
      parallelismLabel: 'DP8 attention + EP8',
      parallelismChosen: false,
      acceleratorsPerReplica: 8,
    });
    expect(tp.deployment.parallelismLabel).toBe('TP8');
    // 7 more copies of the always-active weights at 1 byte (FP8 checkpoint).
    const always = parameterSplitOf(scenarioFrom(DEEPSEEK('{}')).model).alwaysActive;
    expect(dep.deployment.weightsBytes - tp.deployment.weightsBytes).toBeCloseTo(7 * always, -3);
    expect(dep.blended.costPerQueryUsd).not.toBe(tp.blended.costPerQueryUsd);
    const table = (await runCli(['simulate', path.join(dir, 'dep.yaml')])).stdout;
    expect(table).toMatch(/ {2}8 × NVIDIA H200 SXM 141GB \(DP8 attention \+ EP8, as set\), fp8 arithmetic/);
  });

  it('without serving.parallelism the replica is tensor-parallel, and the choice is shown', async () => {
    const r = await result(file('open.yaml', DEEPSEEK('{}')));
    expect(r.deployment.parallelismChosen).toBe(true);
    expect(r.deployment.parallelismLabel).toBe(`TP${r.deployment.acceleratorsPerReplica}`);
    for (const c of r.deployment.candidates) expect(c.parallelismLabel).toBe(`TP${c.acceleratorsPerReplica}`);
  });

  it('a replica over two nodes says which collectives cross the scale-out network', async () => {
    const f = file(
      'pp.yaml',
      [
        'name: Llama 405B, TP8 x PP2',
        'model: { preset: llama-3.1-405b }',
        'hardware: { preset: h100-sxm }',
        'serving: { parallelism: { tensor: 8, pipeline: 2 } }',
        'traffic: { requests_per_day: 1000000, input_tokens: 1000, output_tokens: 300 }',
      ].join('\n'),
    );
    const r = await runCli(['simulate', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /the replica of 16 accelerators \(TP8 × PP2\) spans 2 scale-up domains of 8: its pipeline hops cross the scale-out network/,
    );
    expect(r.stderr).not.toMatch(/all-reduces cross/);
  });

  it('sweep --vary serving.parallelism.expert prices each layout', async () => {
    const f = file('sweep.yaml', DEEPSEEK('{ parallelism: { data: 8 } }'));
    const r = await runCli(['sweep', f, '--vary', 'serving.parallelism.expert=1,8', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cost_per_query_usd).not.toBe(rows[1]!.cost_per_query_usd);
  });
});

describe('a measurement row states its parallelism', () => {
  const ROW = (parallelism: string) =>
    [
      'measurements:',
      '- id: dsr1-h200-dep8',
      '  model: deepseek-r1',
      '  accelerator: h200',
      '  accelerators_count: 8',
      '  precision: fp8',
      '  scenario: fixed-batch-decode',
      '  batch: 64',
      '  input_tokens: 2000',
      '  tpot_ms: 40',
      `  parallelism: ${parallelism}`,
    ].join('\n');
  const json = async (text: string, name: string) =>
    JSON.parse((await runCli(['calibrate', file(name, text), '--format', 'json'])).stdout);

  it('is predicted with that layout (the row has no "DEP" in its id or notes)', async () => {
    const dep = await json(ROW('{ data: 8 }'), 'dep.yaml');
    const tp = await json(ROW('{ tensor: 8 }'), 'tp.yaml');
    expect(dep.rows[0].predicted_tokens_per_s).not.toBe(tp.rows[0].predicted_tokens_per_s);
    expect(dep.rows[0].accelerators_per_replica).toBe(8);
  });

  it('a layout the model cannot take is not evaluable, with the reason', async () => {
    const r = await runCli(['calibrate', file('bad.yaml', ROW('{ data: 8, expert: 3 }'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /dsr1-h200-dep8: parallelism\.expert: expert 3 does not divide the 8 accelerators of a stage \(tensor 1 × data 8\): use 1, 2, 4, 8/,
    );
  });
});

describe('serving.disaggregation: prefill and decode pools', () => {
  const DISAGG = (disaggregation: string) =>
    [
      'name: DeepSeek-R1, prefill and decode apart',
      'model: { preset: deepseek-r1 }',
      'hardware: { preset: h200 }',
      'serving:',
      '  max_time_per_output_token_ms: 50',
      `  disaggregation: ${disaggregation}`,
      'traffic: { requests_per_day: 5000000, input_tokens: 4000, output_tokens: 1000 }',
    ].join('\n');

  it('the cost per query is each pool’s replica time at its own price, and TTFT includes the KV transfer', async () => {
    const f = file(
      'pd.yaml',
      DISAGG(
        '{ prefill: { hardware: { preset: b200, price_usd_per_hour: 6 }, parallelism: { tensor: 8 } }, decode: { parallelism: { data: 8 } } }',
      ),
    );
    const r = await result(f);
    const g = r.disaggregation;
    expect(g.prefill).toMatchObject({
      hardwareName: 'NVIDIA B200 (HGX B200, 1000 W)',
      priceUsdPerHour: 6,
      parallelismLabel: 'TP8',
    });
    expect(g.decode).toMatchObject({ priceUsdPerHour: 3.5, parallelismLabel: 'DP8 attention + EP8' });
    // Utilisation 0.7 (the default): replica-seconds × accelerators × $/h / 3600 / 0.7, per pool.
    const cost = (g.prefill.replicaSecondsPerQuery * 8 * 6 + g.decode.replicaSecondsPerQuery * 8 * 3.5) / 3600 / 0.7;
    expect(r.blended.costPerQueryUsd).toBeCloseTo(cost, 15);
    // Different hardware: the KV cache crosses the scale-out network, 8 NICs × 50 GB/s × 0.8.
    expect(g.kvTransfer).toMatchObject({ link: 'scale-out', gbPerS: 320 });
    expect(g.kvTransfer.bytesPerQuery).toBe(4000 * r.deployment.kvCacheBytesPerToken);
    expect(r.blended.timeToFirstTokenS).toBeGreaterThan(g.kvTransfer.seconds);
    // The fleet is both pools; the ratio is theirs.
    expect(r.fleet.accelerators).toBe(g.prefill.accelerators + g.decode.accelerators);
    expect(r.fleet.provisionedMonthlyCostUsd).toBeCloseTo(
      g.prefill.provisionedMonthlyCostUsd + g.decode.provisionedMonthlyCostUsd,
      6,
    );
    expect(g.prefillPerDecodeAccelerator).toBeCloseTo(g.prefill.accelerators / g.decode.accelerators, 12);
    const table = (await runCli(['simulate', f])).stdout;
    expect(table).toMatch(
      / {2}prefill pool: \d+ × \(8 × NVIDIA B200 \(HGX B200, 1000 W\), TP8\) at \$6\.00\/h: bound by /,
    );
    expect(table).toMatch(/ {2}KV cache [\d.]+ GB per query over the scale-out network at 320 GB\/s/);
  });

  it('percentiles under load: each pool simulated, the prefill pool grown for TTFT, the decode pool for TPOT', async () => {
    const pools = '{ prefill: { parallelism: { tensor: 8 } }, decode: { parallelism: { data: 8 } } }';
    const plain = await result(file('pd-plain.yaml', DISAGG(pools)));
    const withSlo = (slo: string) => DISAGG(pools).replace('serving:\n', `serving:\n  slo: ${slo}\n`);
    const loose = await result(
      file('pd-loose.yaml', withSlo('{ ttft_ms: { p99: 100000 }, tpot_ms: { p99: 100000 } }')),
    );
    const l = loose.latency;
    // Loose limits: the pools as the peak sized them, and TTFT at least one prompt alone plus its transfer.
    expect(l.prefillPool.replicas).toBe(plain.disaggregation.prefill.replicas);
    expect(l.replicas).toBe(plain.disaggregation.decode.replicas);
    expect(l.timeToFirstTokenS.p50).toBeGreaterThanOrEqual(plain.blended.timeToFirstTokenS * (1 - 1e-9));
    expect(l.prefillPool.kvTransferS).toBe(plain.disaggregation.kvTransfer.seconds);
    // TTFT p99 at twice one prompt's prefill: only the prefill pool grows; the fleet counts it.
    const ttftLimit = Math.ceil(plain.blended.timeToFirstTokenS * 1000 * 2);
    const tight = await result(file('pd-ttft.yaml', withSlo(`{ ttft_ms: { p99: ${ttftLimit} } }`)));
    expect(tight.latency.prefillPool.replicasAddedForSlo).toBeGreaterThan(0);
    expect(tight.latency.replicasAddedForSlo).toBe(0);
    expect(tight.latency.timeToFirstTokenS.p99 * 1000).toBeLessThanOrEqual(ttftLimit);
    expect(tight.disaggregation.prefill.replicas).toBe(tight.latency.prefillPool.replicas);
    expect(tight.fleet.accelerators).toBe(
      tight.disaggregation.prefill.accelerators + tight.disaggregation.decode.accelerators,
    );
    expect(tight.fleet.accelerators).toBeGreaterThan(plain.fleet.accelerators);
    // The same scenario, the same percentiles.
    const again = await result(file('pd-ttft-again.yaml', withSlo(`{ ttft_ms: { p99: ${ttftLimit} } }`)));
    expect(again.latency).toEqual(tight.latency);
  });

  it('a prefill pool over two nodes says so, as a co-located replica does', async () => {
    const f = file(
      'pd-wide.yaml',
      DISAGG('{ prefill: { parallelism: { tensor: 16 } }, decode: { parallelism: { data: 8 } } }'),
    );
    const r = await runCli(['simulate', f]);
    expect(r.stderr).toContain(
      'the prefill pool’s replica of 16 accelerators (TP16) spans 2 scale-up domains of 8: its tensor-parallel all-reduces cross the scale-out network (50 GB/s per accelerator), priced in the prefill passes',
    );
  });

  it('explain: disaggregation is a step of the waterfall against the same hardware co-located', async () => {
    const f = file('pd-explain.yaml', DISAGG('{ decode: { parallelism: { data: 8 } } }'));
    const e = JSON.parse((await runCli(['explain', f, '--format', 'json'])).stdout).results[0];
    const step = e.steps.find((s: { factor: string }) => s.factor === 'disaggregation');
    expect(step.facts.kind).toBe('disaggregation');
    expect(step.facts.pools.decode.layout).toBe('DP8 attention + EP8');
    const r = await result(f);
    expect(e.finalCostPerQueryUsd).toBeCloseTo(r.blended.costPerQueryUsd, 15);
    // The step before it is the same scenario served co-located.
    const colocated = await result(file('co.yaml', DISAGG('{}').replace(/ {2}disaggregation: \{\}\n/, '')));
    const before = e.steps[e.steps.indexOf(step) - 1];
    expect(before.costPerQueryUsd).toBeCloseTo(colocated.blended.costPerQueryUsd, 15);
  });

  it('fleet: a disaggregated deployment is both pools, and its workload costs what simulate says', async () => {
    const f = file(
      'fleet.yaml',
      [
        'name: fleet',
        'fleet:',
        '  workloads:',
        '    - name: chat',
        '      traffic: { requests_per_day: 5000000, input_tokens: 4000, output_tokens: 1000 }',
        '  options:',
        '    - name: split',
        '      deployments:',
        '        - name: r1',
        '          serves: [chat]',
        '          model: { preset: deepseek-r1 }',
        '          hardware: { preset: h200 }',
        '          serving: { max_time_per_output_token_ms: 50, disaggregation: { decode: { parallelism: { data: 8 } } } }',
      ].join('\n'),
    );
    const r = await runCli(['fleet', f, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout).options[0].deployments[0];
    const g = d.simulation.disaggregation;
    expect(d.accelerators).toBe(g.prefill.accelerators + g.decode.accelerators);
    expect(d.monthlyCostUsd).toBeCloseTo(g.prefill.provisionedMonthlyCostUsd + g.decode.provisionedMonthlyCostUsd, 6);
    // One workload: its cost at the target is the deployment's blended cost.
    const w = JSON.parse(r.stdout).options[0].workloads[0];
    expect(w.costPerQueryAtTargetUsd).toBeCloseTo(d.simulation.blended.costPerQueryUsd, 15);
    // Its accelerators split into load, peak, headroom and rounding over both pools.
    const b = d.breakdown;
    expect(b.averageLoad + b.peak + b.headroom + b.roundingUp + b.minimumReplicas).toBeCloseTo(d.accelerators, 9);
  });
});

describe('serving.speculative', () => {
  it('MTP at a small batch: fewer steps per answer, shown beside the decode step', async () => {
    const base = [
      'name: DeepSeek-R1 TP8, 8 in flight',
      'model: { preset: deepseek-r1 }',
      'hardware: { preset: h200 }',
      'traffic: { requests_per_day: 1000000, input_tokens: 1000, output_tokens: 1000 }',
    ];
    const off = await result(file('spec-off.yaml', [...base, 'serving: { max_concurrency: 8 }'].join('\n')));
    const on = await result(
      file(
        'spec-on.yaml',
        [...base, 'serving: { max_concurrency: 8, speculative: { method: mtp, draft_tokens: 1 } }'].join('\n'),
      ),
    );
    // MTP's cited acceptance 0.85 with one draft: (1 − 0.85²) / 0.15 = 1.85 tokens a step.
    expect(on.deployment.speculative).toMatchObject({ method: 'mtp', draftTokens: 1 });
    expect(on.deployment.speculative.acceptedTokensPerStep).toBeCloseTo(1.85, 12);
    expect(on.blended.costPerQueryUsd).toBeLessThan(off.blended.costPerQueryUsd);
    expect(on.blended.timePerOutputTokenS).toBeLessThan(off.blended.timePerOutputTokenS);
    // explain: speculative decoding is a step, against the same scenario without it.
    const e = JSON.parse((await runCli(['explain', path.join(dir, 'spec-on.yaml'), '--format', 'json'])).stdout)
      .results[0];
    const step = e.steps.find((x: { factor: string }) => x.factor === 'speculative');
    expect(step.facts.simulated.acceptedTokensPerStep).toBeCloseTo(1.85, 12);
    expect(step.headlineRatio).toBeCloseTo(1 / 1.85, 12);
    expect(step.stepRatio).toBeCloseTo(on.blended.costPerQueryUsd / off.blended.costPerQueryUsd, 9);
    const table = (await runCli(['simulate', path.join(dir, 'spec-on.yaml')])).stdout;
    expect(table).toMatch(
      / {4}speculative decoding \(mtp, 1 draft tokens\): verify [\d.]+ ms \+ drafting [\d.]+ ms per step, 1\.85 tokens per sequence per step/,
    );
  });
});
