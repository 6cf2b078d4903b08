/**
 * The element at an index the caller has just derived from the same array (a
 * loop bound, a found index): a checked narrowing in place of a non-null
 * assertion, so a wrong index fails loudly at its source rather than as an
 * undefined read further on.
 */
export function elementAt<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`internal: index ${i} outside 0..${xs.length - 1}`);
  return x;
}

/** The value under a key the caller knows is present (validated earlier): a checked narrowing, as `elementAt`. */
export function valueAt<K, V>(m: ReadonlyMap<K, V>, key: K): V {
  const v = m.get(key);
  if (v === undefined) throw new Error(`internal: no entry for ${String(key)}`);
  return v;
}
