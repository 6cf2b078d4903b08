/**
 * CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, fields with
 * a comma, quote or line break quoted with quotes doubled. Numbers are written
 * in plain decimal to 15 significant digits (never 1e-7, no grouping), so every
 * spreadsheet reads the same number. Text that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP, "CSV
 * Injection").
 */

export type Cell = string | number | boolean | null | undefined;

/**
 * `x` rounded to 15 significant digits. Sweeps write millions of numbers and
 * toPrecision is slow in V8, so the common range scales by an exact power of
 * ten, rounds to an integer (exact below 2^53) and divides back: the nearest
 * double to the 15-digit decimal, whose shortest form is that decimal. Within
 * one unit in the 15th digit of toPrecision(15) (a half-way case may round the
 * other way); tiny and huge values take toPrecision.
 */
/** 10^0 … 10^22, every one exact in a double: a table, as Math.pow with a variable exponent is slow in V8. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

function roundTo15(x: number): number {
  const a = Math.abs(x);
  if (a >= 1e-7 && a < 1e15) {
    const k = 14 - Math.floor(Math.log10(a));
    // log10 rounds up to 15 just below 1e15 (999999999999999): k = -1, no table entry: toPrecision.
    if (k >= 0 && k <= 22) {
      const p = POWERS_OF_TEN[k] as number;
      return Math.round(x * p) / p;
    }
  }
  const r = Number(x.toPrecision(15));
  // 15 digits of the largest doubles round past the largest double: the 15-digit value below it.
  return Number.isFinite(r) ? r : Math.sign(x) * 1.79769313486231e308;
}

/**
 * `x` rounded to 15 significant digits, written as the shortest decimal that
 * round-trips that value, in plain notation: float noise of the arithmetic
 * (2980.0000000000005, 17239.800000000003) is not a digit anyone measured.
 */
export function plainDecimal(x: number): string {
  const end = writePlainDecimal(SCRATCH, 0, x);
  let text = '';
  for (let i = 0; i < end; i++) text += String.fromCharCode(SCRATCH[i] as number);
  return text;
}

/**
 * The longest plainDecimal: 15 digits with the point 308 places away (the
 * largest double, or the smallest normal one), a sign and "0.".
 */
export const PLAIN_DECIMAL_MAX_BYTES = 330;

const SCRATCH = new Uint8Array(PLAIN_DECIMAL_MAX_BYTES);

/**
 * plainDecimal(x) as ASCII bytes written into `out` from `at` (room for
 * PLAIN_DECIMAL_MAX_BYTES); returns where they end. Nothing for a
 * non-finite x. The one implementation: plainDecimal reads it back, and a
 * sweep writes its millions of numbers with it straight into the output
 * (formats/row-bytes.ts), never making a string.
 *
 * The common range without formatting a double: roundTo15's integer N =
 * round(x × 10^k) has at most 15 digits, and a decimal of at most 15
 * significant digits is the only one that short to round-trip its nearest
 * double (DBL_DIG = 15), so the shortest form of N / 10^k is N's digits with
 * the point k places from the right, trailing zeros dropped. The digits come
 * from two halves below 2^31 (small-integer arithmetic). Outside that range
 * (16 digits when log10 rounds across a power of ten) it writes
 * slowPlainDecimal's text.
 */
export function writePlainDecimal(out: Uint8Array, at: number, x: number): number {
  if (!Number.isFinite(x)) return at;
  if (x === 0) {
    out[at] = 48;
    return at + 1;
  }
  const a = Math.abs(x);
  let k = a >= 1e-7 && a < 1e15 ? 14 - Math.floor(Math.log10(a)) : -1;
  // k < 0: log10 rounded up to 15 just below 1e15.
  const n = k > 22 || k < 0 ? 0 : Math.round(x * (POWERS_OF_TEN[k] as number));
  const an = n < 0 ? -n : n;
  if (an >= 1e15 || an < 1) return writeAscii(out, at, slowPlainDecimal(x));
  // Two halves below 2^31, so the arithmetic below stays on small integers (a double's % is a call to fmod).
  let high = Math.floor(an / 1e8) | 0;
  let low = (an - high * 1e8) | 0;
  // Trailing zeros after the point dropped: N / 10, on the halves.
  while (k > 0) {
    const lowTenth = (low / 10) | 0;
    if (low !== lowTenth * 10) break;
    const highTenth = (high / 10) | 0;
    low = (lowTenth + (high - highTenth * 10) * 1e7) | 0;
    high = highTenth;
    k--;
  }
  const digits = high === 0 ? digitCount(low) : 8 + digitCount(high);
  if (n < 0) out[at++] = 45; // -
  // Fewer digits than places after the point: "0." and zeros first.
  if (digits <= k) {
    out[at++] = 48;
    out[at++] = 46;
    for (let z = digits; z < k; z++) out[at++] = 48;
    k = 0;
  }
  // The digits from the right, the point after the first k of them.
  const end = at + digits + (k > 0 ? 1 : 0);
  let q = end;
  let v = low;
  for (let i = 0; i < digits; i++) {
    if (i === 8) v = high;
    if (i === k && k > 0) out[--q] = 46;
    const tenth = (v / 10) | 0;
    out[--q] = 48 + v - tenth * 10;
    v = tenth;
  }
  return end;
}

/** Decimal digits of a positive integer below 10^8. */
function digitCount(v: number): number {
  let count = 1;
  while (count < 8 && v >= (POWERS_OF_TEN[count] as number)) count++;
  return count;
}

/** Text of ASCII characters (digits, sign, point) as bytes. */
function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/** plainDecimal by formatting the rounded double (and rewriting an exponent): every value, slower. */
export function slowPlainDecimal(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (x === 0) return '0';
  const s = String(roundTo15(x));
  if (s.indexOf('e') === -1) return s;
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (m === null) return s;
  const [, sign, int = '', frac = '', expText = '0'] = m;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainDecimal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvRow(header) + rows.map(csvRow).join('');
}
