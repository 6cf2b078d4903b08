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
    if (k <= 22) {
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
  if (!Number.isFinite(x)) return '';
  if (x === 0) return '0';
  return integerDigits(x) ?? slowPlainDecimal(x);
}

/**
 * The common range without formatting a double: roundTo15's integer N =
 * round(x × 10^k) has at most 15 digits, and a decimal of at most 15
 * significant digits is the only one that short to round-trip its nearest
 * double (DBL_DIG = 15), so the shortest form of N / 10^k is N's digits with
 * the point k places from the right, trailing zeros dropped. Integers below
 * 2^31 print several times faster than a double. Undefined outside that range (16 digits
 * when log10 rounds across a power of ten), for the general path.
 */
function integerDigits(x: number): string | undefined {
  const a = Math.abs(x);
  if (!(a >= 1e-7 && a < 1e15)) return undefined;
  let k = 14 - Math.floor(Math.log10(a));
  // k < 0: log10 rounded up to 15 just below 1e15.
  if (k > 22 || k < 0) return undefined;
  const n = Math.round(x * (POWERS_OF_TEN[k] as number));
  const an = n < 0 ? -n : n;
  if (an >= 1e15 || an < 1) return undefined;
  // In two halves below 2^31: small integers print from V8's fast path, larger doubles do not.
  const high = Math.floor(an / 1e8);
  const low = an - high * 1e8;
  let digits = high === 0 ? String(low) : String(high) + String(low).padStart(8, '0');
  let end = digits.length;
  while (k > 0 && digits.charCodeAt(end - 1) === 48) {
    end--;
    k--;
  }
  if (end < digits.length) digits = digits.slice(0, end);
  const text =
    k === 0
      ? digits
      : digits.length > k
        ? `${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`
        : `0.${'0'.repeat(k - digits.length)}${digits}`;
  return n < 0 ? `-${text}` : text;
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
