/**
 * A quick reader for the plain YAML that infercost's files are written in:
 * block maps and lists, comments, plain, quoted and `>`/`|` block scalars, and
 * flow lists and maps (`[0.1, 0.2]`, `{ p90: 300 }`) — what `yaml`'s document
 * API costs ~2 ms a file to build and the first parse of a process far more.
 *
 * It answers only when sure: on anything outside that subset (anchors, tags,
 * multi-line plain or quoted scalars, numbers written other than in decimal,
 * keys that are not plain names, duplicate keys, tabs, CR, unusual characters…)
 * it returns undefined, and the caller parses with `yaml`, which also words
 * every problem. Where it answers, the data is what `yaml`'s core schema gives
 * (test/unit/yaml-plain.test.ts compares the two on every YAML file in the
 * repository and on generated documents built from the edge cases).
 */

/** Deeper than this, lists and maps go to `yaml` (and to yaml-text.ts's limit, MAX_NESTING). */
const MAX_DEPTH = 100;
/** Thrown inside the reader when the text leaves the subset; never escapes. Made once: no stack per throw. */
const UNSUPPORTED = new Error('outside the plain YAML subset');

/**
 * Characters that send a file to `yaml`: controls, line and paragraph separators, the byte order
 * mark, and the spaces other than ASCII's (no-break, ideographic, …), which JavaScript's trim
 * removes but YAML does not count as white space.
 */
const UNUSUAL_CHARACTER =
  /[^\n\x20-\x7e\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ud7ff\ue000-\ufefe\uff00-\ufffd\ud800-\udfff]/;
/** A key `yaml` reads as a plain string: a name, at most 1,000 characters (its limit is 1,024). */
const KEY = /^([A-Za-z][A-Za-z0-9_.-]{0,999}|_[A-Za-z0-9_.-]{0,998}):(?= |$)/;
/** YAML 1.2 core-schema words (spec §10.3.2). */
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLEANS = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
/** Decimal numbers as the core schema reads them, at most 15 integer digits (beyond, parseInt and Number may round apart). */
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]+)?(?:[eE][-+]?[0-9]{1,3})?$/;
/** Characters that start something other than a plain string (spec §5.3, c-indicator), or a number in another form. */
const SPECIAL_START = /^[-?:,[\]{}#&*!|>'"%@`0-9+.]/;

function unsupported(): never {
  throw UNSUPPORTED;
}

/** A plain scalar's value: null, a boolean, a decimal number or a string. */
function plainValue(s: string): unknown {
  if (NULLS.has(s)) return null;
  const b = BOOLEANS.get(s);
  if (b !== undefined) return b;
  if (DECIMAL.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : unsupported();
  }
  // Other numbers (hex, octal, leading zeros, .inf), indicators: `yaml` decides.
  return SPECIAL_START.test(s) ? unsupported() : s;
}

/** A quoted scalar that opens at `text[at]` and closes on the same line: its value and the index after it. */
function quoted(text: string, at: number): { value: string; end: number } {
  const quote = text[at];
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c !== "'") value += c;
      else if (text[i + 1] === "'") {
        value += "'";
        i++;
      } else return { value, end: i + 1 };
    } else if (c === '"') return { value, end: i + 1 };
    else if (c !== '\\') value += c;
    else {
      const e = text[++i];
      if (e === '\\' || e === '"' || e === '/') value += e;
      else if (e === 'n') value += '\n';
      else if (e === 't') value += '\t';
      else unsupported();
    }
  }
  return unsupported();
}

/** Nothing but spaces and a comment from `at` to the end of the line. */
function restIsComment(text: string, at: number): boolean {
  const rest = text.slice(at);
  const t = rest.trimStart();
  return t === '' || (t.startsWith('#') && t.length < rest.length);
}

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__' || NULLS.has(key) || BOOLEANS.has(key) || Object.hasOwn(map, key)) unsupported();
  map[key] = value;
}

