/**
 * Scenario text → validated Scenario, or an InputError that names every
 * problem with its line:column and field path. Pure: the caller reads files.
 */
import type { Origins } from '../core/simulate.js';
import { InputError, type InputProblem } from '../errors.js';
import { issueMessages } from './issues.js';
import { positionOf, type Position } from './positions.js';
import { resolvePresets } from './resolve.js';
import { keysAt } from './schema-keys.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { DEFAULT_MAX_INPUT_BYTES, parseYamlMap } from './yaml-text.js';

/** Scenario files larger than this are refused before parsing (bytes of text). */
export const DEFAULT_MAX_SCENARIO_BYTES = DEFAULT_MAX_INPUT_BYTES;
export { MAX_YAML_ALIASES } from './yaml-text.js';

export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
  /** The document as parsed, before presets and defaults (what `sweep` varies). */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Where each value came from: `scenario` or `preset h100-sxm`; undefined for a default. */
  readonly origins: Origins;
  /** line:column of a field path in the file, if it is there. */
  readonly positionOf: (path: string) => { line: number; column: number } | undefined;
}

export interface LoadOptions {
  readonly maxBytes?: number;
}

type Segment = string | number;

type Locate = (path: readonly Segment[], at?: 'key' | 'value') => Position | undefined;

/**
 * A parsed (not yet validated) scenario document → a validated Scenario:
 * presets resolved, defaults applied, every problem collected. `locate` maps a
 * field path to its place in the file, when there is a file.
 */
export function validateRaw(
  raw: Record<string, unknown>,
  file: string,
  locate: Locate = () => undefined,
): { scenario: Scenario; presetPaths: ReadonlyMap<string, string> } {
  const resolved = resolvePresets(raw);
  const problems: InputProblem[] = resolved.problems.map((p) => ({
    ...p,
    ...pick(locate(p.segments)),
    path: p.segments.join('.'),
  }));

  const parsed = ScenarioSchema.safeParse(resolved.value, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const dotted = issue.path.map(String).join('.');
      if ([...resolved.failedSections].some((f) => dotted === f || dotted.startsWith(`${f}.`))) continue;
      for (const m of issueMessages(issue, (p) => keysAt(ScenarioSchema, p))) {
        const path = m.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
        const dotted = path.join('.');
        const fromPreset = resolved.presetPaths.get(dotted);
        const message =
          fromPreset && !locate(path)?.exact ? `${m.message} (value from preset ${fromPreset})` : m.message;
        problems.push({ path: dotted, ...pick(locate(path, m.at)), message });
      }
    }
  }
  if (problems.length > 0) throw new InputError(file, sortProblems(mergeMisspelt(problems)));
  if (!parsed.success) throw new Error('unreachable: zod failed without issues');
  return { scenario: parsed.data, presetPaths: resolved.presetPaths };
}

export function loadScenario(text: string, file = '<scenario>', options: LoadOptions = {}): LoadedScenario {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SCENARIO_BYTES;
  const fail = (problems: InputProblem[]): never => {
    throw new InputError(file, problems);
  };
  const { doc, lineCounter, raw } = parseYamlMap(text, file, {
    maxBytes,
    kind: 'scenario file',
    noun: 'scenario',
    expected: 'name, model, hardware and traffic',
  });
  // Another kind of infercost file given where a scenario belongs: say which command reads it.
  const otherKind = !('model' in raw)
    ? 'fleet' in raw
      ? 'a fleet file, not a scenario: run `infercost fleet` on it'
      : 'accelerators' in raw
        ? 'a hardware roadmap, not a scenario: give it to `infercost project --roadmap`'
        : 'measurements' in raw
          ? 'a measurements file, not a scenario: run `infercost calibrate` on it'
          : undefined
    : undefined;
  if (otherKind !== undefined)
    throw new InputError(file, [{ path: '', line: 1, column: 1, message: `this is ${otherKind}` }]);
  const locate: Locate = (path, at = 'value') => positionOf(doc, lineCounter, path, at);
  const { scenario, presetPaths } = validateRaw(raw as Record<string, unknown>, file, locate);
  return {
    file,
    scenario,
    raw: raw as Record<string, unknown>,
    origins: {
      get(path: string) {
        const segments = path.split('.');
        if (locate(segments)?.exact) return 'scenario';
        const preset = presetPaths.get(path);
        return preset ? `preset ${preset}` : undefined;
      },
    },
    positionOf: (path) => {
      const p = locate(path.split('.'));
      return p && { line: p.line, column: p.column };
    },
  };
}

function pick(p: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return p ? { line: p.line, column: p.column } : {};
}

/**
 * A misspelt required key shows up twice: as an unknown key and as a missing
 * one. Keep one message, at the misspelling, that says both.
 */
export function mergeMisspelt(problems: InputProblem[]): InputProblem[] {
  const missing = new Map(
    problems.filter((p) => p.message.startsWith('required field is missing')).map((p) => [p.path, p]),
  );
  const dropped = new Set<InputProblem>();
  const merged = problems.map((p) => {
    const m = /^unknown key \(did you mean "([^"]+)"\?\)$/.exec(p.message);
    if (!m) return p;
    const parent = p.path.split('.').slice(0, -1);
    const intended = missing.get([...parent, m[1]].join('.'));
    if (intended === undefined) return p;
    dropped.add(intended);
    return { ...p, message: `${p.message.slice(0, -1)}; ${m[1]} is required)` };
  });
  return merged.filter((p) => !dropped.has(p));
}

export function sortProblems(problems: InputProblem[]): InputProblem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.path.localeCompare(b.path),
  );
}
