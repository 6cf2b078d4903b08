/**
 * Scenario text → validated Scenario, or an InputError that names every
 * problem with its line:column and field path. Pure: the caller reads files.
 */
import type { Origins } from '../core/simulate.js';
import { InputError } from '../errors.js';
import { resolvePresets } from './resolve.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { DEFAULT_MAX_INPUT_BYTES, parseYamlMap, type Locate } from './yaml-text.js';
import { validateLocated } from './yaml-input.js';

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
  return {
    scenario: validateLocated(ScenarioSchema, resolved.value, file, locate, resolved),
    presetPaths: resolved.presetPaths,
  };
}

/**
 * Whether the document sets the field at `segments` (a map key there, whatever its value): read
 * from the parsed data, so a file's YAML document is not built to ask. Lists are not descended,
 * as field paths do not index them.
 */
function isSetIn(raw: Readonly<Record<string, unknown>>, segments: readonly string[]): boolean {
  let node: unknown = raw;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

export function loadScenario(text: string, file = '<scenario>', options: LoadOptions = {}): LoadedScenario {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const { raw, locate } = parseYamlMap(text, file, {
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
  const { scenario, presetPaths } = validateRaw(raw, file, locate);
  return {
    file,
    scenario,
    raw: raw,
    origins: {
      get(path: string) {
        if (isSetIn(raw, path.split('.'))) return 'scenario';
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