class Reader {
  private readonly lines: string[];
  private i = 0;
  /** Lists and maps open around the current one. */
  private depth = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /** The document's value: a block map or list (anything else goes to `yaml`). */
  document(): unknown {
    this.skip();
    if (this.lines[this.i] === '---') {
      this.i++;
      this.skip();
    }
    if (this.i >= this.lines.length) unsupported();
    const value = this.block(-1, false);
    this.skip();
    return this.i < this.lines.length ? unsupported() : value;
  }

  /** Move to the next line that is not blank or a comment. */
  private skip(): void {
    for (; this.i < this.lines.length; this.i++) {
      const t = (this.lines[this.i] as string).trimStart();
      if (t !== '' && !t.startsWith('#')) return;
    }
  }

  private indent(line: string): number {
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    return n;
  }

  private isItem(content: string): boolean {
    return content === '-' || content.startsWith('- ');
  }

  /** The block map or list at the current line, indented more than `parent` (or as much, for a list). */
  private block(parent: number, listAtParent: boolean): unknown {
    if (++this.depth > MAX_DEPTH) unsupported();
    const line = this.lines[this.i] as string;
    const n = this.indent(line);
    const content = line.slice(n);
    if (this.isItem(content)) {
      if (!(n > parent || (listAtParent && n === parent))) unsupported();
      const list = this.list(n);
      this.depth--;
      return list;
    }
    if (n <= parent || !KEY.test(content)) unsupported();
    const map = this.map(n);
    this.depth--;
    return map;
  }

