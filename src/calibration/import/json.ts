/** Reading loosely typed JSON from benchmark tools: objects, nested paths, numbers (or numeric text). */
export type Obj = Readonly<Record<string, unknown>>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `at(o, 'a', 'b')` is `o.a.b`, or undefined where a step is not an object. */
export const at = (o: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

/** A finite number, or numeric text, else null. */
export const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
