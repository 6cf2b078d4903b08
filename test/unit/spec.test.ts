/**
 * Command specs (src/cli/spec.ts): the flag written for an option's key is the
 * one commander reads back into that key, number options refuse what they say
 * they refuse, and the types derived from a spec reject what the spec rejects
 * (the @ts-expect-error lines fail `npm run typecheck` if a type loosens).
 */
import { Option } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  command,
  files,
  flagName,
  flagsOf,
  maybeFile,
  number,
  oneOf,
  text,
  type CommandSpec,
  type Runner,
} from '../../src/cli/spec.js';
import * as specs from '../../src/cli/specs.js';
import { UsageError } from '../../src/errors.js';

const all: readonly CommandSpec[] = Object.values(specs).filter(
  (s): s is Extract<typeof s, { args: unknown }> => 'args' in s,
);

describe('command specs', () => {
  it('covers every command (14, presets list and show included)', () => {
    expect(all.map((s) => (s.parent === undefined ? s.name : `${s.parent} ${s.name}`)).sort()).toEqual(
      [
        'calibrate',
        'check',
        'compare',
        'explain',
        'fleet',
        'init',
        'optimize',
        'presets list',
        'presets show',
        'project',
        'schema',
        'simulate',
        'sweep',
        'validate',
      ].sort(),
    );
  });

  it("writes each option's flag so that commander reads it back into the same key", () => {
    for (const s of all)
      for (const [key, o] of Object.entries(s.options)) expect(new Option(flagsOf(key, o)).attributeName()).toBe(key);
  });

  it('words flags in kebab case, with the short alias and placeholder', () => {
    expect(flagName('maxCostPerMillionTokens')).toBe('--max-cost-per-million-tokens');
    expect(flagsOf('format', specs.simulateSpec.options.format)).toBe('-f, --format <format>');
    expect(flagsOf('fit', specs.calibrateSpec.options.fit)).toBe('--fit');
  });

  it('number options refuse what their kind excludes, naming the flag', () => {
    const positive = number('n', 'd', 'positive');
    const whole = number('n', 'd', 'positive-integer');
    const nonNegative = number('n', 'd', 'non-negative');
    expect(positive.parse?.('0.5', undefined, '--x')).toBe(0.5);
    expect(() => positive.parse?.('0', undefined, '--x')).toThrow(
      new UsageError('--x: expected a positive number, got "0"'),
    );
    expect(() => positive.parse?.(' ', undefined, '--x')).toThrow(UsageError);
    expect(() => whole.parse?.('1.5', undefined, '--n')).toThrow('--n: expected a positive whole number, got "1.5"');
    expect(nonNegative.parse?.('0', undefined, '--p')).toBe(0);
    expect(() => nonNegative.parse?.('-1', undefined, '--p')).toThrow('expected a number ≥ 0');
    // Decimal only: Number() also reads hex, binary, octal and Infinity, which nobody means by a count.
    for (const raw of ['0x10', '0b1', '0o7', 'Infinity', '1_000'])
      expect(() => whole.parse?.(raw, undefined, '--n')).toThrow(`--n: expected a positive whole number, got "${raw}"`);
    expect(whole.parse?.('16', undefined, '--n')).toBe(16);
    expect(positive.parse?.('1e6', undefined, '--x')).toBe(1e6);
    expect(positive.parse?.('.5', undefined, '--x')).toBe(0.5);
    expect(nonNegative.parse?.('+2.', undefined, '--p')).toBe(2);
  });

  it('a repeatable option collects every value in order', () => {
    const vary = specs.sweepSpec.options.vary;
    expect(vary.parse?.('b=2', vary.parse('a=1', undefined, '--vary'), '--vary')).toEqual(['a=1', 'b=2']);
  });
});

// ---- types derived from a spec (checked by tsc, not at run time) ----
const _demo = command({
  name: 'demo',
  description: 'a spec for type checks',
  args: [files('inputs', 'files', false), maybeFile('extra', 'one more')],
  options: {
    format: oneOf('format', 'output format', ['table', 'json'], 'table'),
    limit: number('n', 'a limit', 'positive'),
    label: text('s', 'a label'),
  },
});
export const typed: Runner<typeof _demo> = ([inputs, extra], opts) => {
  const n: number = inputs.length + (extra?.length ?? 0);
  const f: 'table' | 'json' = opts.format;
  // @ts-expect-error an option without a default may be absent
  const limit: number = opts.limit;
  // @ts-expect-error a format the spec does not offer
  const wrong: typeof opts.format = 'csv';
  // @ts-expect-error an option the spec does not declare
  const missing = opts.colour;
  return n + f.length + limit + wrong.length + (missing === undefined ? 0 : 1);
};
// @ts-expect-error an implementation whose argument types do not match the spec's
export const mistyped: Runner<typeof _demo> = ([inputs]: readonly [string]) => inputs.length;
