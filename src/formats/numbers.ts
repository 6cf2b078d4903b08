/** Number formatting for people (tables, Markdown). Machine formats print raw numbers. */

/**
 * Fixed decimals with thousands separators, en-US style. Written by hand:
 * toLocaleString's first call loads ICU data, ~10 ms of every CLI start.
 */
function fixedGrouped(x: number, digits: number, trimZeros: boolean): string {
  // As formatNumber: past any real figure, powers of ten (toFixed writes 1e21 and up as a raw double).
  if (Math.abs(x) >= 1e15) return x.toExponential(2);
  let text = Math.abs(x).toFixed(digits);
  if (trimZeros && text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const [int = '', frac] = text.split('.');
  const withCommas = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${withCommas}${frac === undefined ? '' : `.${frac}`}`;
}
const grouped = (x: number, digits: number): string => fixedGrouped(x, digits, true);
const money = (x: number, digits: number): string => fixedGrouped(x, digits, false);

/** Significant digits for small values, grouped thousands for large ones. */
export function formatNumber(x: number, significant = 3): string {
  // Never Infinity or NaN in an output: the calculator refuses results that overflow (core/simulate.ts).
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  // Beyond any real figure (a headroom against an absurd limit, a limit of 1e-320): powers of ten, not 300 digits.
  if (abs >= 1e15 || abs < 1e-12) return x.toExponential(significant - 1);
  if (abs >= 10 ** significant) return grouped(x, 0);
  if (abs >= 1) return grouped(x, Math.max(0, significant - 1 - Math.floor(Math.log10(abs))));
  const digits = Math.min(20, significant - 1 - Math.floor(Math.log10(abs)));
  return x.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
}

export function formatUsd(x: number): string {
  if (Math.abs(x) >= 100) return `$${money(x, 0)}`;
  if (Math.abs(x) >= 1) return `$${money(x, 2)}`;
  return `$${formatNumber(x, 3)}`;
}

export function formatSeconds(s: number): string {
  if (s < 1) return `${formatNumber(s * 1000, 3)} ms`;
  if (s < 120) return `${formatNumber(s, 3)} s`;
  return `${formatNumber(s / 60, 3)} min`;
}

export function formatBytes(bytes: number): string {
  return `${formatNumber(bytes / 1e9, 3)} GB`;
}

export function formatPct(fraction: number): string {
  return `${formatNumber(fraction * 100, 3)}%`;
}

/** A cost ratio as people say it: 3.2× for a rise, 1/3.2 for a saving, = for none. */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r) || r <= 0) return '—';
  if (Math.abs(r - 1) < 5e-4) return '=';
  return r > 1 ? `${formatMultiple(r)}×` : `1/${formatMultiple(1 / r)}`;
}

/** A multiple to 3 significant digits (2.85, 120, 1.2e+20). */
export function formatMultiple(r: number): string {
  return String(+r.toPrecision(3));
}
