/**
 * Scenario text → a loaded scenario without zod, for files that are valid:
 * the YAML read, presets resolved and the validator generated from the schema
 * (scenario-check.ts) run. It gives what ScenarioSchema gives a valid file, or
 * undefined for any file it does not accept, which load.ts then loads with zod
 * to word every problem. A command that reads only valid files so starts
 * without building zod's schemas (cli/scenarios.ts). Pure: the caller reads files.
 */
import type { Origins } from '../core/simulate.js';
import { InputError } from '../errors.js';
import { resolvePresets, type Resolved } from './resolve.js';
import { scenarioOf } from './scenario-check.js';
import type { Scenario } from './schema.js';
import { DEFAULT_MAX_INPUT_BYTES, parseYamlMap, type YamlMap } from './yaml-text.js';

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

/** A scenario file's top-level map and where its fields are; an InputError for bad YAML or another kind of file. */
export function scenarioDocument(text: string, file: string, options: LoadOptions): ScenarioDocument {
  const document = parseYamlMap(text, file, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES,
    kind: 'scenario file',
    noun: 'scenario',
    expected: 'name, model, hardware and traffic',
  });
  const { raw } = document;
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
  return document;
}

/** A validated scenario with what its file says about it: origins and places. */
export function loadedScenario(
  file: string,
  scenario: Scenario,
  { raw, locate, has }: ScenarioDocument,
  presetPaths: ReadonlyMap<string, string>,
): LoadedScenario {
  return {
    file,
    scenario,
    raw,
    origins: {
      get(path: string) {
        if (has(path.split('.'))) return 'scenario';
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

/** A scenario file's top-level map and where its fields are. */
export type ScenarioDocument = YamlMap;

/**
 * The scenario a resolved document is, by the generated validator; undefined when a preset or the
 * schema has a problem with it (zod then words them: load.ts).
 */
export function quickScenario(resolved: Resolved): Scenario | undefined {
  return resolved.problems.length === 0 ? scenarioOf(resolved.value) : undefined;
}

/**
 * A scenario file's document with its presets resolved, and the file loaded without zod when it is
 * valid (`loaded` undefined when it has a problem past its YAML: load.ts's loadRejected then
 * reports it, from the same document). Bad YAML, or another kind of file, throws here as there.
 */
export function quickLoadScenario(
  text: string,
  file: string,
  options: LoadOptions = {},
): { document: ScenarioDocument; resolved: Resolved; loaded: LoadedScenario | undefined } {
  const document = scenarioDocument(text, file, options);
  const resolved = resolvePresets(document.raw);
  const scenario = quickScenario(resolved);
  return {
    document,
    resolved,
    loaded: scenario === undefined ? undefined : loadedScenario(file, scenario, document, resolved.presetPaths),
  };
}
