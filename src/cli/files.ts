/** Reading inputs and writing outputs, with errors a user can act on (IoError → exit 2). */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IoError } from '../errors.js';
import { decodeUtf8 } from '../scenario/text.js';

function reason(e: unknown): string {
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
    default:
      return (e as Error).message;
  }
}

/** Read a text file, refusing one larger than `maxBytes` before reading it. */
export async function readTextFile(file: string, cwd: string, maxBytes: number): Promise<string> {
  const full = path.resolve(cwd, file);
  let size: number;
  try {
    const st = await fs.stat(full);
    if (st.isDirectory()) throw new IoError(`${file}: is a directory, expected a scenario file`);
    size = st.size;
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`${file}: cannot read: ${reason(e)}`);
  }
  if (size > maxBytes)
    throw new IoError(
      `${file}: ${size} bytes is over the ${maxBytes}-byte limit for an input file (raise it with --max-input-bytes)`,
    );
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(full);
  } catch (e) {
    throw new IoError(`${file}: cannot read: ${reason(e)}`);
  }
  return decodeUtf8(bytes, file);
}

/** A temporary file in the target's directory (so a rename is atomic): `.name.<random>.tmp`. */
export function temporaryBeside(full: string): string {
  return path.join(path.dirname(full), `.${path.basename(full)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Write a whole file or nothing: write a temporary file in the same directory,
 * flush it, then rename it over the target (rename is atomic within a file
 * system). On any failure the temporary file is removed and an existing target
 * is left as it was.
 */
export async function writeFileAtomic(
  file: string,
  cwd: string,
  content: string,
  opts: { overwrite?: boolean } = {},
): Promise<void> {
  const full = path.resolve(cwd, file);
  const tmp = temporaryBeside(full);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (opts.overwrite === false) {
      // link() fails if the target exists, even if it appeared a moment ago: never replaced.
      await fs.link(tmp, full);
      await fs.rm(tmp, { force: true });
    } else await fs.rename(tmp, full);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new IoError(`${file}: cannot write: ${reason(e)}`);
  }
}

/** A command's whole output: to `output` atomically when given, else to stdout. */
export async function emit(
  text: string,
  output: string | undefined,
  io: { cwd: string; stdout: { write(s: string): unknown } },
): Promise<void> {
  if (output !== undefined) await writeFileAtomic(output, io.cwd, text);
  else io.stdout.write(text);
}
