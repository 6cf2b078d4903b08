/**
 * RowBytes: what is written into it is what concatenating the same texts
 * writes, encoded as UTF-8, however the writes fall across its growth and its
 * takes (formats/row-bytes.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainDecimal } from '../../src/formats/csv.js';
import { RowBytes } from '../../src/formats/row-bytes.js';

type Op =
  | { readonly kind: 'text'; readonly s: string }
  | { readonly kind: 'bytes'; readonly s: string }
  | { readonly kind: 'ascii'; readonly code: number }
  | { readonly kind: 'decimal'; readonly x: number }
  | { readonly kind: 'take' };

const op: fc.Arbitrary<Op> = fc.oneof(
  // Long texts and multi-byte characters (2, 3 and 4 bytes in UTF-8; well-formed, so no surrogate halves pair up across writes) to fall across a growth.
  fc.string({ unit: 'grapheme', maxLength: 600 }).map((s) => ({ kind: 'text' as const, s })),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => ({ kind: 'bytes' as const, s })),
  fc.integer({ min: 0, max: 127 }).map((code) => ({ kind: 'ascii' as const, code })),
  fc.double().map((x) => ({ kind: 'decimal' as const, x })),
  fc.constant({ kind: 'take' as const }),
);

describe('RowBytes', () => {
  it('holds the UTF-8 of the concatenated writes, across growth and takes', () => {
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.array(op, { maxLength: 40 }), (guess, ops) => {
        const out = new RowBytes(guess);
        let expected = '';
        const taken: Uint8Array[] = [];
        for (const o of ops) {
          if (o.kind === 'text') {
            out.text(o.s);
            expected += o.s;
          } else if (o.kind === 'bytes') {
            out.bytes(encoder.encode(o.s));
            expected += o.s;
          } else if (o.kind === 'ascii') {
            out.ascii(o.code);
            expected += String.fromCharCode(o.code);
          } else if (o.kind === 'decimal') {
            out.decimal(o.x);
            expected += plainDecimal(o.x);
          } else taken.push(out.take());
        }
        taken.push(out.take());
        expect(out.length).toBe(0);
        // Each take its own bytes: the later writes did not overwrite an earlier take.
        const joined = Buffer.concat(taken);
        expect(joined.equals(Buffer.from(encoder.encode(expected)))).toBe(true);
        expect(decoder.decode(joined)).toBe(decoder.decode(encoder.encode(expected)));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the longest plain decimals whole (the largest and the smallest doubles)', () => {
    const out = new RowBytes(1);
    for (const x of [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -2.2250738585072014e-308]) out.decimal(x);
    const text = new TextDecoder().decode(out.take());
    expect(text).toBe(
      [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -2.2250738585072014e-308].map(plainDecimal).join(''),
    );
    expect(plainDecimal(-2.2250738585072014e-308)).toMatch(/^-0\.0{307}22250738585072$/);
  });
});
