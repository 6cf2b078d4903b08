// Writes src/scenario/scenario-check.ts: the scenario schema of src/scenario/schema.ts as one plain
// function that gives what zod's parse gives a valid scenario (defaults applied, keys in zod's
// order), or undefined for anything zod would not accept without an issue, in which case the
// loader runs zod itself to word the problems. A start then reads a valid file without building
// zod's ~250 schema objects (about 10 ms of a start). The cross-field rules are the functions of
// src/scenario/refinements.ts, called here as zod calls them.
//
// Run after `npx tsc -p tsconfig.build.json` (it reads the compiled schema):
//   node scripts/scenario-check.mjs
// test/unit/scenario-check.test.ts fails when the committed file is not what this writes, and
// compares the two validators on every scenario in the repository and on generated variants.
//
// Only what the schema uses is supported (strict objects, optional, nullable, default, prefault,
// number, string, enum, array, tuple, union, refinements); anything else stops the generator, so a
// new kind of field cannot slip past it.
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Code for a JSON-safe default value: numbers, strings, booleans, null, arrays and plain objects. */
function literal(value, where) {
  const text = JSON.stringify(value);
  if (text === undefined || !isDeepStrictEqual(JSON.parse(text), value))
    throw new Error(`scenario-check: the default at ${where} is not plain JSON data`);
  return text;
}

/**
 * The validator's source. `schema`: the scenario's zod schema; `rulesOf`: schema → the
 * refinements.ts rules its superRefine checks run, in order (schema.ts RULES); `refinements`: the
 * module's exports, to name each rule.
 */
