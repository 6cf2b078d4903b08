/**
 * The nastiest files of test/fixtures/bad through the built binary, as a user
 * runs it (npm test builds dist/ first): exit 2, the golden message from
 * `NAME.expected` (with the path as given on the command line), nothing on
 * stdout, nothing else on stderr (no Node warnings, no stack trace), and an
 * answer within 5 s (spawnSync kills the process at the timeout).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/infercost');
const BAD = 'test/fixtures/bad';
const TIMEOUT_MS = 5_000;

function infercost(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, signal: r.signal, error: r.error, stdout: r.stdout, stderr: r.stderr };
}

/** The golden message, with the bare file name replaced by the path passed on the command line. */
function expected(name: string): string {
  return readFileSync(path.join(ROOT, BAD, `${name}.expected`), 'utf8').replaceAll(
    `${name}.yaml`,
    `${BAD}/${name}.yaml`,
  );
}

describe('bin/infercost on hostile files', () => {
  it.each([
    ['binary-data', 'real bytes including NUL'],
    ['alias-bomb', '"billion laughs": nested anchors and aliases'],
    ['deep-nesting', 'a thousand nested [ ]'],
    ['yaml-complex-key', 'a list as a map key'],
  ])(
    '%s (%s): exit 2 within 5 s, one message, nothing on stdout',
    (name) => {
      const r = infercost('simulate', `${BAD}/${name}.yaml`);
      expect(r.error, 'the process did not finish in time (or could not start)').toBeUndefined();
      expect(r.signal).toBeNull();
      expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
      expect(r.stderr).not.toMatch(/\bWarning\b|internal error|FATAL/);
      expect(r.stderr).toBe(expected(name));
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
    },
    10_000,
  );
});