  private map(n: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.i] as string;
      const content = line.slice(n);
      const m = KEY.exec(content) ?? unsupported();
      const key = m[1] as string;
      setKey(map, key, this.value(line, n + m[0].length, n, true));
      this.skip();
      if (this.i >= this.lines.length) return map;
      const next = this.lines[this.i] as string;
      const indent = this.indent(next);
      if (indent < n || (indent === n && this.isItem(next.slice(n)))) return map;
      if (indent > n) unsupported();
    }
  }

  private list(n: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i] as string;
      const after = line.slice(n + 1);
      const spaces = this.indent(after);
      const content = after.slice(spaces);
      if (content !== '' && !content.startsWith('#') && (KEY.test(content) || this.isItem(content))) {
        // `- key: value` or `- - x`: the item is a block node at the column after the dash.
        this.lines[this.i] = ' '.repeat(n + 1 + spaces) + content;
        list.push(this.block(n, false));
      } else list.push(this.value(line, n + 1, n, false));
      this.skip();
      if (this.i >= this.lines.length) return list;
      const next = this.lines[this.i] as string;
      const indent = this.indent(next);
      if (indent < n || (indent === n && !this.isItem(next.slice(n)))) return list;
      if (indent > n) unsupported();
    }
  }

  /**
   * The value that starts at `line[at]` (after `key:` or `-`), in a node indented `n`: empty (a
   * nested block or null), a flow collection, a block scalar, a quoted or a plain scalar. Leaves the
   * cursor after the lines it used.
   */
  private value(line: string, at: number, n: number, listAtParent: boolean): unknown {
    const start = at + this.indent(line.slice(at));
    const c = line[start];
    // Nothing, or a comment (a `#` here follows the space after `:` or `-`): a nested block, or null.
    if (c === undefined || c === '#') {
      this.i++;
      this.skip();
      if (this.i < this.lines.length) {
        const next = this.lines[this.i] as string;
        const indent = this.indent(next);
        if (indent > n || (listAtParent && indent === n && this.isItem(next.slice(n))))
          return this.block(n, listAtParent);
      }
      return null;
    }
    if (c === '[' || c === '{') return this.flow(start, n);
    if (c === '>' || c === '|') return this.blockScalar(line, start, n);
    let value: unknown;
    if (c === '"' || c === "'") {
      const q = quoted(line, start);
      if (!restIsComment(line, q.end)) unsupported();
      value = q.value;
    } else {
      const hash = line.slice(start).search(/ #/);
      const text = (hash < 0 ? line.slice(start) : line.slice(start, start + hash)).trimEnd();
      if (text.includes(': ') || text.endsWith(':')) unsupported();
      value = plainValue(text);
    }
    this.i++;
    // A more indented line next would continue a multi-line scalar (or be a mistake): `yaml` decides.
    this.skip();
    if (this.i < this.lines.length && this.indent(this.lines[this.i] as string) > n) unsupported();
    return value;
  }

  /** `>` (folded) or `|` (literal), clipped or `-` stripped, its lines all at one indentation. */
  private blockScalar(line: string, start: number, n: number): string {
    const header = line.slice(start).match(/^([>|])(-?)(?= |$)/) ?? unsupported();
    if (!restIsComment(line, start + header[0].length)) unsupported();
    const folded = header[1] === '>';
    const parts: string[] = [];
    let indent = -1;
    let j = this.i + 1;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j] as string;
      if (l.trim() === '') {
        if (indent < 0 || l.length > indent) unsupported();
        parts.push('');
        continue;
      }
      const k = this.indent(l);
      if (indent < 0) {
        if (k <= n) break;
        indent = k;
      }
      if (k < indent) break;
      if (k > indent || l.endsWith(' ')) unsupported();
      parts.push(l.slice(indent));
    }
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    if (parts.length === 0) unsupported();
    this.i = j;
    let text = '';
    for (let p = 0, blanks = 0; p < parts.length; p++) {
      const part = parts[p] as string;
      if (part === '') blanks++;
      else {
        if (p > 0) text += folded ? (blanks === 0 ? ' ' : '\n'.repeat(blanks)) : '\n'.repeat(blanks + 1);
        text += part;
        blanks = 0;
      }
    }
    return header[2] === '-' ? text : `${text}\n`;
  }

  /** A flow list or map opening at `this.lines[this.i][start]`, perhaps over several lines, each indented more than `n`. */
  private flow(start: number, n: number): unknown {
    let line = this.lines[this.i] as string;
    let col = start;
    const space = () => {
      for (;;) {
        while (line[col] === ' ') col++;
        if (col < line.length && !(line[col] === '#' && (col === 0 || line[col - 1] === ' '))) return;
        // Past the end of this line (or a comment): the next, indented more than the block around it.
        if (++this.i >= this.lines.length) unsupported();
        line = this.lines[this.i] as string;
        col = 0;
        if (line.trim() !== '' && this.indent(line) <= n) unsupported();
      }
    };
    const node = (): unknown => {
      space();
      const c = line[col];
      if (c === '[' || c === '{') {
        if (++this.depth > MAX_DEPTH) unsupported();
        const close = c === '[' ? ']' : '}';
        const list: unknown[] = [];
        const map: Record<string, unknown> = {};
        col++;
        space();
        if (line[col] === close) {
          col++;
          this.depth--;
          return c === '[' ? list : map;
        }
        for (;;) {
          if (c === '[') list.push(node());
          else {
            space();
            const m = KEY.exec(line.slice(col)) ?? unsupported();
            col += m[0].length;
            setKey(map, m[1] as string, node());
          }
          space();
          const d = line[col++];
          if (d === close) {
            this.depth--;
            return c === '[' ? list : map;
          }
          if (d !== ',') unsupported();
          space();
          if (line[col] === ']' || line[col] === '}') unsupported(); // a trailing comma
        }
      }
      if (c === '"' || c === "'") {
        const q = quoted(line, col);
        col = q.end;
        return q.value;
      }
      const m = /^[^,[\]{}]*/.exec(line.slice(col)) as RegExpExecArray;
      let token = m[0];
      const hash = token.search(/ #/);
      if (hash >= 0) token = token.slice(0, hash);
      col += token.length;
      token = token.trimEnd();
      if (token === '' || token.includes(':')) unsupported();
      return plainValue(token);
    };
    const value = node();
    if (!restIsComment(line, col)) unsupported();
    this.i++;
    return value;
  }
}

/**
 * The value of a YAML document in the plain subset above, or undefined when
 * the text goes beyond it (then `yaml` must read it). Expects text already past
 * the guards of yaml-text.ts (size, NUL bytes, nesting).
 */
export function readPlainYaml(text: string): { readonly value: unknown } | undefined {
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    return { value: new Reader(text).document() };
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}
