/**
 * Hostile-input guards for every YAML file infercost reads, before any schema
 * sees it: encoding, size, binary data, nesting depth, syntax (in plain words),
 * unknown tags, keys that are not names, duplicate keys, alias bombs. Each
 * problem names its line:column and, where it has one, its field path.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { InputError, type InputProblem } from '../errors.js';
import { positionOf, type Position } from './positions.js';
import { reportable } from './problems.js';
import { readPlainYaml } from './yaml-plain.js';
import { DEFAULT_MAX_INPUT_BYTES, lineColumn } from './text.js';

export { DEFAULT_MAX_INPUT_BYTES, decodeUtf8 } from './text.js';

/** Most alias (`*name`) expansions one file may use: stops "billion laughs" expansion bombs. */
export const MAX_YAML_ALIASES = 100;
/** Deepest nesting of lists and maps accepted; a scenario needs fewer than ten. */
export const MAX_NESTING = 100;

export interface ParsedYaml {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The document as plain data (maps as objects). */
  readonly raw: unknown;
}

/** Where nesting passes the limit: the outermost bracket of a too-deep flow run ([ and { outside quotes and comments), or a too-deep indentation. */
function tooDeep(text: string): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) comment = true;
    else if (c === '[' || c === '{') {
      open.push(i);
      if (open.length > MAX_NESTING) return open[0];
    } else if (c === ']' || c === '}') open.pop();
  }
  // Block nesting: an indentation this deep is the same problem.
  const m = new RegExp(`^ {${MAX_NESTING * 2},}\\S`, 'm').exec(text);
  return m?.index;
}

/** The flow collection left open before `offset`: where its opening bracket is. */
function unclosedOpener(text: string, offset: number): number | undefined {
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i - 1] !== '\\') quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') stack.push(i);
    else if (c === ']' || c === '}') stack.pop();
  }
  return stack[stack.length - 1];
}

const keyName = (key: unknown): string => (isScalar(key) ? String(key.value) : String(key));

/** The field path of the innermost node at `offset`. */
function pathAt(doc: Document, offset: number): string {
  let best: string[] = [];
  const contains = (n: Node | null | undefined, o: number): boolean => {
    const r = n?.range;
    return r != null && r[0] <= o && o <= r[2];
  };
  const walk = (node: unknown, path: string[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const start = key?.range?.[0] ?? Infinity;
        const end = value?.range?.[2] ?? key?.range?.[2] ?? -1;
        if (start <= offset && offset <= end) {
          best = [...path, keyName(key)];
          walk(value, best);
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (contains(item as Node, offset)) {
          best = [...path, String(i)];
          walk(item, best);
        }
      });
    }
  };
  walk(doc.contents, []);
  return best.join('.');
}

function syntaxProblems(text: string, doc: Document): InputProblem[] {
  const errors = doc.errors;
  const first = errors[0];
  if (first === undefined) return [];
  // After the first syntax error the parser is lost; what follows is noise (tabs excepted: each line is its own mistake).
  const kept = first.code === 'TAB_AS_INDENT' ? errors.filter((e) => e.code === 'TAB_AS_INDENT') : [first];
  return kept.map((e) => {
    const pos = e.linePos?.[0];
    let at = pos ? { line: pos.line, column: pos.col } : undefined;
    let message = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
    if (e.code === 'MULTIPLE_DOCS')
      message =
        'the file holds several YAML documents (separated by ---); a scenario file holds one: split them into separate files';
    else if (e.code === 'MULTILINE_IMPLICIT_KEY')
      message = 'this line has no colon: expected "key: value", or "key:" followed by an indented block';
    else if (e.code === 'BAD_INDENT' && /^Flow (map|sequence)/.test(message)) {
      const opener = unclosedOpener(text, e.pos[0]);
      if (opener !== undefined) {
        const open = text[opener] as string;
        at = lineColumn(text, opener);
        message = `this ${open} is never closed: expected a ${open === '{' ? '}' : ']'} before line ${pos?.line ?? '?'}`;
      }
    }
    return { path: '', ...at, message: `YAML syntax: ${message}` };
  });
}

