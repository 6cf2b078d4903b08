/** The keys a zod object schema allows at a path (for "did you mean" on unknown keys). */
import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: Walkable;
  in?: Walkable;
  shape?: Record<string, Walkable>;
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
    else break;
  }
  return cur;
}

export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s = unwrap(schema as unknown as Walkable);
  for (const segment of path) {
    const shape = s?._zod.def.type === 'object' ? s._zod.def.shape : undefined;
    s = unwrap(shape?.[String(segment)]);
  }
  const shape = s?._zod.def.type === 'object' ? s._zod.def.shape : undefined;
  return shape ? Object.keys(shape) : [];
}
