/** Shaping a list of input problems for people: places, merged twins, file order. */
import type { InputProblem } from '../errors.js';

/**
 * Problems reported from one file at most: a file of 150,000 unknown keys
 * gets the first ones and a count, in well under a second, not a wall of text.
 */
export const MAX_REPORTED_PROBLEMS = 50;

/** The sorted problems, cut to MAX_REPORTED_PROBLEMS, with a last line counting the rest. */
export function reportable(problems: InputProblem[], uncounted = 0): InputProblem[] {
  const sorted = sortProblems(mergeMisspelt(problems));
  const omitted = Math.max(0, sorted.length - MAX_REPORTED_PROBLEMS) + uncounted;
  const shown = sorted.slice(0, MAX_REPORTED_PROBLEMS);
  return omitted > 0
    ? [
        ...shown,
        {
          path: '',
          message: `… and ${omitted} more problem${omitted === 1 ? '' : 's'} (the first ${shown.length} are shown)`,
          omitted,
        },
      ]
    : shown;
}

export function pick(p: { line: number; column: number } | undefined): { line?: number; column?: number } {
  return p ? { line: p.line, column: p.column } : {};
}

/**
 * A misspelt required key shows up twice: as an unknown key and as a missing
 * one. Keep one message, at the misspelling, that says both.
 */
export function mergeMisspelt(problems: InputProblem[]): InputProblem[] {
  const missing = new Map(problems.filter((p) => p.kind === 'missing').map((p) => [p.path, p]));
  const dropped = new Set<InputProblem>();
  const merged = problems.map((p) => {
    if (p.kind !== 'unknown-key' || p.suggestion === undefined) return p;
    const parent = p.path.split('.').slice(0, -1);
    const intended = missing.get([...parent, p.suggestion].join('.'));
    if (intended === undefined) return p;
    dropped.add(intended);
    // The message ends "(did you mean "x"?)": say in the same parentheses that x is required.
    return { ...p, message: `${p.message.slice(0, -1)}; ${p.suggestion} is required)` };
  });
  return merged.filter((p) => !dropped.has(p));
}

export function sortProblems(problems: InputProblem[]): InputProblem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.path.localeCompare(b.path),
  );
}
