/**
 * A command declared once: its name, arguments and options with their types
 * and choices. main.ts builds the commander program from these specs, and each
 * command's implementation is typed by `Runner<typeof itsSpec>`, so an option
 * read with the wrong type, or a format without a renderer, does not compile.
 */
import type { Io } from './io.js';
import { UsageError } from '../errors.js';
import {
  PERCENTILES,
  percentileOrderProblems,
  type PercentileKey,
  type PercentileLimitsGiven,
} from '../scenario/percentiles.js';

/**
 * One option: `T` is its value's type, `Present` says commander always sets it
 * (it has a default, or is required). The flag is `--` and the key in kebab case.
 */
export interface OptionSpec<T = unknown, Present extends boolean = boolean> {
  readonly description: string;
  /** `<placeholder>` after the flag; none: a boolean switch. */
  readonly placeholder?: string;
  readonly short?: string;
  readonly choices?: readonly string[];
  readonly fallback?: T;
  /** Commander refuses to run without it. */
  readonly mandatory?: boolean;
  /**
   * Text → value, or a UsageError naming `flag`; `previous` is the value so far
   * (repeatable options). A method, so that specs of any `T` are CommandSpecs.
   */
  parse?(raw: string, previous: T | undefined, flag: string): T;
  /** Types only: never set. */
  readonly type?: { of(value: T, present: Present): void };
}

/** One positional argument, of value type `T`. */
export interface ArgSpec<T = unknown> {
  readonly name: string;
  readonly description: string;
  readonly variadic?: boolean;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly fallback?: string;
  readonly type?: { of(value: T): void };
}

export interface CommandSpec {
  readonly name: string;
  /** The command it is a subcommand of (`presets list`). */
  readonly parent?: string;
  readonly description: string;
  readonly args: readonly ArgSpec[];
  readonly options: { readonly [key: string]: OptionSpec };
}

type ValueOf<O> = O extends OptionSpec<infer T> ? T : never;
type PresentKeys<Os> = { [K in keyof Os]: Os[K] extends OptionSpec<unknown, true> ? K : never }[keyof Os];

/** The options object commander hands a command, derived from its spec. */
export type OptionsOf<S extends CommandSpec> = {
  readonly [K in PresentKeys<S['options']>]: ValueOf<S['options'][K]>;
} & {
  readonly [K in Exclude<keyof S['options'], PresentKeys<S['options']>>]?: ValueOf<S['options'][K]>;
};

/** The positional arguments, as a tuple. */
export type ArgsOf<S extends CommandSpec> = ArgValues<S['args']>;
/** A homomorphic map over the tuple (it keeps its length and order). */
type ArgValues<A extends readonly ArgSpec[]> = { readonly [I in keyof A]: A[I] extends ArgSpec<infer T> ? T : never };

export type Runner<S extends CommandSpec> = (args: ArgsOf<S>, opts: OptionsOf<S>, io: Io) => Promise<number> | number;

/** A spec with its literal types kept (choices, which options are present). */
export function command<const S extends CommandSpec>(spec: S): S {
  return spec;
}

// ---- arguments ----

export const files = (name: string, description: string, required: boolean): ArgSpec<string[]> => ({
  name,
  description,
  variadic: true,
  required,
});
export const file = (name: string, description: string): ArgSpec<string> => ({ name, description, required: true });
export const maybeFile = (name: string, description: string): ArgSpec<string | undefined> => ({ name, description });
export const fileOr = (name: string, description: string, fallback: string): ArgSpec<string> => ({
  name,
  description,
  fallback,
});
export const maybeOneOf = <const C extends readonly string[]>(
  name: string,
  description: string,
  choices: C,
): ArgSpec<C[number] | undefined> => ({ name, description, choices });

// ---- options ----

export const flag = (description: string): OptionSpec<boolean, false> => ({ description });

export const text = (placeholder: string, description: string): OptionSpec<string, false> => ({
  placeholder,
  description,
});

