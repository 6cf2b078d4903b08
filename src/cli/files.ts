/**
 * Reading inputs and writing outputs: the one place every command's file I/O
 * goes through, with errors a user can act on (IoError → exit 2).
 *
 * Reading is bounded whatever the file is: a regular file larger than the
 * limit is refused before reading, and every read stops at the limit + 1 byte
 * (a FIFO or a growing file cannot feed it without end); devices and sockets
 * are refused.
 *
 * Writing is whole or nothing: a temporary file beside the target, every write
 * and the flush checked, then renamed over the target with the target's mode.
 * The target must be a regular file or absent, and never one of the run's
 * inputs. A temporary file still open when the process is stopped by a signal
 * is removed by `removeLiveTemporaries` (cli/temporaries.ts).
 */
import {
  closeSync,
  constants as fsConstants,
  openSync,
  promises as fs,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { IoError, UsageError, UserError } from '../errors.js';
import { singleLine, terminalText } from '../formats/text-safety.js';
import { decodeUtf8 } from '../scenario/text.js';
import { trackTemporary } from './temporaries.js';

/** What file I/O needs of the run: its directory, and the inputs it read (so no output replaces one). */
export interface FileIo {
  readonly cwd: string;
  /** Real path → the name the user gave. */
  readonly inputs?: Map<string, string>;
}

/** The OS reason of a failed call, in words. */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EEXIST':
      return 'the file already exists';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EFBIG':
      return 'file too large';
    case 'EIO':
      return 'input/output error';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop?)';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return (e as Error).message;
  }
}

/** What a non-regular file is, for a message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  return 'not a regular file';
}

/** The path with symbolic links and `..` resolved; for a file that does not exist yet, its directory resolved. */
async function realPathOf(full: string): Promise<string> {
  try {
    return await fs.realpath(full);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(full)), path.basename(full));
    } catch {
      return full;
    }
  }
}

/** The same, synchronously (the native call, as fs.promises.realpath). */
function realPathOfSync(full: string): string {
  try {
    return realpathSync.native(full);
  } catch {
    try {
      return path.join(realpathSync.native(path.dirname(full)), path.basename(full));
    } catch {
      return full;
    }
  }
}

const READ_CHUNK = 1 << 16;

/**
 * Read a text file of at most `maxBytes`: a regular file, or a pipe the user
 * named (`<(cmd)`, a FIFO). Directories, devices and sockets are refused.
 */
