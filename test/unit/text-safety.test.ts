/**
 * terminalText's fast path (a row whose only control characters are the CR of
 * CRLF skips the character-by-character pass) against the rule itself, written
 * out here character by character: every unsafe character shown escaped, a
 * carriage return passing at the start of a write or before a newline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/formats/text-safety.js';

function unsafe(code: number): boolean {
  return (
    code <= 0x08 ||
    (code >= 0x0b && code <= 0x1f) ||
    (code >= 0x7f && code <= 0x9f) ||
    [0xad, 0x61c, 0x180e, 0xfeff].includes(code) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x206f)
  );
}

function reference(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    // A Unicode tag character (U+E0000-U+E007F): both halves of its surrogate pair, escaped.
    if (code === 0xdb40 && low >= 0xdc00 && low <= 0xdc7f) {
      out += `\\u${code.toString(16)}\\u${low.toString(16)}`;
      i++;
      continue;
    }
    const passes = code === 13 && (i === 0 || text.charCodeAt(i + 1) === 10);
    out +=
      unsafe(code) && !passes
        ? code < 0x20
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`
        : text[i];
  }
  return out;
}

describe('terminalText', () => {
  it('a CSV row with CRLF comes out unchanged; a lone CR, ESC or U+202E is shown escaped', () => {
    expect(terminalText('1,2,3\r\n4,5,6\r\n')).toBe('1,2,3\r\n4,5,6\r\n');
    expect(terminalText('\rprogress 50%')).toBe('\rprogress 50%');
    expect(terminalText('a\rb\r\n')).toBe('a\\x0db\r\n');
    expect(terminalText('x\x1b[2Jy\u202e')).toBe('x\\x1b[2Jy\\u202e');
    expect(terminalText('hi\u{e0041}\u{e0042}!')).toBe('hi\\udb40\\udc41\\udb40\\udc42!');
  });

  it('equals the rule character by character on any mix of CR, LF, controls and invisible characters', () => {
    const chars = fc.constantFrom(
      'a',
      ',',
      '\r',
      '\n',
      '\t',
      '\x1b',
      '\x0c',
      '\x0e',
      '\x7f',
      '\x9b',
      '\u202e',
      '\u200b',
      'é',
      '\u{e0041}', // tag characters: invisible ASCII
      '\u{e007f}',
      '\u{e0080}', // past the tags (a variation selector's plane): shown as it is
      '\u{1f600}',
      '\udb40', // half a pair: before another character it is no tag
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(terminalText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
