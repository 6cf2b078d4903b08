/**
 * The bundle's stand-in for cli-table3's string-width (scripts/string-width-fast.cjs) must give
 * string-width's answer for every string: the fast path only for text it can count by length,
 * string-width itself for the rest (escapes, emoji, combining marks, wide characters).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const fast = require(path.resolve(__dirname, '../../scripts/string-width-fast.cjs')) as (s: string) => number;
const stringWidth = require('string-width') as (s: string) => number;

describe('string-width-fast', () => {
  it('is string-width on the characters the tables print and on the ones that need string-width', () => {
    const chars = fc.constantFrom(
      ...'aZ09 .,:;$%|/()[]-+=*#~',
      ...'éüß×·°±µ\u00a0\u00ad—–…→←≤≥≈′″',
      '\u00a9', // ©, an emoji in emoji-regex
      '\u00ae', // ®
      '\u2122', // ™
      '\u2194', // ↔, an emoji arrow beside the plain ones
      '\u203c', // ‼
      '\u0301', // a combining accent
      '中', // wide
      '\u{1f600}', // 😀
      '1\ufe0f\u20e3', // a keycap: ASCII then the emoji parts
      '\x1b[31m', // colour, as chalk writes it
      '\x1b[39m',
      '\t',
      '\x7f',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(fast(s)).toBe(stringWidth(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts plain text by its length, and wide or emoji text as string-width does', () => {
    expect(fast('$0.000465 — 1/5.77 × 2')).toBe(22);
    expect(fast('中文')).toBe(4);
    expect(fast('©')).toBe(stringWidth('©'));
    expect(fast('')).toBe(0);
  });
});
