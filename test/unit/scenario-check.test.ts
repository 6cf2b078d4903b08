// The validator generated from the scenario schema (src/scenario/scenario-check.ts) against zod
// itself: on every input, it must accept exactly what ScenarioSchema accepts without an issue and
// give the same value, to the key order, the keys set to undefined and the sign of a zero.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without types
import { generateScenarioCheck } from '../../scripts/scenario-check.mjs';
import { PARSE_OPTIONS } from '../../src/scenario/parse-options.js';
import * as refinements from '../../src/scenario/refinements.js';
import { resolvePresets } from '../../src/scenario/resolve.js';
import { scenarioOf } from '../../src/scenario/scenario-check.js';
import { RULES, ScenarioSchema } from '../../src/scenario/schema.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';

/** The value as text that tells apart key order, a key set to undefined, and -0. */
function exact(v: unknown): string {
  const walk = (x: unknown): unknown => {
    if (x === undefined) return '<undefined>';
    if (Object.is(x, -0)) return '<-0>';
    if (Array.isArray(x)) return Array.from(x, walk);
    if (typeof x === 'object' && x !== null) {
      expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
      return Object.fromEntries(Object.keys(x).map((k) => [k, walk((x as Record<string, unknown>)[k])]));
    }
    return x;
  };
  return JSON.stringify(walk(v));
}

/** Both validators on one resolved document: the same verdict, the same value. */
function agree(value: unknown): boolean {
  const byZod = ScenarioSchema.safeParse(value, PARSE_OPTIONS);
  const quick = scenarioOf(value);
  if (!byZod.success) {
    expect(quick, JSON.stringify(value)).toBeUndefined();
    return false;
  }
  expect(quick, `${JSON.stringify(value)}: ${JSON.stringify(byZod.data)}`).toBeDefined();
  expect(exact(quick)).toBe(exact(byZod.data));
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

/** Every scenario-shaped YAML document in the repository, presets resolved. */
function documents(): unknown[] {
  const out: unknown[] = [resolvePresets(parse(DEFAULT_SCENARIO_YAML) as Record<string, unknown>).value];
  for (const f of [...yamlFiles('scenarios'), ...yamlFiles('test/fixtures'), ...yamlFiles('examples')]) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(f, 'utf8'), { logLevel: 'silent' });
    } catch {
      continue; // not YAML at all: the reader's business, not the validator's
    }
    if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'model' in doc)
      out.push(resolvePresets(doc as Record<string, unknown>).value);
  }
  return out;
}

describe('the generated scenario validator', () => {
  it('is what scripts/scenario-check.mjs writes from the schema now', () => {
    const generated = generateScenarioCheck(ScenarioSchema, RULES, refinements) as string;
    expect(readFileSync('src/scenario/scenario-check.ts', 'utf8')).toBe(generated);
  });

  const docs = documents();

  it('agrees with zod on every scenario in the repository', () => {
    let valid = 0;
    for (const d of docs) if (agree(d)) valid++;
    expect(docs.length).toBeGreaterThan(40);
    expect(valid).toBeGreaterThan(25);
  });

  // A valid document with one field replaced (or added, or removed): the edge cases of each kind.
  const edge = fc.constantFrom<unknown>(
    undefined,
    null,
    0,
    -0,
    1,
    -1,
    0.5,
    0.999,
    1.5,
    2,
    3,
    24,
    100,
    1e-7,
    1e-6,
    1e6,
    1e300,
    Number.MAX_SAFE_INTEGER + 1,
    NaN,
    Infinity,
    '',
    'x',
    'a\nb',
    'bf16',
    'fp8',
    'gqa',
    'mla',
    'gamma',
    'poisson',
    'lognormal',
    'uniform',
    true,
    [],
    [1],
    [0.5, 0.5],
    [[100, 1]],
    [
      [100, 0.5],
      [200, 0.5],
    ],
    {},
    { share: 1, thinking_tokens: 0 },
    { p90: 300 },
    { distribution: 'lognormal', mean: 100, p90: 200 },
    { distribution: 'uniform', min: 1, max: 10 },
    { min_replicas: 2, max_replicas: 1 },
    { unknown: 1 },
  );
  /** Every path to a value in the document (maps' keys, lists' indices), and one new key per map. */
  function paths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(x)) return [at, ...x.flatMap((v, i) => paths(v, [...at, i]))];
    if (typeof x === 'object' && x !== null)
      return [at, [...at, 'extra'], ...Object.entries(x).flatMap(([k, v]) => paths(v, [...at, k]))];
    return [at];
  }
  function replaced(x: unknown, at: readonly (string | number)[], v: unknown): unknown {
    if (at.length === 0) return v;
    const [head, ...rest] = at as [string | number, ...(string | number)[]];
    const copy = (Array.isArray(x) ? [...(x as unknown[])] : { ...(x as object) }) as Record<string | number, unknown>;
    const next = replaced(copy[head], rest, v);
    if (next === undefined && !Array.isArray(x) && rest.length === 0) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  const valid = docs.filter((d) => ScenarioSchema.safeParse(d).success);

  it('agrees with zod on documents with one to three fields changed', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), edge), { minLength: 1, maxLength: 3 }))
      .map(([doc, changes]) =>
        changes.reduce<unknown>((d, [pick, v]) => {
          const all = paths(d);
          return replaced(d, all[pick % all.length] as (string | number)[], v);
        }, doc),
      );
    let accepted = 0;
    fc.assert(
      fc.property(mutated, (d) => {
        if (agree(d)) accepted++;
        return true;
      }),
      { numRuns: 4000 },
    );
    // Changes the schema accepts must be among those tried, not only refusals (about 200 here).
    expect(accepted).toBeGreaterThan(120);
  });
});
