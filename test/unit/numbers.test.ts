import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, formatUsd } from '../../src/formats/numbers.js';

describe('number formatting for people', () => {
  it('groups thousands and keeps significant digits', () => {
    expect(formatNumber(1234567.89)).toBe('1,234,568');
    expect(formatNumber(400, 4)).toBe('400');
    expect(formatNumber(12.3456, 3)).toBe('12.3');
    expect(formatNumber(0.000123456, 3)).toBe('0.000123');
    expect(formatNumber(-4381.2, 3)).toBe('-4,381');
    expect(formatNumber(0)).toBe('0');
  });

  it('money: whole dollars from $100, cents from $1, significant digits below', () => {
    expect(formatUsd(21549.75)).toBe('$21,550');
    expect(formatUsd(2.95)).toBe('$2.95');
    expect(formatUsd(5.5)).toBe('$5.50');
    expect(formatUsd(0.00032488)).toBe('$0.000325');
  });

  it('figures beyond any real one in powers of ten, not hundreds of digits; ratios likewise', () => {
    expect(formatNumber(-1.1495294258634203e304)).toBe('-1.15e+304');
    expect(formatNumber(1e-320)).toBe('1.00e-320');
    expect(formatUsd(1e-320)).toBe('$1.00e-320');
    // Money past any real figure too (a fleet for 1e300 requests a day): not toFixed's raw double.
    expect(formatUsd(2.7054149985054316e297)).toBe('$2.71e+297');
    expect(formatUsd(1e15)).toBe('$1.00e+15');
    expect(formatUsd(99_999_999_999_999)).toBe('$99,999,999,999,999');
    expect(formatNumber(1e14)).toBe('100,000,000,000,000');
    expect(formatRatio(1e300)).toBe('1e+300×');
    expect(formatRatio(0)).toBe('—');
  });
});
