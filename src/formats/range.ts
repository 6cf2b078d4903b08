/** A figure with its 80% range, as every table writes it. */
import type { FigureRange } from '../core/result.js';

/** `$0.000331 (0.00029–0.00041)`: the figure, then its range without repeating the unit sign. */
export function withRange(x: FigureRange, format: (v: number) => string): string {
  return `${format(x.expected)} (${format(x.low).replace(/^\$/, '')}–${format(x.high).replace(/^\$/, '')})`;
}
