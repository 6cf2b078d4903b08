/**
 * Hardening, round 2 (issue 15), in-process: CI gates that could be bypassed
 * (links in a checked directory, a tampered baseline) and hostile text.
 */
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const CHECK = path.resolve(__dirname, '../fixtures/check');
const fresh = () => mkdtempSync(path.join(tmpdir(), 'infercost-harden-'));

describe('check sees a directory as a glob does', () => {
  it('a breaching scenario linked into the directory fails the gate; a link loop is named', async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 's'));
    copyFileSync(path.join(CHECK, 'pass.yaml'), path.join(dir, 's', 'pass.yaml'));
    copyFileSync(path.join(CHECK, 'fail.yaml'), path.join(dir, 'elsewhere.yaml'));
    symlinkSync(path.join(dir, 'elsewhere.yaml'), path.join(dir, 's', 'linked.yaml'));
    const asDir = await runCli(['check', 's', '--format', 'json'], { cwd: dir });
    const asGlob = await runCli(['check', 's/*.yaml', '--format', 'json'], { cwd: dir });
    expect(asDir.code).toBe(1);
    expect(asGlob.code).toBe(1);
    const files = (r: { stdout: string }) =>
      (JSON.parse(r.stdout).scenarios as { file: string }[]).map((x) => x.file).sort();
    expect(files(asDir)).toEqual(['s/linked.yaml', 's/pass.yaml']);
    expect(files(asGlob)).toEqual(files(asDir));

    symlinkSync(path.join(dir, 's', 'loop.yaml'), path.join(dir, 's', 'loop.yaml'));
    for (const arg of ['s', 's/*.yaml']) {
      const r = await runCli(['check', arg], { cwd: dir });
      expect(r.code).toBe(1); // the breach still decides; the loop is reported, not skipped
      expect(r.stdout).toMatch(/s\/loop\.yaml: cannot read: too many levels of symbolic links/);
    }
  });
});

describe('compare --baseline-json refuses a tampered baseline', () => {
  const saved = async (dir: string) => {
    copyFileSync(path.join(CHECK, 'pass.yaml'), path.join(dir, 'after.yaml'));
    const r = await runCli(['simulate', 'after.yaml', '--format', 'json'], { cwd: dir });
    return JSON.parse(r.stdout);
  };

  it.each([
    [
      'a zero cost per query',
      (d: any) => (d.results[0].blended.costPerQueryUsd = 0),
      /blended\.costPerQueryUsd: expected a number > 0, got 0/,
    ],
    [
      'a negative cost',
      (d: any) => (d.results[0].blended.monthlyCostUsd = -5),
      /blended\.monthlyCostUsd: expected a number ≥ 0, got -5/,
    ],
    [
      'a negative accelerator count',
      (d: any) => (d.results[0].fleet.accelerators = -1),
      /fleet\.accelerators: expected a (whole )?number ≥ 0, got -1/,
    ],
    [
      'a fractional batch',
      (d: any) => (d.results[0].deployment.batch = 2.5),
      /deployment\.batch: expected a whole number, got 2\.5|deployment\.batch: .*2\.5/,
    ],
    [
      'zero output tokens',
      (d: any) => (d.results[0].blended.outputTokens = 0),
      /blended\.outputTokens: expected a number > 0, got 0/,
    ],
  ])('%s: exit 2 with file:line:col and the field', async (_what, tamper, message) => {
    const dir = fresh();
    const doc = await saved(dir);
    tamper(doc);
    writeFileSync(path.join(dir, 'base.json'), JSON.stringify(doc, null, 2));
    const r = await runCli(['compare', '--baseline-json', 'base.json', 'after.yaml', '--fail-on-increase', '0'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/base\.json:\d+:\d+: results\.0\./);
    expect(r.stderr).toMatch(message);
  });

  it('a JSON syntax error is located', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'base.json'), '{\n  "schemaVersion": 2,\n  "results": [ }\n');
    copyFileSync(path.join(CHECK, 'pass.yaml'), path.join(dir, 'after.yaml'));
    const r = await runCli(['compare', '--baseline-json', 'base.json', 'after.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/base\.json:3:\d+/);
  });
});
