/**
 * Options for every parse of a user's document. Each schema parses a few
 * documents per run: zod's JIT-compiled fast path costs more to build than it
 * saves (measured: ~3 ms of a ~150 ms CLI start), so it is skipped per call —
 * not with `z.config`, which would change zod for a library user's own schemas.
 */
export const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;