export async function readTextFile(
  file: string,
  io: FileIo,
  maxBytes: number,
  /** What the file should be, for messages: `a scenario file`. */
  expected = 'a file',
): Promise<string> {
  const full = path.resolve(io.cwd, file);
  const overLimit = (what: string) =>
    new IoError(
      `${singleLine(file)}: ${what} is over the ${maxBytes}-byte limit for an input file (raise it with --max-input-bytes)`,
    );
  try {
    const st = statSync(full);
    if (st.isDirectory()) throw new IoError(`${singleLine(file)}: is a directory, expected ${expected}`);
    if (!st.isFile() && !st.isFIFO())
      throw new IoError(
        `${singleLine(file)}: is ${kindOf(st)}, expected ${expected} (a regular file, or a pipe): refusing to read it`,
      );
    if (st.isFile() && st.size > maxBytes) throw overLimit(`${st.size} bytes`);
    const bytes = await (st.isFIFO() ? readFifoFile : readRegularFile)(full, maxBytes, overLimit);
    io.inputs?.set(realPathOfSync(full), file);
    return decodeUtf8(bytes, file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // `-` is standard output for --output; as an input it is a file of that name: say how to read stdin.
    const hint =
      file === '-' && (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? ' (to read standard input, give /dev/stdin)'
        : '';
    throw new IoError(`${singleLine(file)}: cannot read: ${reason(e)}${hint}`);
  }
}

/**
 * A regular file's bytes, read synchronously: a file is a few reads of local disk, where a promise
 * and a FileHandle per call cost more than the reads (`check` reads every file of a tree).
 */
async function readRegularFile(full: string, maxBytes: number, overLimit: (what: string) => IoError): Promise<Buffer> {
  const fd = openSync(full, 'r');
  try {
    return await readLimited((buffer, want) => readSync(fd, buffer, 0, want, null), maxBytes, overLimit);
  } finally {
    closeSync(fd);
  }
}

/**
 * A FIFO's bytes. It opens without blocking: a blocking open with no writer held a thread that
 * kept even Ctrl-C and SIGTERM from ending the process. Its reads then wait for the writer here.
 */
async function readFifoFile(full: string, maxBytes: number, overLimit: (what: string) => IoError): Promise<Buffer> {
  const handle = await fs.open(full, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  let writerSeen = false;
  try {
    return await readLimited(
      async (buffer, want) => {
        const bytesRead = await readFifo(handle, buffer, want, writerSeen);
        if (bytesRead !== WAITING) writerSeen = true;
        return bytesRead;
      },
      maxBytes,
      overLimit,
    );
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads until `read` gives 0 bytes (it may answer WAITING or WRITER_IDLE instead: read again),
 * through the limit itself: stop at maxBytes + 1, whatever stat said (the file may be growing).
 */
async function readLimited(
  read: (buffer: Buffer, want: number) => number | Promise<number>,
  maxBytes: number,
  overLimit: (what: string) => IoError,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(READ_CHUNK, maxBytes + 1 - total);
    const buffer = Buffer.allocUnsafe(want);
    const bytesRead = await read(buffer, want);
    if (bytesRead === WAITING || bytesRead === WRITER_IDLE) continue;
    if (bytesRead === 0) break;
    chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) throw overLimit(`the input (more than ${maxBytes} bytes)`);
  }
  return Buffer.concat(chunks, total);
}

/** readFifo's answers besides a byte count: no writer yet (keep waiting), a writer with nothing to read yet. */
const WAITING = -1;
const WRITER_IDLE = -2;
/** How long a FIFO read waits before looking again, ms. */
const FIFO_POLL_MS = 10;

/**
 * One read of a FIFO opened without blocking: the bytes read, or 0 at the end
 * (its writer closed it); WAITING while no writer has opened it (a read gives
 * 0 then too, so 0 counts as the end only once a writer was seen);
 * WRITER_IDLE while an open writer has written nothing more (EAGAIN).
 */
async function readFifo(handle: fs.FileHandle, buffer: Buffer, want: number, writerSeen: boolean): Promise<number> {
  try {
    const { bytesRead } = await handle.read(buffer, 0, want, null);
    if (bytesRead > 0 || writerSeen) return bytesRead;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    await new Promise((resolve) => setTimeout(resolve, FIFO_POLL_MS));
    return WRITER_IDLE;
  }
  await new Promise((resolve) => setTimeout(resolve, FIFO_POLL_MS));
  return WAITING;
}

/**
 * A temporary file in the target's directory (so a rename is atomic):
 * `.name.<random>.tmp`. node:crypto is loaded here, when a file is written,
 * not at start-up.
 */
export async function temporaryBeside(full: string): Promise<string> {
  const { randomBytes } = await import('node:crypto');
  return path.join(path.dirname(full), `.${path.basename(full)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Where an output goes: stdout (`-`, `/dev/stdout`), or a regular file and what it replaces. */
export type OutputTarget =
  | { readonly kind: 'stdout' }
  | {
      readonly kind: 'file';
      /** The path written: the real file a symbolic link points to, so the link stays a link. */
      readonly full: string;
      /** Mode, owner and group of the file it replaces (kept on the replacement). */
      readonly existing?: { readonly mode: number; readonly uid: number; readonly gid: number };
    };

/** Names that mean "standard output" for --output (documented in README "Exit codes"). */
const STDOUT_NAMES = new Set(['-', '/dev/stdout']);

/** Whether an --output (absent, `-`, `/dev/stdout`) goes to standard output. */
export function isStandardOutput(output: string | undefined): output is undefined | '-' | '/dev/stdout' {
  return output === undefined || STDOUT_NAMES.has(output);
}

/**
 * Check an --output target before anything is written: not empty, a regular
 * file or absent, and not one of the run's inputs (after resolving symbolic
 * links and `..`).
 */
export async function outputTarget(file: string, io: FileIo): Promise<OutputTarget> {
  if (file === '') throw new UsageError('--output: expected a file name, got an empty one (use - for stdout)');
  if (STDOUT_NAMES.has(file)) return { kind: 'stdout' };
  const full = await realPathOf(path.resolve(io.cwd, file));
  let st: Stats | undefined;
  try {
    st = await fs.stat(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new IoError(`${singleLine(file)}: cannot write: ${reason(e)}`);
  }
  if (st !== undefined && !st.isFile())
    throw new IoError(
      `${singleLine(file)}: is ${kindOf(st)}, not a regular file: --output writes regular files only (use - for stdout)`,
    );
  const input = io.inputs?.get(full);
  if (input !== undefined)
    throw new IoError(
      `--output ${file} is the input ${input}${input === file ? '' : ` (both ${full})`}: refusing to overwrite an input with the output`,
    );
  return st === undefined
    ? { kind: 'file', full }
    : { kind: 'file', full, existing: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } };
}

/**
 * Refuse an --output that is one of `files` before any is read or evaluated: a command that works
 * through many files (check) would otherwise report on each of them first. The files are noted as
 * the run's inputs, as reading them notes them.
 */
export async function refuseOutputOverInputs(output: string | undefined, files: readonly string[], io: FileIo) {
  if (isStandardOutput(output)) return;
  for (const file of files) io.inputs?.set(await realPathOf(path.resolve(io.cwd, file)), file);
  await outputTarget(output, io);
}

/** Give the replacement the replaced file's mode (and owner, where the process may). */
export async function keepMode(tmp: string, target: OutputTarget & { kind: 'file' }): Promise<void> {
  if (target.existing === undefined) return;
  await fs.chmod(tmp, target.existing.mode);
  await fs.chown(tmp, target.existing.uid, target.existing.gid).catch(() => undefined);
}

/**
 * Write a whole file or nothing: write a temporary file in the same directory,
 * flush it, then rename it over the target (rename is atomic within a file
 * system). On any failure the temporary file is removed, an existing target is
 * left as it was, and the error names the file and the OS reason.
 */
export async function writeFileAtomic(
  file: string,
  io: FileIo,
  content: string,
  opts: { overwrite?: boolean } = {},
): Promise<void> {
  const target = await outputTarget(file, io);
  if (target.kind === 'stdout') throw new UsageError(`${singleLine(file)}: cannot be written as a file here`);
  const tmp = await temporaryBeside(target.full);
  let handle: fs.FileHandle | undefined;
  const untrack = trackTemporary(tmp);
  try {
    handle = await fs.open(tmp, 'wx');
    // A file is read in a terminal too (`cat`): the same sanitiser as stdout, without colour.
    await handle.writeFile(terminalText(content), 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await keepMode(tmp, target);
    if (opts.overwrite === false) {
      // link() fails if the target exists, even if it appeared a moment ago: never replaced.
      await fs.link(tmp, target.full);
      await fs.rm(tmp, { force: true });
    } else await fs.rename(tmp, target.full);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new IoError(`${singleLine(file)}: cannot write: ${reason(e)}`);
  } finally {
    untrack();
  }
}

/** A command's whole output: to `output` atomically when given (`-`: stdout), else to stdout. */
export async function emit(
  text: string,
  output: string | undefined,
  io: FileIo & { stdout: { write(s: string): unknown } },
): Promise<void> {
  if (isStandardOutput(output)) io.stdout.write(text);
  else await writeFileAtomic(output, io, text);
}
