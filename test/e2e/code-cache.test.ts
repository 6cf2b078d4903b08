/**
 * The shim's start (bin/infercost → bin/cli-loader.cjs): the one-file CommonJS bundle compiled
 * with the V8 code cache the build wrote for it. The cache must be one this Node accepts (else
 * every start compiles the bundle again, silently slower), a cache V8 rejects must change nothing
 * but the speed, and without the bundle the shim falls back to the ES module build.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LOADER = pathToFileURL(path.join(ROOT, 'bin/cli-loader.cjs')).href;
const BUNDLE = path.join(ROOT, 'dist/bundle/chunks/cli.cjs');

/** Runs `body` (an async function of the loader module) in a fresh node, and returns what it printed. */
function withLoader(body: string): string {
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import(${JSON.stringify(LOADER)}); ${body}`],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const simulateJson = `
  let out = '';
  const io = { stdout: { write: (s) => (out += s) }, stderr: { write: () => true }, cwd: process.cwd(), env: {} };
  const code = await cli.exports.run(['simulate', 'scenarios/mistral-small-4-h100.yaml', '--format', 'json'], io);
`;

describe('the code-cached start', () => {
  it("the build's cache is accepted by this Node", () => {
    expect(withLoader('const cli = m.loadCli(); console.log(cli.script.cachedDataRejected);').trim()).toBe('false');
  });

  it('zod is in the one file but runs only to word the problems of a file that has them', () => {
    // zod's core sets globalThis.__zod_globalConfig as it initialises: the witness that it ran.
    const printed = withLoader(`
      const cli = m.loadCli();
      const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: process.cwd(), env: {} };
      const ran = () => globalThis.__zod_globalConfig !== undefined;
      const seen = [];
      await cli.exports.run(['simulate'], io);
      seen.push(ran());
      await cli.exports.run(['simulate', 'scenarios/mistral-small-4-h100.yaml'], io);
      await cli.exports.run(['check', 'scenarios/'], io);
      seen.push(ran());
      const code = await cli.exports.run(['simulate', 'test/fixtures/check/broken.yaml'], io);
      seen.push(ran(), code);
      console.log(JSON.stringify(seen));`);
    // Valid files are read by the validator generated from the schema (scenario/scenario-check.ts).
    expect(JSON.parse(printed)).toEqual([false, false, true, 2]);
  });

  it("a start does not load node:child_process (commander's, for executable subcommands, is loaded when first used)", () => {
    const printed = withLoader(`
      const cli = m.loadCli();
      const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: process.cwd(), env: {} };
      await cli.exports.run(['simulate'], io);
      const lazy = (await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts/child-process-lazy.cjs')).href)})).default;
      const before = process.moduleLoadList.includes('NativeModule child_process');
      const child = lazy.spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => child.on('exit', resolve));
      console.log(JSON.stringify([before, child.exitCode]));`);
    expect(JSON.parse(printed)).toEqual([false, 0]);
  });

  it('a cache V8 rejects (another Node, a damaged file) gives the same output, compiled afresh', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-cache-'));
    // The bundle beside the chunks' own files it reads by relative URL (the default scenario, package.json).
    const copy = path.join(ROOT, 'dist/bundle/chunks', `cli-copy-${path.basename(dir)}.cjs`);
    copyFileSync(BUNDLE, copy);
    writeFileSync(path.join(dir, 'garbage.cache'), Buffer.from('not a V8 code cache'));
    try {
      const printed = withLoader(`
        const { readFileSync } = await import('node:fs');
        for (const cache of [readFileSync(${JSON.stringify(path.join(dir, 'garbage.cache'))}), undefined]) {
          const cli = m.loadCli(${JSON.stringify(copy)}, cache);
          ${simulateJson}
          console.log(JSON.stringify({ rejected: cli.script.cachedDataRejected ?? null, code, cost: JSON.parse(out).results[0].blended.costPerQueryUsd }));
        }`);
      const [damaged, none] = printed
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { rejected: boolean | null; code: number; cost: number });
      expect(damaged).toMatchObject({ rejected: true, code: 0 });
      expect(none).toMatchObject({ rejected: null, code: 0 });
      expect(damaged?.cost).toBe(none?.cost);
    } finally {
      spawnSync('rm', ['-f', copy]);
    }
  });

  it('without the bundle, loadCli says so (undefined) and the shim runs the ES module build', () => {
    expect(
      withLoader(
        `console.log(m.loadCli(${JSON.stringify(path.join(ROOT, 'dist/no-such.cjs'))}) === undefined);`,
      ).trim(),
    ).toBe('true');
    // The shim itself, from a copy of bin/ and dist/ that has no one-file bundle.
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-nobundle-'));
    spawnSync('cp', ['-r', path.join(ROOT, 'bin'), path.join(ROOT, 'dist'), path.join(ROOT, 'package.json'), dir]);
    spawnSync('rm', ['-f', path.join(dir, 'dist/bundle/chunks/cli.cjs')]);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const viaEsm = spawnSync(process.execPath, [path.join(dir, 'bin/infercost'), 'simulate', '--format', 'json'], {
      encoding: 'utf8',
    });
    const viaCjs = spawnSync(process.execPath, [path.join(ROOT, 'bin/infercost'), 'simulate', '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(viaEsm.status).toBe(0);
    expect(viaEsm.stdout).toBe(viaCjs.stdout);
  });
});
