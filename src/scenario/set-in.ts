/**
 * Setting one field of a plain-data scenario, copying only the objects on the
 * way: what a sweep axis's patches do. No schema here, so a sweep worker
 * (cli/sweep-worker.ts) can rebuild the patches from plain data.
 */
import type { Scenario } from './schema.js';

/** Sets one axis value on a scenario. */
export type Patch = (s: Scenario) => Scenario;

export function setIn(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  return setFrom(obj, path, 0, value);
}

/** setIn from `path[at]` on: an index, not `[head, ...rest]` (that runs the iterator and copies the path, per level). */
function setFrom(
  obj: Record<string, unknown>,
  path: readonly string[],
  at: number,
  value: unknown,
): Record<string, unknown> {
  if (at >= path.length) return obj;
  const head = path[at] as string;
  const child = obj[head];
  const next =
    at === path.length - 1
      ? value
      : setFrom(
          typeof child === 'object' && child !== null && !Array.isArray(child)
            ? (child as Record<string, unknown>)
            : {},
          path,
          at + 1,
          value,
        );
  // Object.assign, not a spread with a computed key: the same keys in the same order, ~3x faster in V8
  // (a sweep copies the path to its field for every point).
  const copy = Object.assign({}, obj);
  copy[head] = next;
  return copy;
}

/** One patch per setting: each puts its value at `section`. */
export function patchesOf(section: readonly string[], settings: readonly unknown[]): Patch[] {
  return settings.map(
    (v): Patch =>
      (s) =>
        setIn(s, section, v) as unknown as Scenario,
  );
}
