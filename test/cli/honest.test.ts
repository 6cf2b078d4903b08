/**
 * Honest answers (issue 16): self-hosting against an API like with like, the
 * break-even traffic checked by brute force (not against the tool's own
 * formula), replica and arithmetic choices the user can see, and the prompt's
 * share of each query's cost.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOY_DEPLOYMENT } from '../toy.js';
import { runCli } from '../helpers.js';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'infercost-honest-'));

/**
 * The hand-checked toy (test/unit/simulate.test.ts): one accelerator at $3.6/h, one query takes
 * 0.120226 replica-seconds (8.31767 queries/s per replica). The API at $0.3 / $2 per 1M tokens
 * charges (1000 × 0.3 + 100 × 2) / 1e6 = $0.0005 per query.
 */
const toyWithApi = (peak: number, utilization: number, requestsPerDay: number, minReplicas?: number) =>
  `name: toy vs api
${TOY_DEPLOYMENT.replace('utilization: 1', `utilization: ${utilization}${minReplicas === undefined ? '' : `\n  min_replicas: ${minReplicas}`}`)}reasoning:
  levels: { none: { share: 1, thinking_tokens: 0 } }
traffic:
  requests_per_day: ${requestsPerDay}
  peak_to_average: ${peak}
  input_tokens: 1000
  output_tokens: 100
api_pricing: { name: toy API, input_usd_per_million_tokens: 0.3, output_usd_per_million_tokens: 2 }
`;

/** Independent arithmetic: the provisioned cost per query at R requests a day, by whole replicas. */
function provisionedPerQuery(requestsPerDay: number, peak: number, utilization: number, minReplicas = 1): number {
  const QPS = 1 / 0.120226;
  const replicas = Math.max(minReplicas, Math.ceil(((requestsPerDay / 86_400) * peak) / (QPS * utilization)));
  return (replicas * 3.6 * 24) / requestsPerDay; // one accelerator, $3.6/h, a day of it per day of requests
}

/** The first R (step 1 request/day from `from`) where provisioned ≤ API; and the last R where it is not, below `to`. */
function scan(peak: number, utilization: number, minReplicas: number, from: number, to: number) {
  let first: number | undefined;
  let lastLoss: number | undefined;
  for (let r = from; r <= to; r++) {
    const wins = provisionedPerQuery(r, peak, utilization, minReplicas) <= 0.0005;
    if (wins && first === undefined) first = r;
    if (!wins) lastLoss = r;
  }
  return { first, lastLoss };
}

async function simulateJson(doc: string) {
  const dir = fresh();
  writeFileSync(path.join(dir, 's.yaml'), doc);
  const r = await runCli(['simulate', 's.yaml', '--format', 'json'], { cwd: dir });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).results[0];
}

