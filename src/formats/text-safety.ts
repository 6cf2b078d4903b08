/**
 * Hostile text kept from terminals and reports. Names, descriptions, ids and
 * keys come from input files; a file can hold escape sequences (clear the
 * screen, set the window title, plant a hyperlink), direction overrides
 * (U+202E) and zero-width characters that make a message read differently
 * from what it says. One sanitiser per output kind:
 *
 * - `terminalText`: every byte the CLI writes to stdout, stderr or an --output
 *   file passes through it (cli/main.ts, cli/files.ts, cli/sink.ts): control
 *   and invisible characters are shown escaped (`\x1b`, `\u202e`); only the
 *   colour codes the CLI itself emits on a colour terminal pass. JSON stays
 *   valid: raw C0 controls never occur in it (JSON.stringify escapes them), and
 *   what is escaped here as `\uXXXX` is a JSON escape of the same character.
 * - `singleLine`: a name inside one line (a table cell, an annotation): the
 *   above, and newlines and tabs too.
 * - `markdownText`, HTML's `esc`, JUnit's `xmlEscape`, GitHub's annotation
 *   escaping: their format's own escaping on top.
 */

/** Zero-width, direction-changing and line-separating characters: invisible in a terminal, but they move or hide text. */
const INVISIBLE = '\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff';
/**
 * Unicode tag characters (U+E0000-U+E007F, as UTF-16 surrogate pairs): invisible, they spell hidden
 * ASCII text ("ASCII smuggling"). Outside a character class: each is two code units.
 */
const TAGS = '\\udb40[\\udc00-\\udc7f]';
/** C0 controls but tab and newline (carriage return included: it overwrites a line), DEL and C1 controls. */
const CONTROL = '\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f';
/** The same without the carriage return (\x0d). */
const CONTROL_BUT_CR = '\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f';

/**
 * What terminalText would change: an unsafe character other than a carriage
 * return, or a carriage return not before a newline. A CSV row's CRLF passes
 * unchanged, so a sweep's million rows skip the character-by-character pass
 * (a leading carriage return, which passes too, takes that pass and comes out
 * the same).
 */
const UNSAFE = new RegExp(`[${CONTROL_BUT_CR}${INVISIBLE}]|\\r(?!\\n)|${TAGS}`);
const UNSAFE_ALL = new RegExp(`[${CONTROL}${INVISIBLE}]|${TAGS}`, 'g');
/** SGR colour codes as chalk writes them (ESC [ digits ; … m). */
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const SGR = /\x1b\[[0-9;]*m/y;

/** A character as its escape: `\\x1b`, `\\u202e`; a surrogate pair as its two `\\u` halves (a JSON escape too). */
function visible(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) {
    const code = ch.charCodeAt(i);
    // C0 controls as \x1b; DEL and up as \u007f: JSON.stringify leaves DEL raw, and \x is no JSON escape.
    out += code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/**
 * Text for a terminal or a text file: control and invisible characters shown
 * escaped. `keepSgr`: let colour codes through (a colour terminal). A carriage
 * return passes at the start of a write (a progress bar redrawing its line)
 * and before a newline (CSV's CRLF).
 */
export function terminalText(text: string, keepSgr = false): string {
  if (!UNSAFE.test(text)) return text;
  let out = '';
  let last = 0;
  UNSAFE_ALL.lastIndex = 0;
  for (let m = UNSAFE_ALL.exec(text); m !== null; m = UNSAFE_ALL.exec(text)) {
    const i = m.index;
    const ch = m[0];
    // A carriage return starting a write (a progress bar redrawing its line) or ending a CSV record (CRLF).
    if (ch === '\r' && (i === 0 || text.charCodeAt(i + 1) === 10)) continue;
    if (ch === '\x1b' && keepSgr) {
      SGR.lastIndex = i;
      if (SGR.test(text)) {
        UNSAFE_ALL.lastIndex = SGR.lastIndex;
        continue;
      }
    }
    out += text.slice(last, i) + visible(ch);
    last = i + ch.length;
  }
  return out + text.slice(last);
}

/** A name inside one line: control and invisible characters, newlines and tabs shown escaped. */
export function singleLine(text: string): string {
  return terminalText(text).replace(/[\n\t]/g, (ch) => (ch === '\n' ? '\\n' : '\\t'));
}

/** A Markdown table cell (a pull-request comment): one line, pipes escaped, HTML shown as text. */
export function markdownText(text: string): string {
  return singleLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

const INVISIBLE_ALL = new RegExp(`[${INVISIBLE}]|${TAGS}`, 'g');

/** Invisible and direction-changing characters shown escaped (for HTML and XML, which escape the rest themselves). */
export function invisibleShown(text: string): string {
  return text.replace(INVISIBLE_ALL, visible);
}
