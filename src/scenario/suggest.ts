/** "Did you mean …": the known names closest to a misspelt one. */

/** Levenshtein edit distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] ?? 0;
}

/** The longest typed name suggestions are looked for. */
const MAX_SUGGESTED_LENGTH = 200;

/**
 * The known names nearest the typed one: those tied for the fewest edits
 * (within a third of its length, at least 2), and those it is a prefix of or
 * that are a prefix of it; at most `limit`.
 */
export function closest(typed: string, known: readonly string[], limit = 3): string[] {
  // A name far longer than any known one has no near name (and edits over it cost its length squared).
  if (typed.length > MAX_SUGGESTED_LENGTH) return [];
  const t = typed.toLowerCase();
  const threshold = Math.max(2, Math.floor(t.length / 3));
  // Each known name once: a list of names may repeat one (two workloads of the same name).
  const scored = [...new Set(known)].map((k) => {
    const lower = k.toLowerCase();
    return { k, d: editDistance(t, lower), prefix: lower.startsWith(t) || t.startsWith(lower) };
  });
  const best = Math.min(threshold + 1, ...scored.map((x) => x.d));
  return scored
    .filter(({ d, prefix }) => (d === best && d <= threshold) || prefix)
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, limit)
    .map(({ k }) => k);
}

export function didYouMean(typed: string, known: readonly string[]): string {
  const near = closest(typed, known);
  if (near.length === 0) return '';
  return ` (did you mean ${near.map((k) => `"${k}"`).join(' or ')}?)`;
}
