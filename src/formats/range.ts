/** Ranges as every format writes them. */
import type { FigureRange } from '../core/result.js';
import { formatUsd } from './numbers.js';

const unsigned = (s: string) => s.replace(/^\$/, '');

/** `$0.00029–0.00041`: low to high, the unit sign once (`format` defaults to dollars). */
export function formatSpan(low: number, high: number, format: (v: number) => string = formatUsd): string {
  return `${format(low)}–${unsigned(format(high))}`;
}

/** `$0.000331 (0.00029–0.00041)`: the figure, then its range without repeating the unit sign. */
export function withRange(x: FigureRange, format: (v: number) => string): string {
  return `${format(x.expected)} (${unsigned(formatSpan(x.low, x.high, format))})`;
}
