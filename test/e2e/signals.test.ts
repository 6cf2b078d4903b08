/** The built CLI under a user's shell: Ctrl-C during a sweep, and a reader that stops early (`| head`). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/infercost');

describe('signals and pipes', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s during a sweep to --output leaves a valid CSV of the rows so far, exit 2',
    async (signal) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
      const child = spawn(
        process.execPath,
        [BIN, 'sweep', '--vary', 'traffic.input_tokens=1:500000:1', '--output', 'grid.csv'],
        { cwd: dir },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Interrupt once rows have reached the disk.
      const poll = setInterval(() => {
        const tmp = readdirSync(dir).find((f) => f.startsWith('.grid.csv.'));
        if (tmp && statSync(path.join(dir, tmp)).size > 100_000) {
          clearInterval(poll); // one signal: a second Ctrl-C would kill the process, as in a shell
          child.kill(signal);
        }
      }, 20);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      clearInterval(poll);
      expect(code).toBe(2);
      expect(stderr).toMatch(/grid\.csv holds the (\d+) rows written so far/);
      const written = Number(/holds the (\d+) rows/.exec(stderr)?.[1]);
      const rows = parse(readFileSync(path.join(dir, 'grid.csv'), 'utf8'), { columns: true }) as Record<
        string,
        string
      >[];
      expect(rows).toHaveLength(written);
      // The rows so far are the grid's first points, in order (worker threads write blocks in grid order).
      expect(rows.map((r) => Number(r['traffic.input_tokens']))).toEqual(rows.map((_, i) => i + 1));
      expect(readdirSync(dir)).toEqual(['grid.csv']);
    },
    60_000,
  );

  it('a reader that stops early is not an error: exit code as usual, no stack trace', () => {
    const shell = (cmd: string) =>
      spawnSync('bash', ['-c', `set -o pipefail; ${cmd}`], { cwd: ROOT, encoding: 'utf8' });
    const json = shell(`node ${BIN} simulate --format json | head -c 10 > /dev/null`);
    expect(json.status).toBe(0);
    expect(json.stderr).toBe('');
    const breach = shell(`node ${BIN} check test/fixtures/check/fail.yaml | head -1 > /dev/null`);
    expect(breach.status).toBe(1); // the budget breach still reaches CI
    expect(breach.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(existsSync(BIN)).toBe(true);
  });
});
