/** Ranges as every format writes them. */
import type { FigureRange, Uncertainty } from '../core/result.js';
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

/** What a range rests on, in words: whose rows, how many were close, and whether they were measured at other parameters. */
export function rangeBasis(u: Uncertainty): string {
  return (
    `from the calculator's error on the ${u.rows === 'own' ? 'given calibration' : 'published'} rows most like this deployment (${u.comparableRows} close${u.widened ? '; widened, as few are' : ''})` +
    (u.parametersChanged
      ? '; measured at the default serving.efficiency, which this scenario changes: set calibration: to the runs it was fitted on'
      : '')
  );
}