/** Keys that are lists or maps, and keys given twice in one map. */
function keyProblems(text: string, doc: Document, lineCounter: LineCounter): InputProblem[] {
  const problems: InputProblem[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const keyPos = key?.range ? lineCounter.linePos(key.range[0]) : undefined;
        const where = keyPos ? { line: keyPos.line, column: keyPos.col } : {};
        if (isCollection(key)) {
          problems.push({
            path: path.join('.'),
            ...where,
            message: `expected a field name as a key, got a ${isSeq(key) ? 'list' : 'map'} (${text.slice(key.range?.[0], key.range?.[1]).replace(/\s+/g, ' ').trim()})`,
          });
          continue;
        }
        const name = keyName(key);
        const firstLine = seen.get(name);
        if (firstLine !== undefined)
          problems.push({
            path: [...path, name].join('.'),
            ...where,
            message: `duplicate key (first set on line ${firstLine}): keep one of them`,
          });
        else seen.set(name, keyPos?.line ?? 0);
        walk(pair.value, [...path, name]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, String(i)]));
  };
  walk(doc.contents, []);
  return problems;
}

export interface ParseYamlOptions {
  /** Default DEFAULT_MAX_INPUT_BYTES. */
  readonly maxBytes?: number | undefined;
  /** What the file is, for messages: `scenario file`, `fleet file`, `roadmap`. */
  readonly kind: string;
}

/** The prefix of YAML's own tags (`!!int` is `tag:yaml.org,2002:int`). */
const STANDARD_TAG = 'tag:yaml.org,2002:';

/**
 * The checks every YAML text passes before a parser sees it: size, binary data, nesting. Returns
 * the text with CR-only line breaks made LF.
 */
function guarded(source: string, file: string, opts: ParseYamlOptions): string {
  // YAML 1.2 breaks lines at CR, LF or CRLF (spec §5.4, b-break); the parser knows only the last
  // two, so a file saved with CR alone (classic Mac) read as one long line. Same length: every
  // offset, and so every line:column, stays where it was.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    throw new InputError(file, [
      {
        path: '',
        message: `file is larger than the ${maxBytes}-byte limit for an input file (raise it with --max-input-bytes)`,
      },
    ]);
  if (text.includes('\u0000'))
    throw new InputError(file, [
      { path: '', message: 'expected YAML text, got binary data (the file contains NUL bytes)' },
    ]);
  const deep = tooDeep(text);
  if (deep !== undefined)
    throw new InputError(file, [
      {
        path: '',
        ...lineColumn(text, deep),
        message: `YAML syntax: lists and maps nested too deeply (more than ${MAX_NESTING} levels); a scenario needs only a few`,
      },
    ]);
  return text;
}

export function parseYamlText(source: string, file: string, opts: ParseYamlOptions): ParsedYaml {
  return parseGuarded(guarded(source, file, opts), file);
}

