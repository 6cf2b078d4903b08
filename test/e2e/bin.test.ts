/** The built CLI, spawned as a user runs it (npm test builds dist/ first). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/infercost');

function infercost(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/infercost', () => {
  it('simulate with no arguments prints the default scenario table and exits 0', () => {
    const r = infercost('simulate');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mistral Small 4 on H100 SXM');
    expect(r.stdout).toMatch(/│ blended\s+│\s+100%/);
  });

  it('--version and -V print the package version, as the command line does with other flags', async () => {
    // The shim answers a lone --version from package.json without loading the command line.
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = infercost(flag);
      expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
    // Not alone: commander answers, with the same text.
    expect(infercost('--version', '--no-color').stdout).toBe(`${pkg.version}\n`);
  });

  it('--format json is valid JSON on stdout', () => {
    const r = infercost('simulate', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].deployment.acceleratorsPerReplica).toBe(2);
  });

  it('the built-in default (validated at build time) gives exactly what validating its YAML now gives', async () => {
    const { runCli } = await import('../helpers.js'); // from source: no build-time snapshot there
    const fresh = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout);
    const built = JSON.parse(infercost('simulate', '--format', 'json').stdout);
    expect(built.results).toEqual(fresh.results);
  });

  it('a broken file exits 2 with the place of the problem and no stack trace', () => {
    const r = infercost('simulate', 'test/fixtures/scenarios/wrong-type.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'infercost: test/fixtures/scenarios/wrong-type.yaml:5:21: traffic.requests_per_day: expected a number, got the text "many"\n',
    );
  });

  it('a breached budget exits 1', () => {
    expect(infercost('simulate', 'test/fixtures/scenarios/over-budget.yaml').code).toBe(1);
  });
});

describe('--debug stack traces name src/ files', () => {
  it('an internal error inside a command, through the shipped bundle and its source maps', () => {
    // The bundle is minified: without composed source maps the frames would read dist/bundle/chunks/*.js:1:NNNN.
    const script = `
      process.setSourceMapsEnabled(true);
      const { run } = await import(${JSON.stringify(path.join(ROOT, 'dist/bundle/main.js'))});
      let err = '';
      const code = await run(['simulate', '--debug'], {
        stdout: { write: () => { throw new TypeError('forced for the test'); }, isTTY: false },
        stderr: { write: (s) => { err += s; return true; }, isTTY: false },
        env: {}, cwd: process.cwd(),
      });
      process.stdout.write(JSON.stringify({ code, err }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
    const { code, err } = JSON.parse(r.stdout) as { code: number; err: string };
    expect(code).toBe(2);
    expect(err).toMatch(/internal error.*forced for the test/);
    expect(err).toMatch(/src\/cli\/commands\/simulate\.ts:\d+:\d+/);
    expect(err).not.toMatch(/dist\/bundle/);
  });
});
