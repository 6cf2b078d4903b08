/**
 * zod issues, turned into messages a person can act on:
 * "expected …, got …", with "did you mean" for misspelt keys and names.
 */
import type { z } from 'zod';
import { removedEfficiencyFactor } from './defaults.js';
import { closest, didYouMean } from './suggest.js';
import type { InputProblem, ProblemKind } from '../errors.js';

type Issue = z.core.$ZodIssue;

/** The input as a user would recognise it from their file. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value (null)';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan (not a number)';
    // YAML reads .inf as infinity, and so every number past the largest double (1e400): say both.
    if (!Number.isFinite(v))
      return v > 0
        ? '.inf (infinity, or a number past 1.8e308 such as 1e400)'
        : '-.inf (minus infinity, or a number below -1.8e308)';
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  // YAML's !!timestamp and !!binary tags parse to these.
  if (v instanceof Date) return 'a date (a YAML timestamp: quote it to make it text)';
  if (v instanceof Uint8Array) return 'binary data (YAML !!binary)';
  if (typeof v === 'object') return 'a map';
  return typeof v;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'text',
  object: 'a map of fields',
  array: 'a list',
  boolean: 'true or false',
  int: 'a whole number',
};

function bound(issue: { origin?: string; inclusive?: boolean }, op: 'min' | 'max', limit: unknown): string {
  const what = issue.origin === 'int' ? 'a whole number' : issue.origin === 'string' ? 'text of length' : 'a number';
  const sign = op === 'min' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
  const shown = typeof limit === 'number' && Math.abs(limit) >= 1e15 ? limit.toExponential(3) : String(limit);
  return `${what} ${sign} ${shown}`;
}

/** What a list holds, for "expected at most 16 options": its key when that is a plural, else "items". */
function itemsOf(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return typeof last === 'string' && /[a-z]s$/.test(last) ? last.replace(/_/g, ' ') : 'items';
}

export interface IssueMessage {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly at: 'key' | 'value';
  readonly kind?: ProblemKind;
  readonly suggestion?: string;
}

/** The fields of an IssueMessage that carry over to an InputProblem. */
export function problemFields(m: IssueMessage): Pick<InputProblem, 'kind' | 'suggestion'> {
  return {
    ...(m.kind === undefined ? {} : { kind: m.kind }),
    ...(m.suggestion === undefined ? {} : { suggestion: m.suggestion }),
  };
}

/**
 * One issue as "expected …, got …". `knownKeysAt` lists the keys allowed
 * where an unknown key was found (for "did you mean").
 */
export function issueMessages(
  issue: Issue,
  knownKeysAt: (path: readonly PropertyKey[]) => readonly string[],
): IssueMessage[] {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (typeof input === 'number' && !Number.isFinite(input))
        return [{ path: issue.path, message: `expected a finite number, got ${describeValue(input)}`, at: 'value' }];
      if (input === undefined)
        return [
          {
            path: issue.path,
            message: `required field is missing (expected ${TYPE_NAMES[issue.expected] ?? issue.expected})`,
            at: 'value',
            kind: 'missing',
          },
        ];
      return [
        {
          path: issue.path,
          message: `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(input)}`,
          at: 'value',
        },
      ];
    }
    case 'too_small':
      if (issue.origin === 'array' && Array.isArray(input))
        return [
          {
            path: issue.path,
            message:
              Number(issue.minimum) === 1 && input.length === 0
                ? 'expected at least one entry, got an empty list'
                : `expected at least ${issue.minimum} ${itemsOf(issue.path)}, got ${input.length}`,
            at: 'value',
          },
        ];
      return [
        {
          path: issue.path,
          message: `expected ${bound(issue, 'min', issue.minimum)}, got ${describeValue(input)}`,
          at: 'value',
        },
      ];
    case 'too_big':
      if (issue.origin === 'array' && Array.isArray(input))
        return [
          {
            path: issue.path,
            message: `expected at most ${issue.maximum} ${itemsOf(issue.path)}, got ${input.length}`,
            at: 'value',
          },
        ];
      return [
        {
          path: issue.path,
          message: `expected ${bound(issue, 'max', issue.maximum)}, got ${describeValue(input)}`,
          at: 'value',
        },
      ];
    case 'unrecognized_keys': {
      const known = knownKeysAt(issue.path);
      const inEfficiency = issue.path[issue.path.length - 1] === 'efficiency';
      return issue.keys.map((key): IssueMessage => {
        const removed = inEfficiency ? removedEfficiencyFactor(key) : undefined;
        if (removed !== undefined)
          return { path: [...issue.path, key], message: `${key} ${removed}; delete this line`, at: 'key' };
        // An empty key (`"":` or `~:`) is near nothing: list what belongs here instead of guessing.
        if (key === '')
          return {
            path: [...issue.path, key],
            message: `an empty key is not a field${expectedKeys(known)}`,
            at: 'key',
            kind: 'unknown-key',
          };
        const near = closest(key, known);
        return {
          path: [...issue.path, key],
          message: `unknown key${didYouMean(key, known) || expectedKeys(known)}`,
          at: 'key',
          kind: 'unknown-key',
          ...(near.length === 1 && near[0] !== undefined ? { suggestion: near[0] } : {}),
        };
      });
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const typed = typeof input === 'string' ? didYouMean(input, options) : '';
      if (input === undefined)
        return [
          {
            path: issue.path,
            message: `required field is missing (expected one of: ${options.join(', ')})`,
            at: 'value',
            kind: 'missing',
          },
        ];
      return [
        {
          path: issue.path,
          message: `expected one of ${options.join(', ')}, got ${describeValue(input)}${typed}`,
          at: 'value',
        },
      ];
    }
    case 'invalid_union': {
      // A value of one of several shapes (a token count: a number or a distribution). The branches that got
      // past the value's type say what is wrong inside it; when none did, name every shape expected.
      const branches = (issue as { errors?: Issue[][] }).errors ?? [];
      const rootType = (b: Issue[]) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0;
      const inside = branches.filter((b) => !rootType(b));
      if (inside.length > 0)
        return (inside[0] as Issue[]).flatMap((sub) =>
          issueMessages({ ...sub, path: [...issue.path, ...sub.path] }, knownKeysAt),
        );
      const last = String(issue.path[issue.path.length - 1] ?? '');
      const expected = last.endsWith('_tokens')
        ? 'a number, or a distribution: { distribution: lognormal, mean, p90 }, { distribution: uniform, min, max } or { buckets: [[tokens, share], …] }'
        : branches
            .flatMap((b) => (b[0]?.code === 'invalid_type' ? [TYPE_NAMES[b[0].expected] ?? b[0].expected] : []))
            .join(' or ') || 'another value';
      if (input === undefined)
        return [
          {
            path: issue.path,
            message: `required field is missing (expected ${expected})`,
            at: 'value',
            kind: 'missing',
          },
        ];
      return [{ path: issue.path, message: `expected ${expected}, got ${describeValue(input)}`, at: 'value' }];
    }
    default:
      return [{ path: issue.path, message: issue.message, at: 'value' }];
  }
}

/** The keys a map takes, for a message about one it does not: ` (expected one of: a, b)`, or nothing. */
function expectedKeys(known: readonly string[]): string {
  return known.length > 0 ? ` (expected one of: ${known.join(', ')})` : '';
}
