/**
 * Fuzzing the scenario loader and the CLI with fast-check: take the valid
 * example scenario (scenarios/mistral-small-4-h100.yaml), break it with a few
 * random mutations — delete a line, change a value's type, insert random bytes,
 * truncate, duplicate a line, re-indent, turn a map entry into a list item,
 * swap a number for a hostile one — and check that the tool never crashes:
 *
 * - direct (loadScenario → simulate → table), 300 runs: either a rendered
 *   result or a UserError whose message is meant for a person (no stack
 *   trace, no "internal error"); anything else thrown is a bug, and so is a
 *   case that takes more than 2 s;
 * - through the CLI (runCli, a temp file that may hold bytes that are not
 *   UTF-8): exit 0, 1 or 2; on 2 nothing on stdout and stderr starting with
 *   "infercost: " without a stack trace; on 0/1 a result on stdout (100 runs).
 *
 * Plus fixed regression cases for what the fuzzer found (extreme numbers).
 *
 * The seed is random on every run (fast-check prints it with any failure);
 * replay one with FUZZ_SEED=<seed>, and fuzz longer with FUZZ_RUNS=<n> (runs
 * of the direct property; the CLI property runs a third as many):
 *
 *   FUZZ_SEED=123 FUZZ_RUNS=5000 npx vitest run test/cli/fuzz.test.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { UserError } from '../../src/errors.js';
import { formatSimulationTable } from '../../src/formats/table.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runCli } from '../helpers.js';

const BASE = readFileSync(path.resolve(__dirname, '../../scenarios/mistral-small-4-h100.yaml'), 'utf8');
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** No single case may take longer than this (the calculator is milliseconds; a hang or blow-up is a bug). */
const CASE_LIMIT_MS = 2_000;

// ------------------------------------------------------------------ mutations

/** Values of every shape and many wrong ones, as YAML text. */
const HOSTILE_VALUES = [
  '"text"',
  'lots',
  "''",
  '[1, 2]',
  '[]',
  '{ a: 1 }',
  '{}',
  '~',
  'null',
  '',
  'true',
  'no',
  '0',
  '-1',
  '-0.5',
  '1.5',
  '1e400',
  '-1e400',
  '.nan',
  '.inf',
  '-.inf',
  '9007199254740993',
  '1e-320',
  '123456789012345678901234567890',
  '0x10',
  '1_000',
  '12:30',
  '2026-01-01',
  '*nope',
  '&a 1',
  '!!str 5',
  '!!binary aGk=',
  '!custom 1',
  '"\\0"',
  '|\n  block',
  '- item',
  '{ preset: h100-sxm }',
  'fp32',
];

