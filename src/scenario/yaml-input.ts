/**
 * YAML inputs other than a scenario (fleet files, hardware roadmaps), loaded
 * the way a scenario is: the same guards on the text (size, binary, syntax,
 * alias bombs), presets resolved wherever a `model:`/`hardware:` block sits,
 * and every zod issue turned into a problem with line:column and field path.
 * Pure: the caller reads files.
 */
import type { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import { issueMessages, problemFields } from './issues.js';
import { PARSE_OPTIONS } from './parse-options.js';
import { MAX_REPORTED_PROBLEMS, pick, reportable } from './problems.js';
import { resolvePresets } from './resolve.js';
import { keysAt } from './schema-keys.js';

export type Segment = string | number;
import type { Locate } from './yaml-text.js';
export { parseYamlMap, type Locate, type YamlMap, type YamlMapOptions } from './yaml-text.js';

/** Presets resolved across a file: problems, which values came from which preset, sections that failed. */
export interface PresetResolution {
  readonly problems: { readonly segments: readonly Segment[]; readonly message: string }[];
  /** Dotted path → preset id. */
  readonly presetPaths: Map<string, string>;
  /** Dotted paths of blocks whose preset could not be used (their other problems are noise). */
  readonly failedSections: Set<string>;
}

/** What validation reads of a preset resolution (a scenario's own, from resolvePresets, fits too). */
export interface PresetOutcome {
  readonly problems: readonly { readonly segments: readonly Segment[]; readonly message: string }[];
  readonly presetPaths: ReadonlyMap<string, string>;
  readonly failedSections: ReadonlySet<string>;
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

/**
 * Validate a resolved document against `schema`; every problem (presets and
 * schema) located in the file, all at once. Throws InputError.
 */
export function validateLocated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
  locate: Locate,
  presets: PresetOutcome = emptyResolution(),
): z.output<S> {
  const problems: InputProblem[] = presets.problems.map((p) => ({
    path: p.segments.join('.'),
    ...pick(locate(p.segments)),
    message: p.message,
  }));
  const parsed = schema.safeParse(value, PARSE_OPTIONS);
  // Locating a problem walks the document: locate only as many as will be shown, count the rest.
  let uncounted = 0;
  if (!parsed.success) {
    for (const issue of tightestBounds(parsed.error.issues)) {
      const dotted = issue.path.map(String).join('.');
      if ([...presets.failedSections].some((f) => dotted === f || dotted.startsWith(`${f}.`))) continue;
      const room = MAX_REPORTED_PROBLEMS + 1 - problems.length;
      if (room <= 0) {
        uncounted += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
        continue;
      }
      const trimmed =
        issue.code === 'unrecognized_keys' && issue.keys.length > room
          ? { ...issue, keys: issue.keys.slice(0, room) }
          : issue;
      if (trimmed !== issue && issue.code === 'unrecognized_keys') uncounted += issue.keys.length - room;
      for (const m of issueMessages(trimmed, (p) => keysAt(schema, p))) {
        const path = m.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
        const at = path.join('.');
        const fromPreset = presets.presetPaths.get(at);
        const message =
          fromPreset && !locate(path)?.exact ? `${m.message} (value from preset ${fromPreset})` : m.message;
        problems.push({ path: at, ...pick(locate(path, m.at)), message, ...problemFields(m) });
      }
    }
  }
  if (problems.length > 0) throw new InputError(file, reportable(problems, uncounted));
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

/**
 * Zod reports every bound a value breaks: `min_replicas: 1e300` breaks a whole number's own range
 * (≤ 2^53) and the field's (≤ 100000), two messages for one value. Keep the tightest bound of each
 * kind at each place: the one the user has to meet.
 */
function tightestBounds(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const tightest = new Map<string, z.core.$ZodIssue>();
  const bound = (i: z.core.$ZodIssue) =>
    Number(i.code === 'too_big' ? i.maximum : i.code === 'too_small' ? i.minimum : NaN);
  // A bound's kind and place; undefined for an issue that is not a bound.
  const placeOf = (i: z.core.$ZodIssue) =>
    i.code === 'too_big' || i.code === 'too_small' ? `${i.code} ${i.path.map(String).join('.')}` : undefined;
  for (const i of issues) {
    const place = placeOf(i);
    if (place === undefined) continue;
    const kept = tightest.get(place);
    if (kept === undefined || (i.code === 'too_big' ? bound(i) < bound(kept) : bound(i) > bound(kept)))
      tightest.set(place, i);
  }
  return issues.filter((i) => {
    const place = placeOf(i);
    return place === undefined || tightest.get(place) === i;
  });
}