/** A text option checked by `parse` (which throws a UsageError naming the flag). */
export const checked = (
  placeholder: string,
  description: string,
  parse: (raw: string, flag: string) => string,
): OptionSpec<string, false> => ({ placeholder, description, parse: (raw, _previous, flag) => parse(raw, flag) });

/** Repeatable (`--vary a --vary b`), required at least once. */
export const repeated = (placeholder: string, description: string): OptionSpec<string[], true> => ({
  placeholder,
  description,
  mandatory: true,
  parse: (raw, previous) => [...(previous ?? []), raw],
});

export const oneOf = <const C extends readonly string[]>(
  placeholder: string,
  description: string,
  choices: C,
  fallback: C[number],
  short?: string,
): OptionSpec<C[number], true> => ({
  placeholder,
  description,
  choices,
  fallback,
  ...(short === undefined ? {} : { short }),
});

type NumberKind = 'positive' | 'non-negative' | 'positive-integer';

const NUMBER_CHECKS: Record<NumberKind, { ok: (n: number, raw: string) => boolean; expected: string }> = {
  positive: { ok: (n, raw) => raw.trim() !== '' && Number.isFinite(n) && n > 0, expected: 'a positive number' },
  'non-negative': { ok: (n, raw) => raw.trim() !== '' && Number.isFinite(n) && n >= 0, expected: 'a number ≥ 0' },
  'positive-integer': { ok: (n) => Number.isSafeInteger(n) && n > 0, expected: 'a positive whole number' },
};

/** A number as people write one in decimal (`12`, `0.5`, `1e6`): not `0x10`, `0b1` or `Infinity`, which Number() also reads. */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A number option of `kind`; a value that is not one is a UsageError naming the flag. */
export function number(placeholder: string, description: string, kind: NumberKind): OptionSpec<number, false>;
export function number(
  placeholder: string,
  description: string,
  kind: NumberKind,
  fallback: number,
): OptionSpec<number, true>;
export function number(
  placeholder: string,
  description: string,
  kind: NumberKind,
  fallback?: number,
): OptionSpec<number> {
  const { ok, expected } = NUMBER_CHECKS[kind];
  return {
    placeholder,
    description,
    ...(fallback === undefined ? {} : { fallback }),
    parse: (raw, _previous, flagName) => {
      const n = Number(raw);
      if (!DECIMAL.test(raw) || !ok(n, raw)) throw new UsageError(`${flagName}: expected ${expected}, got "${raw}"`);
      return n;
    },
  };
}

/** An option's key → its flag: `maxInputBytes` → `--max-input-bytes` (commander camel-cases it back). */
export const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Commander's flags text for an option: `-f, --format <format>`. */
export function flagsOf(key: string, o: OptionSpec): string {
  return `${o.short === undefined ? '' : `-${o.short}, `}${flagName(key)}${o.placeholder === undefined ? '' : ` <${o.placeholder}>`}`;
}

/**
 * Percentile limits in ms, `p99=2000` or `p90=800,p99=2000`; repeating the
 * flag adds percentiles. The same rules as the scenario's: positive, and a
 * higher percentile at least the one below it (scenario/percentiles.ts).
 */
export const percentileLimits = (description: string): OptionSpec<PercentileLimitsGiven, false> => ({
  placeholder: 'pNN=ms',
  description,
  parse: (raw, previous, flagName) => {
    const out: PercentileLimitsGiven = { ...previous };
    for (const part of raw.split(',')) {
      const [key = '', value = '', ...rest] = part.split('=').map((s) => s.trim());
      const n = Number(value);
      if (
        !(PERCENTILES as readonly string[]).includes(key) ||
        rest.length > 0 ||
        value === '' ||
        !(n > 0) ||
        !Number.isFinite(n)
      )
        throw new UsageError(
          `${flagName}: expected percentile=ms such as p99=2000 (p50, p90, p95 or p99; ms positive), got "${raw}"`,
        );
      out[key as PercentileKey] = n;
    }
    const [problem] = percentileOrderProblems(out);
    if (problem !== undefined) throw new UsageError(`${flagName}: ${problem.message}`);
    return out;
  },
});