type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-value'; at: number; value: string }
  | { kind: 'listify'; at: number }
  | { kind: 'indent'; at: number; indent: string }
  | { kind: 'swap-number'; at: number; value: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const position = fc.nat({ max: 10_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: position }),
  fc.record({ kind: fc.constant('swap-value' as const), at: position, value: fc.constantFrom(...HOSTILE_VALUES) }),
  fc.record({ kind: fc.constant('listify' as const), at: position }),
  fc.record({
    kind: fc.constant('indent' as const),
    at: position,
    indent: fc.constantFrom('', ' ', '   ', '    ', '      ', '\t', ' \t'),
  }),
  fc.record({ kind: fc.constant('swap-number' as const), at: position, value: fc.constantFrom(...HOSTILE_VALUES) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    // Any code point (NUL, controls, lone surrogates, non-BMP) or YAML punctuation.
    text: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
      fc.string({ unit: fc.constantFrom(...':-[]{}#&*!|>\'"%@`,? \n\t\u0000\ufeff'), minLength: 1, maxLength: 6 }),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

const KEY_VALUE = /^(\s*(?:- )?[^\s:#][^:#]*:)(?:\s.*)?$/;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const at = lines.length === 0 ? 0 : m.at % lines.length;
  const line = lines[at] ?? '';
  switch (m.kind) {
    case 'delete-line':
      lines.splice(at, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(at, 0, line);
      return lines.join('\n');
    case 'swap-value': {
      // The value of the m.at-th `key: value` line (a map's key line gets a value: map → scalar/list).
      const keyLines = lines.map((l, i) => [l, i] as const).filter(([l]) => KEY_VALUE.test(l));
      const picked = keyLines[m.at % Math.max(1, keyLines.length)];
      if (picked === undefined) return text;
      const [l, i] = picked;
      lines[i] = l.replace(KEY_VALUE, (_, key: string) => `${key} ${m.value}`.trimEnd());
      return lines.join('\n');
    }
    case 'listify': {
      // A map entry becomes a list item: `  key: v` → `  - key: v`.
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      lines[at] = `${indent}- ${line.slice(indent.length)}`;
      return lines.join('\n');
    }
    case 'indent':
      lines[at] = m.indent + line.trimStart();
      return lines.join('\n');
    case 'swap-number': {
      const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
      const hit = numbers[m.at % Math.max(1, numbers.length)];
      if (hit?.index === undefined) return text;
      return text.slice(0, hit.index) + m.value + text.slice(hit.index + hit[0].length);
    }
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

const mutated = mutations.map((ms) => ms.reduce(mutate, BASE));

/** Stray bytes for the file on disk (may make it invalid UTF-8); applied after encoding. */
const rawBytes = fc.option(fc.record({ at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }), {
  nil: undefined,
});

function encode(text: string, raw: { at: number; bytes: Uint8Array } | undefined): Buffer {
  const buf = Buffer.from(text, 'utf8');
  if (raw === undefined) return buf;
  const i = raw.at % (buf.length + 1);
  return Buffer.concat([buf.subarray(0, i), Buffer.from(raw.bytes), buf.subarray(i)]);
}

// ------------------------------------------------------------------ checks

/** A message a person can read: not empty, no stack trace, not an internal error. */
function expectUserMessage(message: string, input: string): void {
  const context = `for input ${JSON.stringify(input)}`;
  expect(message.trim(), context).not.toBe('');
  expect(message, context).not.toMatch(/^\s+at /m);
  expect(message, context).not.toMatch(/internal error/i);
}

type Outcome =
  | { kind: 'result'; table: string; nonFinite: string[] }
  | { kind: 'user-error'; message: string }
  | { kind: 'crash'; what: string };

/** What the library does with the text: load, simulate, render the table. */
function runDirect(text: string): Outcome {
  try {
    const loaded = loadScenario(text, 'fuzz.yaml');
    const result = simulate(loaded.scenario, loaded.origins);
    const table = formatSimulationTable(result, { color: false });
    return { kind: 'result', table, nonFinite: nonFiniteNumbers(result) };
  } catch (e) {
    if (e instanceof UserError) return { kind: 'user-error', message: e.message };
    return { kind: 'crash', what: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Paths of the numbers in a result that are NaN or infinite. */
function nonFiniteNumbers(value: unknown, at = 'result', into: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) into.push(`${at} = ${value}`);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${at}.${k}`, into);
  return into;
}

const params = (numRuns: number): fc.Parameters<unknown> =>
  SEED === undefined ? { numRuns } : { numRuns, seed: SEED };

describe('fuzzing the scenario loader and calculator (direct)', () => {
  it('the unmutated scenario simulates (so mutants start from a working file)', () => {
    const outcome = runDirect(BASE);
    expect(outcome.kind).toBe('result');
    if (outcome.kind === 'result') {
      expect(outcome.table).not.toMatch(/NaN|Infinity|∞|undefined/);
      expect(outcome.nonFinite).toEqual([]);
    }
  });

  it('a mutated scenario gives a result or a UserError, never a crash', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const started = performance.now();
        const outcome = runDirect(text);
        const took = performance.now() - started;
        const context = `for input ${JSON.stringify(text)}`;
        if (outcome.kind === 'crash') throw new Error(`not a UserError: ${outcome.what} ${context}`);
        if (outcome.kind === 'user-error') expectUserMessage(outcome.message, text);
        else expect(outcome.table, context).not.toBe('');
        expect(took, `took ${took.toFixed(0)} ms ${context}`).toBeLessThan(CASE_LIMIT_MS);
      }),
      params(RUNS),
    );
  }, 60_000);
});

/**
 * Found by the fuzzer: positive numbers so small (or so large) that the
 * arithmetic overflows. The schema accepts them, so the result must still be
 * finite — or the loader must refuse them with a message (either fix passes).
 */
describe('extreme but schema-valid numbers', () => {
  const scenarioWith = (fieldPath: string, value: number): string => {
    const doc: Record<string, unknown> = {
      name: 'extreme',
      model: { preset: 'mistral-small-4', weight_precision: 'fp8', kv_cache_precision: 'fp8' },
      hardware: { preset: 'h100-sxm' },
      traffic: { requests_per_day: 1_000_000, input_tokens: 1000, output_tokens: 400 },
      budget: { max_cost_per_query_usd: 1 },
    };
    const keys = fieldPath.split('.');
    let at = doc;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1] as string] = value;
    return JSON.stringify(doc); // JSON is YAML
  };

  it.each([
    ['serving.utilization', 1e-320],
    ['serving.efficiency.compute', 5e-324],
    ['hardware.memory_bandwidth_tb_per_s', 5e-324],
    ['hardware.memory_gb', 1e300],
    ['budget.max_cost_per_query_usd', 1e-320],
  ])('%s: %s gives finite numbers or a message, never Infinity or NaN', (fieldPath, value) => {
    const text = scenarioWith(fieldPath, value);
    const outcome = runDirect(text);
    if (outcome.kind === 'crash') throw new Error(`not a UserError: ${outcome.what}`);
    if (outcome.kind === 'user-error') expectUserMessage(outcome.message, text);
    else {
      expect(outcome.nonFinite, 'numbers in the result that are not finite').toEqual([]);
      expect(outcome.table).not.toMatch(/NaN|Infinity|∞/);
    }
  });
});

describe('fuzzing the CLI (in-process, a temp file)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercost-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exit 0, 1 or 2; on 2 one readable message and nothing on stdout', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, rawBytes, async (text, raw) => {
        const bytes = encode(text, raw);
        writeFileSync(path.join(dir, 'fuzz.yaml'), bytes);
        const r = await runCli(['simulate', 'fuzz.yaml'], { cwd: dir });
        const input = bytes.toString('latin1');
        const context = `for the file bytes (latin1) ${JSON.stringify(input)}`;
        expect([0, 1, 2], context).toContain(r.code);
        if (r.code === 2) {
          expect(r.stdout, context).toBe('');
          expect(r.stderr.startsWith('infercost: '), `${context}: ${r.stderr}`).toBe(true);
          expectUserMessage(r.stderr, input);
        } else {
          expect(r.stdout, context).not.toBe('');
          expect(r.stderr, context).not.toMatch(/^\s+at |internal error/m);
        }
      }),
      { ...params(Math.max(1, Math.round(RUNS / 3))), timeout: CASE_LIMIT_MS },
    );
  }, 60_000);
});
