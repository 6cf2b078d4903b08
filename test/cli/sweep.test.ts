import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { simulate } from '../../src/core/simulate.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { runCli, scenarioFrom } from '../helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'infercost-'));

describe('simulate --format csv', () => {
  it('one row per level plus the blend, numbers equal to the JSON (to 15 significant digits)', async () => {
    const r15 = (x: number) => Number(x.toPrecision(15));
    const csv = (await runCli(['simulate', '--format', 'csv'])).stdout;
    const json = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout).results[0];
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.level)).toEqual(['none', 'medium', 'high', 'blended']);
    const blended = rows[3] as Record<string, string>;
    expect(Number(blended.cost_per_query_usd)).toBe(r15(json.blended.costPerQueryUsd));
    expect(Number(blended.time_per_output_token_s)).toBe(r15(json.blended.timePerOutputTokenS));
    expect(Number(blended.accelerators)).toBe(json.fleet.accelerators);
    expect(Object.keys(blended)).toContain('cost_per_million_output_tokens_usd');
  });
});

describe('sweep', () => {
  it('forms the full grid, first --vary outermost, with the values given', async () => {
    const r = await runCli([
      'sweep',
      '--vary',
      'hardware.preset=h100-sxm,b200',
      '--vary',
      'reasoning.compression=0:0.6:0.3',
    ]);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x['hardware.preset'], x['reasoning.compression']])).toEqual([
      ['h100-sxm', '0'],
      ['h100-sxm', '0.3'],
      ['h100-sxm', '0.6'],
      ['b200', '0'],
      ['b200', '0.3'],
      ['b200', '0.6'],
    ]);
    // Each point equals a simulation of the scenario edited by hand.
    const b200 = scenarioFrom(
      DEFAULT_SCENARIO_YAML.replace('preset: h100-sxm', 'preset: b200').replace('compression: 0', 'compression: 0.3'),
    );
    // CSV numbers are rounded to 15 significant digits (README "For analysts").
    expect(Number(rows[4]?.cost_per_query_usd)).toBe(Number(simulate(b200).blended.costPerQueryUsd.toPrecision(15)));
    expect(r.stderr).toMatch(
      /sweep 6 rows in [\d.]+ s; cheapest \$[\d.]+ at hardware\.preset=b200, reasoning\.compression=0\.6; dearest/,
    );
  });

  it('a preset varied after a leaf still applies first (the leaf inside it survives)', async () => {
    const r = await runCli([
      'sweep',
      '--vary',
      'model.weight_precision=bf16,fp8',
      '--vary',
      'model.preset=mistral-small-4,mixtral-8x7b',
    ]);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const edited = (precision: string, preset: string) =>
      simulate(
        scenarioFrom(
          DEFAULT_SCENARIO_YAML.replace(
            'preset: mistral-small-4\n  weight_precision: fp8',
            `preset: ${preset}\n  weight_precision: ${precision}`,
          ),
        ),
      ).blended.costPerQueryUsd.toPrecision(15);
    expect(
      rows
        .map((x) => x.cost_per_query_usd)
        .map(Number)
        .map(String),
    ).toEqual([
      String(Number(edited('bf16', 'mistral-small-4'))),
      String(Number(edited('bf16', 'mixtral-8x7b'))),
      String(Number(edited('fp8', 'mistral-small-4'))),
      String(Number(edited('fp8', 'mixtral-8x7b'))),
    ]);
  });

  it('log ranges multiply: 1e5:1e7:x10 gives three values', async () => {
    const r = await runCli(['sweep', '--vary', 'traffic.requests_per_day=1e5:1e7:x10', '--format', 'jsonl']);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => x['traffic.requests_per_day'])).toEqual([1e5, 1e6, 1e7]);
    expect(rows[2].accelerators).toBeGreaterThan(rows[0].accelerators);
  });

  it('marks infeasible points instead of stopping', async () => {
    const r = await runCli(['sweep', '--vary', 'serving.max_time_per_output_token_ms=0.001,50']);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows[0]?.error).toMatch(/no batch meets/);
    expect(rows[0]?.cost_per_query_usd).toBe('');
    expect(rows[1]?.error).toBe('');
  });

  it.each([
    [['--vary', 'hardware.presset=b200'], /hardware has no field "presset" \(did you mean "preset"\?\)/],
    [['--vary', 'hardware.preset=h100'], /unknown hardware preset "h100"/],
    [
      ['--vary', 'reasoning.compression=0:1.5:0.5'],
      /reasoning\.compression=1: reasoning\.compression: expected a number < 1, got 1/,
    ],
    [['--vary', 'traffic.input_tokens'], /expected path=values/],
    [['--vary', 'traffic.input_tokens=10:1:1'], /a range needs start ≤ stop/],
    [[], /required option '--vary <path=values>' not specified/],
  ])('checks paths and values before running: %j', async (args, message) => {
    const r = await runCli(['sweep', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('--output writes atomically; an interrupted sweep leaves a valid file of the rows so far', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'grid.csv'), 'old');
    const controller = new AbortController();
    let stderr = '';
    const pending = run(['sweep', '--vary', 'traffic.input_tokens=1:200000:1', '--output', 'grid.csv'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: dir,
      env: {},
      signal: controller.signal,
    });
    // Press Ctrl-C once rows have reached the disk.
    const poll = setInterval(() => {
      const tmpFile = readdirSync(dir).find((f) => f.startsWith('.grid.csv.'));
      if (tmpFile && statSync(path.join(dir, tmpFile)).size > 0) controller.abort();
    }, 5);
    const code = await pending;
    clearInterval(poll);
    expect(code).toBe(2);
    expect(stderr).toMatch(/interrupted after \d+ of 200000/);
    const rows = parse(readFileSync(path.join(dir, 'grid.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const written = Number(/interrupted after (\d+)/.exec(stderr)?.[1]);
    expect(rows.length).toBe(written);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(200000);
    expect(Number(rows[rows.length - 1]?.['traffic.input_tokens'])).toBe(rows.length);
    expect(readdirSync(dir)).toEqual(['grid.csv']);
  });

  it('stops when the reader of standard output goes away (`| head`), exit 0, saying so', async () => {
    // The reader takes the first chunk and closes the pipe (cli/main.ts marks stdout gone on EPIPE).
    let chunks = 0;
    let stderr = '';
    const code = await run(['sweep', '--threads', '1', '--vary', 'traffic.input_tokens=1:200000:1'], {
      stdout: { write: () => (chunks++, true), gone: () => chunks > 0 },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: process.cwd(),
      env: {},
    });
    expect(code).toBe(0);
    const stoppedAt = Number(/stopped by the reader closing the pipe after (\d+) of 200000 rows/.exec(stderr)?.[1]);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(200000);
  });

  it('a failed sweep leaves an existing output file as it was', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'grid.csv'), 'old');
    const r = await runCli(['sweep', '--vary', 'hardware.preset=nope', '--output', 'grid.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(dir, 'grid.csv'), 'utf8')).toBe('old');
    expect(existsSync(path.join(dir, 'grid.csv'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['grid.csv']);
  });
});

describe('sweep edge cases', () => {
  it('a bad --vary value is quoted as typed (1e400, an empty item), not as it parsed', async () => {
    const inf = await runCli(['sweep', '--vary', 'traffic.input_tokens=1e400']);
    expect(inf.code).toBe(2);
    expect(inf.stderr).toMatch(/^infercost: --vary traffic\.input_tokens=1e400: traffic\.input_tokens: .*got \.inf/);
    const empty = await runCli(['sweep', '--vary', 'traffic.input_tokens=1,,2']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^infercost: --vary traffic\.input_tokens=\(an empty item\): /);
  });

  it('exits 2 when no point of the grid could be computed', async () => {
    const r = await runCli(['sweep', '--vary', 'hardware.preset=mtia-300']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sweep 1 row in .*\ninfercost: no point of the grid could be computed/);
  });

  it('provisioned cost per query falls as traffic fills the fleet; cost at the utilisation target does not move', async () => {
    const r = await runCli(['sweep', '--vary', 'traffic.requests_per_day=1e5:1e7:x10']);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const atTarget = rows.map((x) => Number(x.cost_per_query_usd));
    const provisioned = rows.map((x) => Number(x.provisioned_cost_per_query_usd));
    expect(new Set(atTarget).size).toBe(1);
    expect(provisioned[0]).toBeGreaterThan(provisioned[2] as number);
  });
});

describe('sweep: percentile and autoscaling columns', () => {
  const BH = path.resolve(__dirname, '../../scenarios/llama-3.1-8b-h100-business-hours.yaml');

  it('carries them when the scenario asks for them, each the simulated figure', async () => {
    const r = await runCli(['sweep', BH, '--vary', 'serving.max_batch=64,256']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {}).slice(-7)).toEqual([
      'time_to_first_token_p50_s',
      'time_to_first_token_p99_s',
      'time_per_output_token_p99_s',
      'end_to_end_p99_s',
      'goodput',
      'autoscaled_monthly_cost_usd',
      'error',
    ]);
    const text = readFileSync(BH, 'utf8');
    const sim = simulate(scenarioFrom(text.replace('serving:\n', 'serving:\n  max_batch: 64\n')));
    expect(Number(rows[0]?.time_to_first_token_p99_s)).toBeCloseTo(sim.latency?.timeToFirstTokenS.p99 ?? NaN, 12);
    expect(Number(rows[0]?.autoscaled_monthly_cost_usd)).toBeCloseTo(sim.autoscaled?.monthlyCostUsd ?? NaN, 6);
  });

  it('leaves them out of a sweep that asks for neither, and adds them when an axis does', async () => {
    const plain = await runCli(['sweep', '--vary', 'serving.max_batch=64,128']);
    expect(plain.stdout.split('\r\n')[0]).not.toContain('p99');
    const gated = await runCli(['sweep', '--vary', 'budget.max_ttft_ms.p99=100,1000']);
    expect(gated.code).toBe(0);
    const rows = parse(gated.stdout, { columns: true }) as Record<string, string>[];
    expect(Number(rows[0]?.time_to_first_token_p99_s)).toBeGreaterThan(0);
    expect(rows[0]?.goodput).toBe('');
  });
});