describe('self-hosting or an API', () => {
  it('compares the API with the provisioned fleet and with the at-target cost; the provisioned one decides', async () => {
    const r = await simulateJson(toyWithApi(1, 1, 50_000));
    expect(r.api.blendedCostPerQueryUsd).toBeCloseTo(0.0005, 15);
    // 50,000 requests/day need one replica: $86.40 a day over 50,000 queries = $0.001728 a query.
    expect(r.fleet.provisionedCostPerQueryUsd).toBeCloseTo(86.4 / 50_000, 12);
    expect(r.api.selfHostedOverApi).toBeCloseTo(86.4 / 50_000 / 0.0005, 9);
    expect(r.api.selfHostedAtTargetOverApi).toBeCloseTo(0.000120226 / 0.0005, 9);
  });

  it.each([
    [1, 1, 1],
    [1.5, 0.7, 1],
    [2, 0.5, 2],
  ])('break-even at peak %d, utilisation %d, min_replicas %d: matches a brute-force scan', async (peak, util, min) => {
    const r = await simulateJson(toyWithApi(peak, util, 100_000, min));
    const b = r.api.breakEven;
    expect(b.wins).toBe(true);
    const first = Math.ceil(b.firstWinRequestsPerDay);
    const always = Math.ceil(b.alwaysWinsFromRequestsPerDay);
    const s = scan(peak, util, min, 1_000, always + 200_000);
    expect(s.first).toBe(first);
    // From `always` on the fleet never loses again (the scan's last loss is below it).
    expect(s.lastLoss ?? 0).toBeLessThan(always);
  });

  it('never, at a peak the whole-replica floor cannot beat; the table says what would change it', async () => {
    // Floor: peak 5 × $0.000120226 = $0.000601 a query at any traffic, over the API's $0.0005.
    const doc = toyWithApi(5, 1, 1_000_000);
    const r = await simulateJson(doc);
    expect(r.api.breakEven).toEqual({ wins: false, floorCostPerQueryUsd: expect.closeTo(5 * 0.000120226, 12) });
    expect(provisionedPerQuery(1e9, 5, 1)).toBeGreaterThan(0.0005); // brute force at a billion a day
    const dir = fresh();
    writeFileSync(path.join(dir, 's.yaml'), doc);
    const t = await runCli(['simulate', 's.yaml'], { cwd: dir });
    expect(t.stdout).toMatch(/break-even: never at this peak and utilisation/);
    expect(t.stdout).toMatch(/a peak_to_average below 4\.16/); // 0.0005 / 0.000120226
    expect(t.stdout).toMatch(/as provisioned for the peak: .* — the decision figure/);
  });

  it('the library scenario answers the seeds question for two accelerators', async () => {
    for (const [file, wins] of [
      ['scenarios/self-host-vs-api-h100-sxm.yaml', false],
      ['scenarios/self-host-vs-api-h200.yaml', true],
    ] as const) {
      const r = await runCli(['simulate', file, '--format', 'json']);
      expect(JSON.parse(r.stdout).results[0].api.breakEven.wins).toBe(wins);
    }
  });

  it('min_replicas in a scenario floors the fleet', async () => {
    const r = await simulateJson(toyWithApi(1, 1, 10, 3));
    expect(r.fleet.replicas).toBe(3);
  });
});

describe('choices the user can see', () => {
  it('4-bit weights on Hopper compute in bf16 (W4A16), natively in fp4 on Blackwell, and say why', async () => {
    const doc = (hw: string, precision: string) =>
      `name: q\nmodel: { preset: mistral-small-4, weight_precision: ${precision} }\nhardware: { preset: ${hw} }\ntraffic: { requests_per_day: 1000, input_tokens: 1000, output_tokens: 400 }\n`;
    const h100 = await simulateJson(doc('h100-sxm', 'int4'));
    expect(h100.deployment.computePrecision).toBe('bf16');
    expect(h100.deployment.computePrecisionWhy).toMatch(/W4A16/);
    const b200 = await simulateJson(doc('b200', 'fp4'));
    expect(b200.deployment.computePrecision).toBe('fp4');
    const fp8 = await simulateJson(doc('h100-sxm', 'fp8'));
    expect(fp8.deployment.computePrecision).toBe('fp8');
  });

  it('a replica size cheaper to provision for this traffic is named', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 's.yaml'),
      'name: l\nmodel: { preset: llama-3.1-70b, weight_precision: fp8, kv_cache_precision: fp8 }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 100, input_tokens: 100, output_tokens: 50 }\n',
    );
    const r = await runCli(['simulate', 's.yaml'], { cwd: dir });
    expect(r.stdout).toMatch(/ {2}2 × NVIDIA H100/);
    expect(r.stdout).toMatch(
      /also fits on 1 × NVIDIA H100 SXM5 80GB at \$[\d.]+\/query at the target, \$2,155\/month provisioned for this traffic \(chosen: \$4,310\/month/,
    );
  });

  it('each level says how much of its cost is the prompt', async () => {
    const r = await simulateJson(toyWithApi(1, 1, 86_400));
    // Toy: prefill 0.020016 s of 0.120226 s: 16.65% of the cost is the prompt.
    const q = r.blended;
    expect(q.prefillCostPerQueryUsd / q.costPerQueryUsd).toBeCloseTo(0.020016 / 0.120226, 9);
    expect(q.prefillCostPerQueryUsd + q.decodeCostPerQueryUsd).toBeCloseTo(q.costPerQueryUsd, 15);
  });
});

