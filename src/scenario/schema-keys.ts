/** The keys a zod object schema allows at a path (for "did you mean" on unknown keys). */
import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: Walkable;
  in?: Walkable;
  element?: Walkable;
  shape?: Record<string, Walkable>;
  options?: readonly Walkable[];
}
interface Walkable {
  _zod: { def: Def };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

function unwrap(s: Walkable | undefined): Walkable | undefined {
  let cur = s;
  while (cur !== undefined) {
    const def = cur._zod.def;
    if (WRAPPERS.has(def.type)) cur = def.innerType;
    else if (def.type === 'pipe') cur = def.in;
    // A value of several shapes (a token count: a number or a distribution): its map-shaped one has the keys.
    else if (def.type === 'union') cur = def.options?.find((o) => unwrap(o)?._zod.def.type === 'object');
    else break;
  }
  return cur;
}

/** The schema of the field at `path` (wrappers such as optional/default kept), if the path exists. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: Walkable | undefined = schema;
  for (const segment of path) {
    const inner = unwrap(s);
    const shape = inner?._zod.def.type === 'object' ? inner._zod.def.shape : undefined;
    s = shape?.[String(segment)];
    if (s === undefined) return undefined;
  }
  return s as unknown as z.ZodType;
}

export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s = unwrap(schema);
  for (const segment of path) {
    const def = s?._zod.def;
    // Into a list's items (`extra_factors.0`), or a map's field.
    if (def?.type === 'array') s = typeof segment === 'number' ? unwrap(def.element) : undefined;
    else s = unwrap(def?.type === 'object' ? def.shape?.[String(segment)] : undefined);
  }
  const shape = s?._zod.def.type === 'object' ? s._zod.def.shape : undefined;
  return shape ? Object.keys(shape) : [];
}
