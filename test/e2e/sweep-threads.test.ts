/**
 * A sweep on worker threads writes what one thread writes, byte for byte
 * (issue 22): a 3-axis grid with hardware presets and error rows (prompts
 * beyond the model's context), through the built bin.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/infercost');
const GRID = [
  '--vary',
  'hardware.preset=h100-sxm,h200,mi300x',
  '--vary',
  // Mistral Small 4's context is 256k tokens: the last values are error rows.
  'traffic.input_tokens=1000:300000:1000',
  '--vary',
  'serving.max_batch=16,256,1024',
];

function sweepWith(threads: number, format: 'csv' | 'jsonl', grid: readonly string[] = GRID) {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercost-threads-'));
  const out = path.join(dir, `grid.${format}`);
  const r = spawnSync(
    process.execPath,
    [BIN, 'sweep', ...grid, '--format', format, '--threads', String(threads), '--output', out],
    { cwd: ROOT, encoding: 'utf8' },
  );
  // The summary line without its timing and thread count.
  return {
    code: r.status,
    text: readFileSync(out, 'utf8'),
    threads: /on (\d+) threads/.exec(r.stderr)?.[1] ?? '1',
    summary: r.stderr.replace(/ in [\d.]+ s( on \d+ threads)?;/, ';'),
  };
}

describe('sweep on worker threads', () => {
  it.each(['csv', 'jsonl'] as const)(
    '%s: the same bytes and the same summary as one thread, error rows included',
    (format) => {
      const one = sweepWith(1, format);
      const two = sweepWith(2, format);
      expect(one.code).toBe(0);
      expect(two.code).toBe(0);
      // 3 × 300 × 3 = 2,700 points: two blocks of the grid, so both workers write some.
      expect(one.text.split('\n').filter((l) => l !== '').length).toBe(format === 'csv' ? 2701 : 2700);
      expect(one.text).toMatch(/beyond|context/);
      expect([one.threads, two.threads]).toEqual(['1', '2']);
      expect(two.text).toBe(one.text);
      expect(two.summary).toBe(one.summary);
    },
    60_000,
  );

  // Workers encode their rows to bytes and pass terminalText themselves (cli/sweep-worker.ts): hostile axis
  // text comes out escaped exactly as the one-thread path escapes it in the sink.
  it('escapes control and invisible characters in axis values as one thread does', () => {
    const grid = ['--vary', 'model.name=a\x1b[2Jx,b\u202ey', '--vary', 'traffic.input_tokens=1000:40000:10'];
    const one = sweepWith(1, 'csv', grid);
    const two = sweepWith(2, 'csv', grid);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect([one.threads, two.threads]).toEqual(['1', '2']);
    expect(two.text).toBe(one.text);
    expect(two.text).toContain('a\\x1b[2Jx,');
    expect(two.text).toContain('b\\u202ey,');
    expect([two.text.includes('\x1b'), two.text.includes('\u202e')]).toEqual([false, false]);
  }, 60_000);
});
