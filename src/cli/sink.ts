/**
 * A streamed output: rows are buffered into large chunks and written with
 * backpressure, to stdout or to a temporary file that replaces the target only
 * when closed — completely, or with the rows so far when interrupted.
 */
import { createWriteStream, fsync, promises as fs, type WriteStream } from 'node:fs';
import { IoError } from '../errors.js';
import { singleLine, terminalText } from '../formats/text-safety.js';
import { keepMode, outputTarget, reason, temporaryBeside, type FileIo } from './files.js';
import { trackTemporary } from './temporaries.js';
import type { Output } from './io.js';

const CHUNK_CHARS = 1 << 16;

export interface Sink {
  write(text: string): Promise<void>;
  /** UTF-8 text already through terminalText (a sweep worker's block: cli/sweep-worker.ts), written as it is. */
  writeBytes(bytes: Uint8Array): Promise<void>;
  /** Flush and, for a file, move it into place. */
  close(): Promise<void>;
  /** Remove a temporary file without touching the target. */
  discard(): Promise<void>;
}

export function stdoutSink(out: Output): Sink {
  let buffer = '';
  const decoder = new TextDecoder();
  const sink: Sink = {
    async write(text) {
      buffer += text;
      if (buffer.length >= CHUNK_CHARS) {
        const ok = out.write(buffer);
        buffer = '';
        // Backpressure: a slow reader (a pipe) holds the sweep, not our memory.
        if (ok === false && out.once) await new Promise<void>((resolve) => out.once?.('drain', resolve));
      }
    },
    // Standard output takes text (cli/io.ts): a block is one write of its decoded rows.
    writeBytes: (bytes) => sink.write(decoder.decode(bytes)),
    close() {
      if (buffer) out.write(buffer);
      buffer = '';
      return Promise.resolve();
    },
    discard() {
      buffer = '';
      return Promise.resolve();
    },
  };
  return sink;
}

/**
 * A file written as a stream: every write, the flush and the rename are
 * checked (a full disk fails the run with the OS reason); on failure the
 * temporary file is removed and the target left as it was.
 */
export async function fileSink(file: string, io: FileIo): Promise<Sink> {
  const target = await outputTarget(file, io);
  if (target.kind === 'stdout') throw new IoError(`${singleLine(file)}: is standard output: use stdoutSink`);
  const tmp = await temporaryBeside(target.full);
  const untrack = trackTemporary(tmp);
  const stream: WriteStream = createWriteStream(tmp, { flags: 'wx' });
  // The first error the stream reports (ENOSPC, EIO …): every later step rethrows it.
  let failure: Error | undefined;
  const fail = (e: unknown) => new IoError(`${singleLine(file)}: cannot write: ${reason(e)}`);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) => reject(fail(e)));
  }).catch(async (e: unknown) => {
    untrack();
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  });
  stream.on('error', (e) => {
    failure ??= e;
  });
  let buffer = '';
  const waitDrain = () =>
    new Promise<void>((resolve, reject) => {
      if (failure !== undefined) return reject(failure);
      const onDrain = () => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        stream.off('drain', onDrain);
        reject(e);
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
  const flush = async () => {
    if (failure !== undefined) throw failure;
    if (!buffer) return;
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok) await waitDrain();
  };
  const writeChecked = async (write: () => Promise<void>) => {
    try {
      await write();
    } catch (e) {
      await cleanUp();
      throw fail(e);
    }
  };
  const end = () =>
    new Promise<void>((resolve, reject) => {
      if (failure !== undefined) return reject(failure);
      stream.end((e?: Error | null) => (e ? reject(e) : failure !== undefined ? reject(failure) : resolve()));
    });
  const cleanUp = async () => {
    stream.destroy();
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    untrack();
  };
  return {
    async write(text) {
      buffer += terminalText(text);
      if (buffer.length >= CHUNK_CHARS) await writeChecked(flush);
    },
    async writeBytes(bytes) {
      // After the text before it, in order.
      await writeChecked(async () => {
        await flush();
        if (!stream.write(bytes)) await waitDrain();
      });
    },
    async close() {
      try {
        await flush();
        // On disk before it takes the target's name, as writeFileAtomic does.
        await new Promise<void>((resolve, reject) =>
          fsync((stream as unknown as { fd: number }).fd, (e) => (e ? reject(e) : resolve())),
        );
        await end();
        await keepMode(tmp, target);
        await fs.rename(tmp, target.full);
        untrack();
      } catch (e) {
        await cleanUp();
        throw fail(e);
      }
    },
    async discard() {
      await cleanUp();
    },
  };
}
