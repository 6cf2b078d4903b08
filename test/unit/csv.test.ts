import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, plainDecimal, slowPlainDecimal, toCsv } from '../../src/formats/csv.js';

describe('csv', () => {
  it('writes numbers in plain decimal, rounded to 15 significant digits (no float noise)', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(1.2345e-7)).toBe('0.00000012345');
    expect(plainDecimal(-2.5e-8)).toBe('-0.000000025');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(1.5e22)).toBe('15000000000000000000000');
    expect(plainDecimal(0.1 + 0.2)).toBe('0.3');
    expect(plainDecimal(2980.0000000000005)).toBe('2980');
    expect(plainDecimal(17239.800000000003)).toBe('17239.8');
    expect(plainDecimal(0.00012345678901234567)).toBe('0.000123456789012346');
    expect(plainDecimal(1234567.5)).toBe('1234567.5');
    // Just below 1e15, where log10 rounds up to 15: the 15 digits themselves, never NaN.
    expect(plainDecimal(999_999_999_999_999)).toBe('999999999999999');
    expect(plainDecimal(-999_999_999_999_998)).toBe('-999999999999998');
    expect(slowPlainDecimal(999_999_999_999_999)).toBe('999999999999999');
  });

  it('plain decimals read back as the number to 15 significant digits (within one unit of the 15th)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = plainDecimal(x);
        expect(text).not.toMatch(/e/i);
        const back = Number(text);
        const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        expect(digits.length).toBeLessThanOrEqual(15);
        // toPrecision(15) is the reference; a half-way case may land one unit in the 15th digit away.
        const rounded = Number(x.toPrecision(15));
        const reference = Number.isFinite(rounded) ? rounded : Math.sign(x) * 1.79769313486231e308;
        expect(Math.abs(back - reference)).toBeLessThanOrEqual(Math.abs(reference) * 1.01e-14 + Number.MIN_VALUE);
      }),
      { numRuns: 2000 },
    );
  });

  it('the integer-digit fast path writes exactly what formatting the rounded double writes', () => {
    // Over the range it takes (1e-7 to 1e15, both signs), decades apart, and near powers of ten
    // where log10 may round across one.
    const inRange = fc.oneof(
      fc.double({ min: 1e-7, max: 1e15, noNaN: true }),
      fc.double({ min: -1e15, max: -1e-7, noNaN: true }),
      fc
        .integer({ min: -7, max: 14 })
        .chain((e) => fc.integer({ min: -3, max: 3 }).map((ulps) => 10 ** e * (1 + ulps * Number.EPSILON))),
      fc.integer({ min: -7, max: 14 }).chain((e) => fc.integer({ min: 1, max: 999 }).map((m) => (m * 10 ** e) / 100)),
    );
    fc.assert(
      fc.property(inRange, (x) => {
        expect(plainDecimal(x)).toBe(slowPlainDecimal(x));
      }),
      { numRuns: 20_000 },
    );
    for (const x of [
      1e-7, 0.1, 1, 10, 1e14, 999999999999999, 0.30000000000000004, 17239.800000000003, -2980.0000000000005,
    ])
      expect(plainDecimal(x)).toBe(slowPlainDecimal(x));
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves negative numbers numeric', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(s).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(csvCell(-1)).toBe('-1');
  });

  it('round-trips through a real CSV parser', () => {
    const text = toCsv(
      ['name', 'x'],
      [
        ['=cmd|calc', -0.5],
        ['a "b", c\nd', 1e-9],
        [null, 3],
      ],
    );
    expect(parse(text, { columns: true })).toEqual([
      { name: "'=cmd|calc", x: '-0.5' },
      { name: 'a "b", c\nd', x: '0.000000001' },
      { name: '', x: '3' },
    ]);
  });
});

describe('unicode bars', () => {
  it('fill to an eighth of a cell', async () => {
    const { unicodeBar } = await import('../../src/formats/explain.js');
    expect(unicodeBar(1, 4)).toBe('████');
    expect(unicodeBar(0.5, 4)).toBe('██');
    expect(unicodeBar(1 / 32, 4)).toBe('▏');
    expect(unicodeBar(0, 4)).toBe('');
  });
});
