/**
 * Input text before any parser sees it: strict UTF-8 decoding and the size
 * limit. No YAML or zod here, so commands that read no file stay light.
 */
import { InputError } from '../errors.js';

/**
 * Input files larger than this are refused before parsing (bytes of text).
 * 512 KiB is a hundred times a large scenario, and the worst files under it (every
 * line an unknown key or a duplicate key, a list of 10,000 items) are answered
 * in about half a second.
 */
export const DEFAULT_MAX_INPUT_BYTES = 512 * 1024;

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return { line, column: offset - last };
}

/**
 * UTF-16 text of mostly ASCII characters without a byte order mark: NUL in
 * nearly every even (big-endian) or odd (little-endian) byte, and in few of
 * the others.
 */
function looksLikeUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (even > 0.8 * pairs && odd < 0.1 * pairs) || (odd > 0.8 * pairs && even < 0.1 * pairs);
}

/**
 * Bytes → text, strictly as UTF-8: a UTF-16/32 byte order mark or a byte that
 * is not UTF-8 is an error naming where it is (never silently replaced).
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const b = bytes;
  // UTF-32 first: its little-endian mark (FF FE 00 00) begins with UTF-16's (FF FE).
  const utf32 =
    (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) ||
    (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff);
  if (utf32 || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const encoding = utf32 ? 'UTF-32' : 'UTF-16';
    throw new InputError(file, [
      {
        path: '',
        message: `expected UTF-8 text, got ${encoding} (the file starts with a ${encoding} byte order mark): save the file as UTF-8`,
      },
    ]);
  }
  if (b.includes(0)) {
    if (looksLikeUtf16(b))
      throw new InputError(file, [
        {
          path: '',
          message:
            'expected UTF-8 text, got what looks like UTF-16 without a byte order mark (every other byte is NUL): save the file as UTF-8',
        },
      ]);
    throw new InputError(file, [
      { path: '', message: 'expected YAML text, got binary data (the file contains NUL bytes)' },
    ]);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Find the first byte that breaks UTF-8, to point at it.
    let i = 0;
    for (let end = 1; end <= b.length; end++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(i, end));
        i = end;
      } catch {
        if (end - i >= 4 || end === b.length) break;
      }
    }
    const prefix = new TextDecoder('utf-8').decode(b.subarray(0, i));
    const { line, column } = lineColumn(prefix, prefix.length);
    const byte = (b[i] ?? 0).toString(16).padStart(2, '0');
    throw new InputError(file, [
      {
        path: '',
        line,
        column,
        message: `expected UTF-8 text, got a byte that is not UTF-8 (0x${byte}): save the file as UTF-8`,
      },
    ]);
  }
}