/** A guarded text through `yaml`'s document API: every syntax, tag, key and alias problem located. */
function parseGuarded(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: true,
    strict: true,
    logLevel: 'error',
  });
  if (doc.errors.length > 0) throw new InputError(file, syntaxProblems(text, doc));

  const problems: InputProblem[] = doc.warnings.map((w) => {
    const pos = w.linePos?.[0];
    const at = pos ? { line: pos.line, column: pos.col } : {};
    const tag = /Unresolved tag: (\S+)/.exec(w.message)?.[1];
    return {
      path: pathAt(doc, w.pos[0]),
      ...at,
      message: tag
        ? tag.startsWith(STANDARD_TAG)
          ? // A standard tag the value does not fit (`!!int "abc"`): the tag is known, the value is not one.
            `YAML tag !!${tag.slice(STANDARD_TAG.length)} does not fit this value: write the value itself, without the tag`
          : `unknown YAML tag ${tag} (tags are not expanded): write the value itself`
        : `YAML: ${(w.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
    };
  });
  problems.push(...keyProblems(text, doc, lineCounter));
  if (problems.length > 0) throw new InputError(file, reportable(problems));

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch {
    // An alias whose anchor is not set before it, else too many expansions (an alias bomb).
    const anchors = new Set<string>();
    let unresolved: Alias | undefined;
    let first: Node | undefined;
    visit(doc, (_, node) => {
      if (isAlias(node)) {
        first ??= node;
        if (!anchors.has(node.source)) {
          unresolved = node;
          return visit.BREAK;
        }
      } else if (isNode(node) && node.anchor !== undefined) anchors.add(node.anchor);
      return undefined;
    });
    const at = unresolved ?? first;
    const pos = at?.range ? lineCounter.linePos(at.range[0]) : undefined;
    throw new InputError(file, [
      {
        path: '',
        ...(pos ? { line: pos.line, column: pos.col } : {}),
        message:
          unresolved !== undefined
            ? `YAML alias *${unresolved.source} has no anchor &${unresolved.source} before it: define the anchor first, or write the value itself`
            : `YAML aliases expand too far: at most ${MAX_YAML_ALIASES} alias expansions are allowed`,
      },
    ]);
  }
  return { doc, lineCounter, raw };
}

export type Locate = (path: readonly (string | number)[], at?: 'key' | 'value') => Position | undefined;

export interface YamlMapOptions extends ParseYamlOptions {
  /** What its top level should hold, for messages: `name, model, hardware and traffic`. */
  readonly expected: string;
  /** The thing in the file, for "the file has no … in it": `scenario`, `fleet`. */
  readonly noun: string;
}

export interface YamlMap {
  /** The top-level map as plain data. */
  readonly raw: Record<string, unknown>;
  /**
   * Whether the file itself sets the field at `path` (a key there, whatever its value; lists not
   * descended): the document's answer where `yaml` read the file (an alias is not the field
   * itself), the data's for a file the quick reader read (no aliases there), without building the
   * document for it.
   */
  readonly has: (path: readonly string[]) => boolean;
  /** A field path's place in the file (its nearest enclosing place when the path is not there). */
  readonly locate: Locate;
}

/** Whether plain data sets the field at `segments`: a map key at each step (lists are not descended). */
function isSetIn(raw: Readonly<Record<string, unknown>>, segments: readonly string[]): boolean {
  let node: unknown = raw;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

/**
 * Text → the top-level map of one YAML document, or an InputError saying why not. A file in the
 * plain subset of yaml-plain.ts is read by it, and `yaml` builds the document (for `locate`) only
 * when a place in the file is asked for; any other file goes through `yaml` at once.
 */
export function parseYamlMap(source: string, file: string, opts: YamlMapOptions): YamlMap {
  const text = guarded(source, file, opts);
  const quick = readPlainYaml(text);
  let parsed = quick === undefined ? parseGuarded(text, file) : undefined;
  const raw = quick === undefined ? parsed?.raw : quick.value;
  const top = (message: string): never => {
    throw new InputError(file, [{ path: '', line: 1, column: 1, message }]);
  };
  if (raw === null || raw === undefined)
    top(`the file has no ${opts.noun} in it (empty, or only comments): expected a map with ${opts.expected}`);
  if (typeof raw !== 'object' || Array.isArray(raw))
    top(
      `expected a map with ${opts.expected} at the top level, got ${Array.isArray(raw) ? 'a list' : `a single value (${JSON.stringify(typeof raw === 'string' && raw.length > 60 ? `${raw.slice(0, 57)}...` : raw)})`}`,
    );
  const locate: Locate = (path, at = 'value') => {
    parsed ??= parseGuarded(text, file);
    return positionOf(parsed.doc, parsed.lineCounter, path, at);
  };
  const map = raw as Record<string, unknown>;
  return {
    raw: map,
    locate,
    has: quick === undefined ? (path) => locate(path)?.exact === true : (path) => isSetIn(map, path),
  };
}