describe('explain says what changes when the headline bytes do not', () => {
  it('the MoE step names the compute-bound dense baseline and the prefill change beside "bytes change only 1×"', async () => {
    const r = await runCli(['explain', 'scenarios/mistral-small-4-h100.yaml', '--format', 'json']);
    const step = JSON.parse(r.stdout).results[0].steps[0];
    expect(step.factor).toBe('model');
    expect(step.stepRatio).toBeLessThan(0.9); // the modelled saving is real …
    expect(step.why).toMatch(/weight bytes read per output token change only 1×/); // … though the bytes do not move …
    expect(step.why).toMatch(/dense baseline's decode was compute-bound .*prefill time per prompt token changes 1\/\d/); // … this is why
  });
});

describe('sweeps show the figure that moves', () => {
  it('varying traffic: the summary and the HTML give the provisioned cost per query, which moves, beside the flat at-target one', async () => {
    const dir = fresh();
    const r = await runCli(
      ['sweep', '--vary', 'traffic.requests_per_day=1e4:1e7:x2', '--format', 'html', '--output', 'a.html'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const m =
      /as provisioned for the peak \(the figure that moves with traffic and minimum replicas\): cheapest \$([\d.]+) at traffic\.requests_per_day=(\d+), dearest \$([\d.]+) at traffic\.requests_per_day=(\d+)/.exec(
        r.stderr,
      );
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(Number(m![3]) / 5); // it moves: more traffic fills whole replicas
    expect(Number(m![4])).toBe(10_000); // dearest at the least traffic
    const html = (await import('node:fs')).readFileSync(path.join(dir, 'a.html'), 'utf8');
    expect(html).toContain('Cost per query as provisioned for the peak vs traffic.requests_per_day');
    expect(html).toContain('Cost per query at the utilisation target vs traffic.requests_per_day');
  });

  it('130,000 points on one axis: the HTML is written, its line is decimated, and it stays small', async () => {
    const dir = fresh();
    const r = await runCli(
      ['sweep', '--vary', 'traffic.requests_per_day=1000:131000:1', '--format', 'html', '--output', 'big.html'],
      { cwd: dir },
    );
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const html = (await import('node:fs')).readFileSync(path.join(dir, 'big.html'), 'utf8');
    expect(html).toContain('(1200 of 130001 points drawn'); // 600 runs × their lowest and highest
    expect(html.length).toBeLessThan(2_000_000); // 0.2.0 wrote 12 MB at 100,000 points
  });

  it('three varied parameters: small multiples, one panel per value of the outer axis', async () => {
    const dir = fresh();
    const r = await runCli(
      [
        'sweep',
        '--vary',
        'traffic.input_tokens=500:2000:500',
        '--vary',
        'serving.max_batch=64:256:64',
        '--vary',
        'reasoning.compression=0:0.5:0.25',
        '--format',
        'html',
        '--output',
        'm.html',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const html = (await import('node:fs')).readFileSync(path.join(dir, 'm.html'), 'utf8');
    expect(html.match(/<h3>traffic\.input_tokens = \d+<\/h3>/g)).toHaveLength(4);
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).not.toContain('More than two varied parameters');
  });
});

describe('a replica across nodes says why that count', () => {
  it('Llama 3.1 405B in bf16 on H100s: 16 accelerators, because 8 cannot hold the weights', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 's.yaml'),
      'name: n\nmodel: { preset: llama-3.1-405b, weight_precision: bf16 }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1000, input_tokens: 1000, output_tokens: 100 }\n',
    );
    const r = await runCli(['simulate', 's.yaml'], { cwd: dir });
    expect(r.stdout).toMatch(/ {2}16 × NVIDIA H100/);
    expect(r.stdout).toMatch(
      /spans more than one scale-up domain.*chosen because .*8 would not do \(weights do not fit in 576\.0 GB usable memory\)/,
    );
  });
});
