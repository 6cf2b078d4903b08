/**
 * A directory in a scanned tree that cannot be read (permissions; /proc as root): the walk fails
 * with that directory's name, exit 2, never an internal error, and never a silent skip that could
 * let a breached budget in it pass. The OS refusal is simulated (the tests may run as root, whom
 * chmod 000 does not stop): node's recursive readdir rejects with the unreadable directory's path.
 */
import { promises as fsp, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');

function tree(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
  mkdirSync(path.join(dir, 's', 'locked'), { recursive: true });
  copyFileSync(path.join(ROOT, 'test/fixtures/check/fail.yaml'), path.join(dir, 's', 'locked', 'fail.yaml'));
  copyFileSync(path.join(ROOT, 'test/fixtures/check/pass.yaml'), path.join(dir, 's', 'pass.yaml'));
  return dir;
}

function refuseReaddir(dir: string): void {
  const real = fsp.readdir.bind(fsp);
  vi.spyOn(fsp, 'readdir').mockImplementation((async (p: string, o: unknown) => {
    if (path.resolve(String(p)) === path.join(dir, 's'))
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${path.join(dir, 's', 'locked')}'`), {
        code: 'EACCES',
        path: path.join(dir, 's', 'locked'),
      });
    return real(p, o as never);
  }) as typeof fsp.readdir);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a directory that cannot be read', () => {
  it.each([
    ['check a directory', ['check', 's']],
    ['check a glob', ['check', 's/**/*.yaml']],
    ['calibrate a directory', ['calibrate', 's']],
    ['--calibration a directory', ['simulate', 's/pass.yaml', '--calibration', 's']],
  ] as const)('%s: exit 2 and the directory named', async (_, argv) => {
    const dir = tree();
    refuseReaddir(dir);
    const r = await runCli(argv, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join('s', 'locked')}: cannot read this directory: permission denied`);
    expect(r.stderr).not.toMatch(/internal error|EACCES|at .*\.ts:\d+/);
    expect(r.stdout).toBe('');
  });
});
