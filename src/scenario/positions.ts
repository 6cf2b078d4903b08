/**
 * Map a field path (`traffic.requests_per_day`) back to a line and column in
 * the YAML text, using the yaml package's document nodes and a LineCounter.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
  /** True when the path itself is in the file; false when this is the nearest enclosing place. */
  readonly exact: boolean;
}

type Segment = string | number;

/**
 * Where `path` is in the document. `at: 'key'` points at the key (for unknown
 * keys), `'value'` at the value (for wrong values). A path that is not in the
 * file resolves to the key of its nearest ancestor that is (or, inside a list,
 * to the list item).
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly Segment[],
  at: 'key' | 'value' = 'value',
): Position | undefined {
  let node: unknown = doc.contents;
  // The place to point at if the walk stops here: the last key found, or the document.
  let best: Node | undefined = doc.contents ?? undefined;
  let exact = true;
  let lastKey: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    let key: Node | undefined;
    let value: Node | undefined;
    if (isMap(node)) {
      // A key as the validated object names it: `1:`, `true:` and `~:` are the fields "1", "true" and "".
      const pair = node.items.find((p) => keyName(isScalar(p.key) ? p.key.value : p.key) === String(segment));
      key = pair && isScalar(pair.key) ? pair.key : undefined;
      value = (pair?.value as Node | null) ?? undefined;
      if (pair === undefined) exact = false;
    } else if (isSeq(node) && typeof segment === 'number') {
      value = (node.items[segment] as Node | undefined) ?? undefined;
      if (value === undefined) exact = false;
    } else {
      exact = false;
    }
    if (!exact) {
      best = lastKey ?? best;
      break;
    }
    // A key with no value (`field:`) is shown at the key; so is an unknown key.
    best = (last && at === 'key') || value === undefined ? (key ?? value ?? best) : value;
    if (!last && value === undefined) {
      exact = false;
      break;
    }
    // A list item has no key: it is its own place (a field missing from row 3 points at row 3).
    lastKey = key ?? (isSeq(node) ? value : lastKey);
    node = value;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, exact };
}

/** A map key's field name in the loaded object: its text for a scalar (null: ""), undefined for a map or list key. */
function keyName(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (typeof key === 'string') return key;
  return typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint' ? String(key) : undefined;
}
