import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/files.js';

describe('atomic writes', () => {
  it('replace the file whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    writeFileSync(path.join(dir, 'out.csv'), 'old');
    await writeFileAtomic('out.csv', { cwd: dir }, 'new');
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a directory in the place of the target is refused: nothing replaced, no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    mkdirSync(path.join(dir, 'out.csv'));
    writeFileSync(path.join(dir, 'out.csv', 'keep'), 'precious');
    await expect(writeFileAtomic('out.csv', { cwd: dir }, 'x'.repeat(1 << 20))).rejects.toThrow(
      /is a directory, not a regular file/,
    );
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(path.join(dir, 'out.csv', 'keep'), 'utf8')).toBe('precious');
  });
});
