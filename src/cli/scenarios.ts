/**
 * Scenario files → loaded scenarios, for every command that reads them. The
 * YAML parser loads only when a file is read, and zod only when a file has a
 * problem to word (scenario/loaded.ts): the embedded default
 * scenario is validated at build time (scripts/bundle.mjs writes the result to
 * dist/default-scenario.json; a test checks it equals a fresh validation), so
 * `infercost simulate` with no argument starts without them.
 */
import { readFileSync } from 'node:fs';
import { InfeasibleError, locate, UserError, UserErrors } from '../errors.js';
import { DEFAULT_SCENARIO_NAME } from '../scenario/default-scenario.js';
import type { LoadedScenario } from '../scenario/loaded.js';
import type { Scenario } from '../scenario/schema.js';
import { readTextFile } from './files.js';
import type { Io } from './io.js';

/** The shape of dist/default-scenario.json. */
export interface DefaultSnapshot {
  readonly scenario: Scenario;
  readonly raw: Record<string, unknown>;
  readonly origins: Record<string, string>;
}

function snapshotOfDefault(): LoadedScenario | undefined {
  let snap: DefaultSnapshot | undefined;
  // dist/default-scenario.json, seen from the compiled CLI (dist/cli/) or a bundle chunk (dist/bundle/chunks/).
  for (const relative of ['../default-scenario.json', '../../default-scenario.json']) {
    try {
      snap = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as DefaultSnapshot;
      break;
    } catch {
      // not there
    }
  }
  if (snap === undefined) return undefined; // running from source: validate the YAML instead
  return {
    file: DEFAULT_SCENARIO_NAME,
    scenario: snap.scenario,
    raw: snap.raw,
    origins: { get: (path: string) => snap?.origins[path] },
    positionOf: () => undefined,
  };
}

/** Load every file first: a run either prints all results or none (exit 2 with every file's problems). */
export async function loadScenarios(files: readonly string[], io: Io, maxBytes: number): Promise<LoadedScenario[]> {
  if (files.length === 0) {
    const snapshot = snapshotOfDefault();
    if (snapshot !== undefined) return [snapshot];
    const [{ loadScenario }, { DEFAULT_SCENARIO_YAML }] = await Promise.all([
      import('../scenario/load.js'),
      import('../scenario/default-scenario.js'),
    ]);
    return [loadScenario(DEFAULT_SCENARIO_YAML, DEFAULT_SCENARIO_NAME)];
  }
  const loaded: LoadedScenario[] = [];
  const errors: UserError[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadScenarioText(await readTextFile(file, io, maxBytes, 'a scenario file'), file, maxBytes));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length > 0) throw UserErrors.of(errors);
  return loaded;
}

/**
 * A scenario file's text, loaded: a valid file without zod (scenario/loaded.ts), any other with
 * it, which words every problem (scenario/load.ts, loaded on the first such file).
 */
export async function loadScenarioText(text: string, file: string, maxBytes: number): Promise<LoadedScenario> {
  const { quickLoadScenario } = await import('../scenario/loaded.js');
  const { document, resolved, loaded } = quickLoadScenario(text, file, { maxBytes });
  return loaded ?? (await import('../scenario/load.js')).loadRejected(document, resolved, file);
}

/** An infeasible result, named with its file and the place of its field in that file. */
export function locatedInfeasible(
  e: InfeasibleError,
  file: string,
  positionOf: (path: string) => { line: number; column: number } | undefined,
): InfeasibleError {
  const pos = e.path === undefined ? undefined : positionOf(e.path);
  const where = locate(file, pos ?? {});
  return new InfeasibleError(`${where}: ${e.path ? `${e.path}: ` : ''}${e.message}`, e.path);
}

/** Run a calculation; an infeasible scenario names its file and the field's place in it. */
export function withLocation<T>(
  l: { readonly file: string; readonly positionOf: (path: string) => { line: number; column: number } | undefined },
  compute: () => T,
): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof InfeasibleError) throw locatedInfeasible(e, l.file, l.positionOf);
    throw e;
  }
}
