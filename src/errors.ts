/**
 * The closed set of errors a user can meet. Deep code throws these; only
 * `src/cli/main.ts` turns them into an exit code (2: the tool could not run).
 */

import { singleLine } from './formats/text-safety.js';

/** An error whose message is meant for the user as it stands (exit 2, no stack trace). */
export class UserError extends Error {
  override name = 'UserError';
}

/** Several inputs failed: one message listing each of them. */
export class UserErrors extends UserError {
  readonly errors: readonly UserError[];
  constructor(errors: readonly UserError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }

  /** Problems gathered over several inputs, as one error: a single one as itself, several together. */
  static of(errors: readonly UserError[]): UserError {
    const [only] = errors;
    return errors.length === 1 && only !== undefined ? only : new UserErrors(errors);
  }
}

/** One problem in an input file, located as precisely as the file allows. */
export interface InputProblem {
  /** Dotted field path, e.g. `traffic.requests_per_day`; empty for the whole document. */
  readonly path: string;
  /** 1-based line and column in the file, when the problem has a place in it. */
  readonly line?: number;
  readonly column?: number;
  /** What was wrong, phrased as "expected …, got …" where that applies. */
  readonly message: string;
  /** Set on the closing line of a cut list: how many problems it stands for. */
  readonly omitted?: number;
  /** What kind of problem, where code acts on it (merging a misspelt key with the field it meant). */
  readonly kind?: ProblemKind;
  /** For an unknown key: the one known key it is closest to, when there is exactly one. */
  readonly suggestion?: string;
}

export type ProblemKind = 'missing' | 'unknown-key';

/** A scenario (or other input file) that cannot be used as written. */
export class InputError extends UserError {
  override name = 'InputError';
  readonly file: string;
  readonly problems: readonly InputProblem[];
  constructor(file: string, problems: readonly InputProblem[]) {
    super(formatInputProblems(file, problems));
    this.file = file;
    this.problems = problems;
  }
}

/** Bad command-line usage: unknown flag, missing value, unknown format. */
export class UsageError extends UserError {
  override name = 'UsageError';
}

/** A file could not be read or written. */
export class IoError extends UserError {
  override name = 'IoError';
}

/**
 * A valid scenario that describes a deployment that cannot work (the model does
 * not fit, no batch meets the latency target). The message says why and what
 * would make it feasible.
 */
export class InfeasibleError extends UserError {
  override name = 'InfeasibleError';
  /** The scenario field the problem is about (`hardware.price_usd_per_hour`), when there is one. */
  readonly path: string | undefined;
  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
  }
}

/**
 * `file:line:column`. The file's name on one line: a name holding a newline could otherwise start a
 * line of its own that reads like another diagnostic.
 */
export function locate(file: string, p: Pick<InputProblem, 'line' | 'column'>): string {
  const shown = singleLine(file);
  return p.line === undefined ? shown : `${shown}:${p.line}:${p.column ?? 1}`;
}

/** The longest a problem's message or field path is shown: a file's own text quoted back stays readable. */
const MAX_SHOWN_CHARS = 500;

/** `text`, or its first MAX_SHOWN_CHARS characters and how many more there were. */
function bounded(text: string): string {
  return text.length <= MAX_SHOWN_CHARS
    ? text
    : `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length - MAX_SHOWN_CHARS} more characters)`;
}

export function formatInputProblems(file: string, problems: readonly InputProblem[]): string {
  const lines = problems.map((p) => {
    const where = locate(file, p);
    return p.path ? `${where}: ${bounded(p.path)}: ${bounded(p.message)}` : `${where}: ${bounded(p.message)}`;
  });
  if (lines.length === 1) return lines[0] ?? '';
  const total = problems.reduce((n, p) => n + (p.omitted ?? 1), 0);
  return `${singleLine(file)}: ${total} problems\n${lines.map((l) => `  ${l}`).join('\n')}`;
}
