/**
 * YAML inputs other than a scenario (fleet files, hardware roadmaps), loaded
 * the way a scenario is: the same guards on the text (size, binary, syntax,
 * alias bombs), presets resolved wherever a `model:`/`hardware:` block sits,
 * and every zod issue turned into a problem with line:column and field path.
 * Pure: the caller reads files.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import { issueMessages } from './issues.js';
import { DEFAULT_MAX_SCENARIO_BYTES, MAX_YAML_ALIASES, mergeMisspelt, sortProblems, yamlProblems } from './load.js';
import { positionOf, type Position } from './positions.js';
import { resolvePresets } from './resolve.js';
import { keysAt } from './schema-keys.js';

export type Segment = string | number;
export type Locate = (path: readonly Segment[], at?: 'key' | 'value') => Position | undefined;

export interface YamlMapOptions {
  readonly maxBytes?: number;
  /** What the file is, for messages: `fleet file`, `roadmap`. */
  readonly kind: string;
  /** What its top level should hold, for messages: `name and fleet`. */
  readonly expected: string;
}

export interface YamlMap {
  readonly raw: Record<string, unknown>;
  readonly locate: Locate;
}

/** Text → the top-level map of a YAML document, or an InputError saying why not. */
export function parseYamlMap(text: string, file: string, opts: YamlMapOptions): YamlMap {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_SCENARIO_BYTES;
  const fail = (problems: InputProblem[]): never => {
    throw new InputError(file, problems);
  };
  if (Buffer.byteLength(text, 'utf8') > maxBytes)
    fail([
      {
        path: '',
        message: `file is larger than the ${maxBytes}-byte limit for a ${opts.kind} (set --max-input-bytes to allow more)`,
      },
    ]);
  if (text.includes('\u0000'))
    fail([{ path: '', message: 'expected YAML text, got binary data (the file contains NUL bytes)' }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  if (doc.errors.length > 0)
    fail(
      yamlProblems(doc).map((p) => ({
        ...p,
        message: p.message.replace('a scenario file holds one', `a ${opts.kind} holds one`),
      })),
    );
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    fail([
      {
        path: '',
        message: `YAML aliases expand too far (${(e as Error).message}); at most ${MAX_YAML_ALIASES} alias expansions are allowed`,
      },
    ]);
  }
  if (raw === null || raw === undefined)
    fail([
      {
        path: '',
        line: 1,
        column: 1,
        message: `the file has no ${opts.kind} in it (empty, or only comments): expected a map with ${opts.expected}`,
      },
    ]);
  if (typeof raw !== 'object' || Array.isArray(raw))
    fail([
      {
        path: '',
        line: 1,
        column: 1,
        message: `expected a map with ${opts.expected} at the top level, got ${Array.isArray(raw) ? 'a list' : `a single value (${JSON.stringify(raw)})`}`,
      },
    ]);
  return {
    raw: raw as Record<string, unknown>,
    locate: (path, at = 'value') => positionOf(doc, lineCounter, path, at),
  };
}

/** Presets resolved across a file: problems, which values came from which preset, sections that failed. */
export interface PresetResolution {
  readonly problems: { readonly segments: readonly Segment[]; readonly message: string }[];
  /** Dotted path → preset id. */
  readonly presetPaths: Map<string, string>;
  /** Dotted paths of blocks whose preset could not be used (their other problems are noise). */
  readonly failedSections: Set<string>;
}

export function emptyResolution(): PresetResolution {
  return { problems: [], presetPaths: new Map(), failedSections: new Set() };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Resolve the `model:` and `hardware:` presets of the map found at `at` (a
 * fleet deployment, a roadmap entry), exactly as a scenario's are. Returns a
 * copy; records problems and preset origins under `at`.
 */
export function resolvePresetsAt(
  node: Record<string, unknown>,
  at: readonly Segment[],
  into: PresetResolution,
): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  for (const key of ['model', 'hardware'] as const) if (key in node) sections[key] = node[key];
  const r = resolvePresets(sections);
  const prefix = at.join('.');
  for (const p of r.problems) into.problems.push({ segments: [...at, ...p.segments], message: p.message });
  for (const [path, id] of r.presetPaths) into.presetPaths.set(`${prefix}.${path}`, id);
  for (const f of r.failedSections) into.failedSections.add(`${prefix}.${f}`);
  return { ...node, ...r.value };
}

function pick(p: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return p ? { line: p.line, column: p.column } : {};
}

/**
 * Validate a resolved document against `schema`; every problem (presets and
 * schema) located in the file, all at once. Throws InputError.
 */
export function validateLocated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
  locate: Locate,
  presets: PresetResolution = emptyResolution(),
): z.output<S> {
  const problems: InputProblem[] = presets.problems.map((p) => ({
    path: p.segments.join('.'),
    ...pick(locate(p.segments)),
    message: p.message,
  }));
  const parsed = schema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const dotted = issue.path.map(String).join('.');
      if ([...presets.failedSections].some((f) => dotted === f || dotted.startsWith(`${f}.`))) continue;
      for (const m of issueMessages(issue, (p) => keysAt(schema, p))) {
        const path = m.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
        const at = path.join('.');
        const fromPreset = presets.presetPaths.get(at);
        const message =
          fromPreset && !locate(path)?.exact ? `${m.message} (value from preset ${fromPreset})` : m.message;
        problems.push({ path: at, ...pick(locate(path, m.at)), message });
      }
    }
  }
  if (problems.length > 0) throw new InputError(file, sortProblems(mergeMisspelt(problems)));
  if (!parsed.success) throw new Error('unreachable: zod failed without issues');
  return parsed.data;
}

/** `positionOf` for a dotted path (`fleet.options.0.deployments.1.hardware`), list indices as numbers. */
export function positionOfDotted(locate: Locate) {
  return (path: string): { line: number; column: number } | undefined => {
    const segments: Segment[] = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const p = locate(segments);
    return p && { line: p.line, column: p.column };
  };
}
