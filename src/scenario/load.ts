/**
 * Scenario text → validated Scenario, or an InputError that names every
 * problem with its line:column and field path. Pure: the caller reads files.
 */
import {
  loadedScenario,
  quickScenario,
  scenarioDocument,
  type LoadedScenario,
  type LoadOptions,
  type ScenarioDocument,
} from './loaded.js';
import { resolvePresets, type Resolved } from './resolve.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import type { Locate } from './yaml-text.js';
import { validateLocated } from './yaml-input.js';

export type { LoadedScenario, LoadOptions } from './loaded.js';

export { MAX_YAML_ALIASES } from './yaml-text.js';

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
    // A valid document needs no zod: the validator generated from the schema gives zod's answer.
    scenario: quickScenario(resolved) ?? validateLocated(ScenarioSchema, resolved.value, file, locate, resolved),
    presetPaths: resolved.presetPaths,
  };
}

export function loadScenario(text: string, file = '<scenario>', options: LoadOptions = {}): LoadedScenario {
  const document = scenarioDocument(text, file, options);
  const { scenario, presetPaths } = validateRaw(document.raw, file, document.locate);
  return loadedScenario(file, scenario, document, presetPaths);
}

/**
 * A document the quick load did not accept (loaded.ts quickLoadScenario), with its presets as it
 * resolved them: zod words every problem (an InputError).
 */
export function loadRejected(document: ScenarioDocument, resolved: Resolved, file: string): LoadedScenario {
  const scenario = validateLocated(ScenarioSchema, resolved.value, file, document.locate, resolved);
  return loadedScenario(file, scenario, document, resolved.presetPaths);
}
