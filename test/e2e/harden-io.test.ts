/**
 * Hardening, round 2 (issue 15): the shared reader and writer, through the
 * built CLI. No false success (a failed write fails the run), no harmed files
 * (devices, inputs and permissions are safe from --output), no unbounded reads.
 * Cases that need a tmpfs (root) say so when they cannot run.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/infercost');
const SCENARIO = path.join(ROOT, 'scenarios/mistral-small-4-h100.yaml');

function infercost(args: string[], cwd: string, timeoutMs = 10_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

const fresh = () => mkdtempSync(path.join(tmpdir(), 'infercost-harden-'));

describe('--output refuses what it would harm', () => {
  it.each([
    ['a character device', '/dev/null'],
    ['a character device that is always full', '/dev/full'],
  ])('%s (%s): exit 2, the device untouched', (_what, device) => {
    const r = infercost(['simulate', SCENARIO, '--output', device], fresh());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a character device, not a regular file: --output writes regular files only/);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('a FIFO: exit 2, still a FIFO', () => {
    const dir = fresh();
    const fifo = path.join(dir, 'out.fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo is not available');
    const r = infercost(['simulate', SCENARIO, '--output', fifo], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a FIFO \(named pipe\), not a regular file/);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('an input of the run, by the same path, through .. or a symbolic link: exit 2 naming both, input intact', () => {
    const dir = fresh();
    const input = path.join(dir, 's.yaml');
    copyFileSync(SCENARIO, input);
    symlinkSync(input, path.join(dir, 'link.yaml'));
    mkdirSync(path.join(dir, 'sub'));
    const before = readFileSync(input, 'utf8');
    for (const [given, out] of [
      ['s.yaml', 's.yaml'],
      ['s.yaml', 'sub/../s.yaml'],
      ['link.yaml', 's.yaml'],
      ['s.yaml', 'link.yaml'],
    ] as const) {
      const r = infercost(['simulate', given, '--output', out], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--output ${out} is the input ${given}`);
      expect(readFileSync(input, 'utf8')).toBe(before);
    }
    // check and sweep read inputs too.
    expect(infercost(['check', 's.yaml', '--format', 'json', '--output', 's.yaml'], dir).code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('an empty --output is a usage error, not ": cannot write"', () => {
    const r = infercost(['simulate', SCENARIO, '--output', ''], fresh());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('infercost: --output: expected a file name, got an empty one (use - for stdout)\n');
  });

  it('- writes to standard output', () => {
    const r = infercost(['simulate', SCENARIO, '--format', 'json', '--output', '-'], fresh());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schemaVersion).toBe(2);
  });

  it('replacing a file keeps its mode (a 600 file stays 600)', () => {
    const dir = fresh();
    const out = path.join(dir, 'out.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect(infercost(['simulate', SCENARIO, '--format', 'json', '--output', out], dir).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(2);
    // The streamed writer (sweep) too.
    chmodSync(out, 0o640);
    expect(
      infercost(['sweep', SCENARIO, '--vary', 'traffic.input_tokens=100:1000:100', '--output', out], dir).code,
    ).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });
});

// Needs a 64 KiB tmpfs (root): where mounting one fails, these two report as skipped with this reason in their title.
describe('a write that fails fails the run (full-disk cases: skipped where no tmpfs can be mounted)', () => {
  const mount = path.join(tmpdir(), `infercost-tiny-${process.pid}`);
  mkdirSync(mount, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]).status === 0;
  afterAll(() => {
    if (mounted) spawnSync('umount', [mount]);
  });

  it.runIf(mounted)(
    'sweep --output onto a full file system: exit 2, the OS reason, no temporary file, the old file intact',
    () => {
      writeFileSync(path.join(mount, 'grid.csv'), 'old grid');
      const r = infercost(
        [
          'sweep',
          SCENARIO,
          '--vary',
          'traffic.input_tokens=10:10000:10',
          '--vary',
          'reasoning.compression=0:0.5:0.1',
          '--output',
          path.join(mount, 'grid.csv'),
        ],
        ROOT,
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/grid\.csv: cannot write: no space left on device/);
      expect(readdirSync(mount)).toEqual(['grid.csv']);
      expect(readFileSync(path.join(mount, 'grid.csv'), 'utf8')).toBe('old grid');
    },
  );

  it.runIf(mounted)('simulate --output onto a full file system: exit 2, nothing left behind', () => {
    writeFileSync(path.join(mount, 'out.json'), 'old');
    // Fill what is left of the 64 KiB, a page at a time, until the file system refuses.
    try {
      for (let i = 0; i < 64; i++) appendFileSync(path.join(mount, 'filler'), Buffer.alloc(4096));
    } catch {
      // full
    }
    const r = infercost(['simulate', SCENARIO, '--format', 'json', '--output', path.join(mount, 'out.json')], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\.json: cannot write: no space left on device/);
    expect(readdirSync(mount).sort()).toEqual(['filler', 'grid.csv', 'out.json']);
    expect(readFileSync(path.join(mount, 'out.json'), 'utf8')).toBe('old');
  });
});

describe('reading is bounded whatever the file is', () => {
  it.each([
    ['simulate', '/dev/zero'],
    ['validate', '/dev/urandom'],
    ['calibrate', '/dev/zero'],
  ])('%s %s: refused at once as a device', (command, device) => {
    const t = Date.now();
    const r = infercost([command, device], fresh(), 5_000);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a character device, expected .*: refusing to read it/);
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('a FIFO nobody writes to waits, and SIGTERM still ends the run (exit 2); a late writer is read', async () => {
    const dir = fresh();
    const fifo = path.join(dir, 'late.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo is not available');
    const waiting = spawn(process.execPath, [BIN, 'simulate', fifo], { cwd: dir });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const t = Date.now();
    waiting.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => waiting.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(Date.now() - t).toBeLessThan(3_000);
    // A writer that comes after the reader opened the FIFO.
    const reader = spawn(process.execPath, [BIN, 'simulate', fifo], { cwd: dir });
    let out = '';
    reader.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    spawnSync('sh', ['-c', `cat "${SCENARIO}" > "${fifo}"`]);
    const readerCode = await new Promise<number | null>((resolve) => reader.on('exit', (c) => resolve(c)));
    expect(readerCode).toBe(0);
    expect(out).toContain('Mistral Small 4 on H100 SXM');
  });

  it('compare --baseline-json /dev/zero is refused too', () => {
    const r = infercost(['compare', SCENARIO, '--baseline-json', '/dev/zero'], fresh(), 5_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero: is a character device/);
  });

  it('a FIFO fed without end (yes) stops at the byte limit, in well under the time a full read would take', () => {
    const dir = fresh();
    const fifo = path.join(dir, 'feed.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo is not available');
    const feeder = spawn('sh', ['-c', `yes > ${fifo}`]);
    const t = Date.now();
    const r = infercost(['project', SCENARIO, '--roadmap', fifo], dir, 10_000);
    feeder.kill();
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feed\.yaml: the input \(more than \d+ bytes\) is over the \d+-byte limit/);
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(existsSync(fifo)).toBe(true);
  });
});

describe('standard output that fails or goes away', () => {
  it('results to a full device on stdout: one line, exit 2, no stack trace', () => {
    // /dev/full is Linux's always-full device: every write fails with ENOSPC.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" simulate "${SCENARIO}" > /dev/full`], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('infercost: cannot write to standard output: ENOSPC\n');
  });

  it('a sweep to a full device on stdout: the failure alone, exit 2, no summary of rows that never arrived', () => {
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" sweep "${SCENARIO}" --vary traffic.input_tokens=100,200 > /dev/full`],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('infercost: cannot write to standard output: ENOSPC\n');
  });

  it('a sweep piped into a reader that closes early (`| head -1`) stops and exits 0', () => {
    const t = Date.now();
    // bash: the pipeline's status is infercost's (PIPESTATUS), not head's.
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" sweep "${SCENARIO}" --vary traffic.input_tokens=1:1000000:1 | head -1; exit \${PIPESTATUS[0]}`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^traffic\.input_tokens,cost_per_query_usd/);
    expect(r.stderr).toMatch(/stopped by the reader closing the pipe after \d+ of 1000000 rows/);
    expect(Date.now() - t).toBeLessThan(15_000);
  });
});
