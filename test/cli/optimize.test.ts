import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const scenario = path.resolve(__dirname, '../../scenarios/mistral-small-4-h100.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'infercost-optimize-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('infercost optimize', () => {
  it('prints the winner, the runners-up and the frontier', async () => {
    const r = await runCli(['optimize', scenario]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Cheapest configuration: Mistral Small 4/);
    expect(r.stdout).toMatch(/searched [\d,]+ configurations: [\d,]+ evaluated, [\d,]+ pruned/);
    for (const section of ['Winner', 'Runners-up', 'Frontier']) expect(r.stdout).toContain(section);
    expect(r.stdout).toMatch(/× h100-sxm \((TP|DP)\d/);
  });

  it('--format json: the search, the winner with its full result, the frontier', async () => {
    const r = await runCli(['optimize', scenario, '--format', 'json', '--hardware', 'h100-sxm,h200']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.searched.hardware).toEqual(['h100-sxm', 'h200']);
    expect(doc.evaluated + doc.pruned).toBe(doc.space);
    expect(doc.winner.result.blended.costPerQueryUsd).toBe(doc.winner.costAtTargetUsd);
    expect(doc.frontier.length).toBeGreaterThan(1);
    for (const u of doc.runnersUp) expect(u.whyWords).toContain(' instead of ');
  });

  it('--format csv: one row per configuration evaluated, the winner marked once', async () => {
    const [csv, json] = await Promise.all([
      runCli(['optimize', scenario, '--format', 'csv']),
      runCli(['optimize', scenario, '--format', 'json']),
    ]);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^hardware,precision,accelerators_per_replica,parallelism,max_batch/);
    expect(lines.length - 1).toBe(JSON.parse(json.stdout).evaluated);
    const winnerColumn = lines[0]!.split(',').indexOf('winner');
    expect(lines.filter((l) => l.split(',')[winnerColumn] === 'true')).toHaveLength(1);
  });

  it('--format html draws the frontier', async () => {
    const r = await runCli(['optimize', scenario, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain('<svg');
    expect(r.stdout).toContain('Frontier');
  });

  it('a scenario without hardware searches every priced accelerator', async () => {
    const text = readFileSync(scenario, 'utf8').replace(/\nhardware:\n(?: {2}.*\n|\s*#.*\n)*/, '\n');
    expect(text).not.toMatch(/^hardware:/m);
    const r = await runCli(['optimize', write('open.yaml', text), '--format', 'json']);
    expect(r.code).toBe(0);
    const hw = JSON.parse(r.stdout).searched.hardware;
    expect(hw).toEqual(expect.arrayContaining(['h100-sxm', 'h200', 'b200', 'mi300x']));
  });

  it('nothing meets the targets: exit 2, the closest configuration and its miss, nothing on stdout', async () => {
    const text = readFileSync(scenario, 'utf8').replace(
      /max_time_per_output_token_ms: \d+/,
      'max_time_per_output_token_ms: 1',
    );
    const file = write('tight.yaml', text);
    const r = await runCli(['optimize', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: no configuration meets every target and budget`);
    expect(r.stderr).toMatch(/closest: .*serving\.max_time_per_output_token_ms [\d.]+ against 1 \(\+[\d.]+%\)/);
  });

  it('a bad --hardware or --precision is a usage error (exit 2)', async () => {
    const hw = await runCli(['optimize', scenario, '--hardware', 'h100-sxm,nope']);
    expect(hw.code).toBe(2);
    expect(hw.stderr).toContain('--hardware: "nope" is not an accelerator preset');
    const p = await runCli(['optimize', scenario, '--precision', 'fp9']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('--precision: expected some of');
  });
});