export function generateScenarioCheck(schema, rulesOf, refinements) {
  const nameOf = new Map(
    Object.entries(refinements)
      .filter(([, v]) => typeof v === 'function')
      .map(([k, v]) => [v, k]),
  );
  const ruleName = (fn, where) => {
    const name = nameOf.get(fn);
    if (name === undefined) throw new Error(`scenario-check: a refinement at ${where} is not one of refinements.ts's`);
    return name;
  };
  const functions = new Map(); // schema → its function's name
  const decls = []; // top-level declarations, in order
  let temps = 0;
  const temp = () => `t${temps++}`;

  /** The name of `s`'s function, declared by `declare(name)` the first time `s` is asked for. */
  function named(s, declare) {
    let name = functions.get(s);
    if (name === undefined) {
      name = `v${functions.size}`;
      functions.set(s, name);
      declare(name);
    }
    return name;
  }

  /** A function for `s` (memoised by schema object): (x) => its value, or FAIL. */
  function functionOf(s, where) {
    if (s._zod.def.type === 'object') return objectFunction(s, where);
    return named(s, (name) => {
      const body = statements(s, 'x', 'out', where, '  ');
      decls.push(`function ${name}(x: any): any {\n  let out: any;\n${body}  return out;\n}\n`);
    });
  }

  /** The custom checks of `s` (after its type's checks), as statements that return FAIL when one fails. */
  function customChecks(s, value, where, pad, allowed) {
    const checks = s._zod.def.checks ?? [];
    const rules = [...(rulesOf.get(s) ?? [])];
    let code = '';
    for (const c of checks) {
      const d = c._zod.def;
      if (d.check === 'custom') {
        if (typeof d.fn === 'function')
          code += `${pad}if (!refinements.${ruleName(d.fn, where)}(${value})) return FAIL;\n`;
        else {
          const rule = rules.shift();
          if (rule === undefined) throw new Error(`scenario-check: a superRefine at ${where} is not recorded in RULES`);
          code += `${pad}if (breaks(refinements.${ruleName(rule, where)}, ${value})) return FAIL;\n`;
        }
      } else if (!allowed.includes(d.check)) throw new Error(`scenario-check: check ${d.check} at ${where}`);
    }
    if (rules.length > 0) throw new Error(`scenario-check: RULES lists more rules than ${where} runs`);
    return code;
  }

  /** Statements that parse `input` (an expression read once) into `out`, or return FAIL. */
  function statements(s, input, out, where, pad) {
    const d = s._zod.def;
    const noChecks = () => {
      if ((d.checks ?? []).length > 0) throw new Error(`scenario-check: checks on a ${d.type} at ${where}`);
    };
    switch (d.type) {
      case 'number': {
        let test = `typeof ${input} !== 'number' || !Number.isFinite(${input})`;
        for (const c of d.checks ?? []) {
          const k = c._zod.def;
          if (k.check === 'greater_than') test += ` || !(${input} ${k.inclusive ? '>=' : '>'} ${k.value})`;
          else if (k.check === 'less_than') test += ` || !(${input} ${k.inclusive ? '<=' : '<'} ${k.value})`;
          else if (k.check === 'number_format' && k.format === 'safeint') test += ` || !Number.isSafeInteger(${input})`;
          else throw new Error(`scenario-check: number check ${k.check} ${k.format ?? ''} at ${where}`);
        }
        return `${pad}if (${test}) return FAIL;\n${pad}${out} = ${input};\n`;
      }
      case 'string': {
        let test = `typeof ${input} !== 'string'`;
        for (const c of d.checks ?? []) {
          const k = c._zod.def;
          if (k.check === 'min_length') test += ` || ${input}.length < ${k.minimum}`;
          else if (k.check === 'max_length') test += ` || ${input}.length > ${k.maximum}`;
        }
        return `${pad}if (${test}) return FAIL;\n${customChecks(s, input, where, pad, ['min_length', 'max_length'])}${pad}${out} = ${input};\n`;
      }
      case 'enum': {
        noChecks();
        const set = `ENUM${decls.length}`;
        decls.push(`const ${set} = new Set<unknown>(${JSON.stringify([...s._zod.values])});\n`);
        return `${pad}if (!${set}.has(${input})) return FAIL;\n${pad}${out} = ${input};\n`;
      }
      case 'optional': {
        noChecks();
        const inner = d.innerType;
        if (inner._zod.optin === 'defaulted') {
          // Absent: the inner default's value (it cannot fail: zod drops a failure here as undefined).
          return `${statements(inner, input, out, where, pad)}`;
        }
        return `${pad}if (${input} === undefined) ${out} = undefined;\n${pad}else {\n${statements(inner, input, out, where, `${pad}  `)}${pad}}\n`;
      }
      case 'nullable':
        noChecks();
        return `${pad}if (${input} === null) ${out} = null;\n${pad}else {\n${statements(d.innerType, input, out, where, `${pad}  `)}${pad}}\n`;
      case 'default': {
        noChecks();
        const value = literal(d.defaultValue, where);
        const t = temp();
        return (
          `${pad}if (${input} === undefined) ${out} = ${value};\n${pad}else {\n${pad}  let ${t}: any;\n` +
          `${statements(d.innerType, input, t, where, `${pad}  `)}${pad}  ${out} = ${t} === undefined ? ${value} : ${t};\n${pad}}\n`
        );
      }
      case 'prefault': {
        noChecks();
        if (!d.innerType.safeParse(d.defaultValue).success)
          throw new Error(`scenario-check: the prefault at ${where} is not valid itself`);
        const t = temp();
        return `${pad}const ${t} = ${input} === undefined ? ${literal(d.defaultValue, where)} : ${input};\n${statements(d.innerType, t, out, where, pad)}`;
      }
      case 'union': {
        noChecks();
        // zod's union: the first option that parses without an issue.
        const names = d.options.map((o, i) => functionOf(o, `${where}|${i}`));
        return `${pad}${out} = first(${input}, ${names.join(', ')});\n${pad}if (${out} === FAIL) return FAIL;\n`;
      }
      case 'array': {
        const i = temp();
        const t = temp();
        let size = '';
        for (const c of d.checks ?? []) {
          const k = c._zod.def;
          if (k.check === 'min_length') size += ` || ${input}.length < ${k.minimum}`;
          else if (k.check === 'max_length') size += ` || ${input}.length > ${k.maximum}`;
          else throw new Error(`scenario-check: array check ${k.check} at ${where}`);
        }
        const element = functionOf(d.element, `${where}[]`);
        return (
          `${pad}if (!Array.isArray(${input})${size}) return FAIL;\n${pad}${out} = new Array(${input}.length);\n` +
          `${pad}for (let ${i} = 0; ${i} < ${input}.length; ${i}++) {\n${pad}  const ${t} = ${element}(${input}[${i}]);\n` +
          `${pad}  if (${t} === FAIL) return FAIL;\n${pad}  ${out}[${i}] = ${t};\n${pad}}\n`
        );
      }
      case 'tuple': {
        noChecks();
        if (d.rest || d.items.some((item) => item._zod.optin !== undefined))
          throw new Error(`scenario-check: a tuple with optional items or a rest at ${where}`);
        const items = d.items.map((item, i) => functionOf(item, `${where}(${i})`));
        const ts = items.map(() => temp());
        return (
          `${pad}if (!Array.isArray(${input}) || ${input}.length !== ${items.length}) return FAIL;\n` +
          items.map((f, i) => `${pad}const ${ts[i]} = ${f}(${input}[${i}]);\n`).join('') +
          `${pad}if (${ts.map((t) => `${t} === FAIL`).join(' || ')}) return FAIL;\n${pad}${out} = [${ts.join(', ')}];\n`
        );
      }
      case 'object':
        return `${pad}${out} = ${objectFunction(s, where)}(${input});\n${pad}if (${out} === FAIL) return FAIL;\n`;
      default:
        throw new Error(`scenario-check: a ${d.type} at ${where} is not supported`);
    }
  }

  /** A strict object: unknown keys fail; each field as zod's handlePropertyResult keeps it. */
  function objectFunction(s, where) {
    return named(s, (name) => declareObject(s, where, name));
  }

  function declareObject(s, where, name) {
    const d = s._zod.def;
    if (d.catchall?._zod.def.type !== 'never') throw new Error(`scenario-check: a non-strict object at ${where}`);
    const keys = Object.keys(d.shape);
    if (keys.includes('__proto__') || Object.getOwnPropertySymbols(d.shape).length > 0)
      throw new Error(`scenario-check: an unusual key at ${where}`);
    const set = `KEYS${decls.length}`;
    decls.push(`const ${set} = new Set<string>(${JSON.stringify(keys)});\n`);
    let body =
      `  if (typeof x !== 'object' || x === null || Array.isArray(x)) return FAIL;\n` +
      `  for (const k in x) if (!${set}.has(k)) return FAIL;\n  const o: any = {};\n`;
    for (const key of keys) {
      const field = d.shape[key];
      const { optin, optout } = field._zod;
      const at = `${where}.${key}`;
      const k = JSON.stringify(key);
      const t = temp();
      const f = temp();
      body += `  if (${k} in x) {\n    const ${f} = x[${k}];\n    let ${t}: any;\n${statements(field, f, t, at, '    ')}    o[${k}] = ${t};\n  }`;
      if (optout === 'optional' && optin === 'optional') body += '\n';
      else if (optin === undefined) body += ' else return FAIL;\n';
      else {
        // Absent: what the field makes of undefined does not depend on the input; zod says it here.
        const absent = field.safeParse(undefined);
        if (!absent.success) throw new Error(`scenario-check: ${at} fails when absent`);
        if (absent.data !== undefined) body += ` else o[${k}] = ${literal(absent.data, at)};\n`;
        else if (optin === 'defaulted' && optout !== 'optional') body += ` else o[${k}] = undefined;\n`;
        else body += '\n';
      }
    }
    body += customChecks(s, 'o', where, '  ', []);
    decls.push(`function ${name}(x: any): any {\n${body}  return o;\n}\n`);
  }

  const root = objectFunction(schema, 'scenario');
  return `// Generated by scripts/scenario-check.mjs from src/scenario/schema.ts: do not edit; run
// \`npx tsc -p tsconfig.build.json && node scripts/scenario-check.mjs\` after changing the schema.
/* eslint-disable */
import * as refinements from './refinements.js';
import type { Scenario } from './schema.js';

const FAIL = Symbol('fail');

/** Whether a superRefine rule reports a problem. */
function breaks(rule: (value: any, ctx: refinements.IssueSink) => void, value: unknown): boolean {
  let broken = false;
  rule(value, {
    addIssue() {
      broken = true;
    },
  });
  return broken;
}

/** A union: the first option that parses. */
function first(x: unknown, ...options: ((x: unknown) => unknown)[]): unknown {
  for (const option of options) {
    const v = option(x);
    if (v !== FAIL) return v;
  }
  return FAIL;
}

${decls.join('\n')}
/**
 * What ScenarioSchema.parse gives \`input\` when it parses without an issue; undefined when zod
 * would report one (then zod itself is run, to word every problem).
 */
export function scenarioOf(input: unknown): Scenario | undefined {
  const v = ${root}(input);
  return v === FAIL ? undefined : (v as Scenario);
}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ScenarioSchema, RULES } = await import('../dist/scenario/schema.js');
  const refinements = await import('../dist/scenario/refinements.js');
  const file = fileURLToPath(new URL('../src/scenario/scenario-check.ts', import.meta.url));
  writeFileSync(file, generateScenarioCheck(ScenarioSchema, RULES, refinements));
  console.log(`wrote ${file}`);
}
