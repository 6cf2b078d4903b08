/**
 * A streamed output: rows are buffered into large chunks and written with
 * backpressure, to stdout or to a temporary file that replaces the target only
 * when closed — completely, or with the rows so far when interrupted.
 */
import { createWriteStream, fsync, promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';
import { IoError } from '../errors.js';
import { temporaryBeside } from './files.js';
import type { Output } from './io.js';

const CHUNK_CHARS = 1 << 16;

export interface Sink {
  write(text: string): Promise<void>;
  /** Flush and, for a file, move it into place. */
  close(): Promise<void>;
  /** Remove a temporary file without touching the target. */
  discard(): Promise<void>;
}

export function stdoutSink(out: Output): Sink {
  let buffer = '';
  return {
    async write(text) {
      buffer += text;
      if (buffer.length >= CHUNK_CHARS) {
        const ok = out.write(buffer);
        buffer = '';
        // Backpressure: a slow reader (a pipe) holds the sweep, not our memory.
        if (ok === false && out.once) await new Promise<void>((resolve) => out.once?.('drain', resolve));
      }
    },
    async close() {
      if (buffer) out.write(buffer);
      buffer = '';
    },
    async discard() {
      buffer = '';
    },
  };
}

export async function fileSink(file: string, cwd: string): Promise<Sink> {
  const target = path.resolve(cwd, file);
  const tmp = temporaryBeside(target);
  const stream: WriteStream = createWriteStream(tmp, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) =>
      reject(
        new IoError(
          `${file}: cannot write: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : e.message}`,
        ),
      ),
    );
  });
  let buffer = '';
  const flush = async () => {
    if (!buffer) return;
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  };
  const end = () =>
    new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return {
    async write(text) {
      buffer += text;
      if (buffer.length >= CHUNK_CHARS) await flush();
    },
    async close() {
      try {
        await flush();
        // On disk before it takes the target's name, as writeFileAtomic does.
        await new Promise<void>((resolve, reject) =>
          fsync((stream as unknown as { fd: number }).fd, (e) => (e ? reject(e) : resolve())),
        );
        await end();
        await fs.rename(tmp, target);
      } catch (e) {
        await fs.rm(tmp, { force: true });
        throw new IoError(`${file}: cannot write: ${(e as Error).message}`);
      }
    },
    async discard() {
      stream.destroy();
      await fs.rm(tmp, { force: true });
    },
  };
}
