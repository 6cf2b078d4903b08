/** Merging a misspelt key with the required field it meant reads the problems' kinds, not their wording. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/errors.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { loadMeasurements } from '../../src/calibration/measurements.js';
import { MAX_REPORTED_PROBLEMS, mergeMisspelt } from '../../src/scenario/problems.js';

describe('mergeMisspelt', () => {
  it('keeps one problem, at the misspelling, when an unknown key suggests a missing field', () => {
    const merged = mergeMisspelt([
      {
        path: 'trafic',
        line: 3,
        column: 1,
        message: 'unknown key (did you mean "traffic"?)',
        kind: 'unknown-key',
        suggestion: 'traffic',
      },
      { path: 'traffic', message: 'required field is missing (expected a map of fields)', kind: 'missing' },
    ]);
    expect(merged).toEqual([
      {
        path: 'trafic',
        line: 3,
        column: 1,
        message: 'unknown key (did you mean "traffic"?; traffic is required)',
        kind: 'unknown-key',
        suggestion: 'traffic',
      },
    ]);
  });

  it('leaves problems without kinds alone, whatever their words', () => {
    const problems = [
      { path: 'trafic', message: 'unknown key (did you mean "traffic"?)' },
      { path: 'traffic', message: 'required field is missing (expected a map of fields)' },
    ];
    expect(mergeMisspelt(problems)).toEqual(problems);
  });

  it('a scenario file with a misspelt section gets the merged message', () => {
    const text = DEFAULT_SCENARIO_YAML.replace(/^traffic:/m, 'trafic:');
    try {
      loadScenario(text, 's.yaml');
      expect.unreachable('a misspelt section must fail');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const messages = (e as InputError).problems.map((p) => `${p.path}: ${p.message}`);
      expect(messages).toEqual(['trafic: unknown key (did you mean "traffic"?; traffic is required)']);
    }
  });
});

describe('problems in a list', () => {
  const rows = (n: number) =>
    `measurements:\n${Array.from({ length: n }, (_, i) => `  - { id: r${i}, model: x, bogus: 1 }`).join('\n')}\n`;
  const problemsOf = (text: string) => {
    try {
      loadMeasurements(text, 'm.yaml');
    } catch (e) {
      if (e instanceof InputError) return e.problems;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('a field missing from a row is located at that row, not at the top of the file', () => {
    const first = problemsOf(rows(2)).find((p) => p.path === 'measurements.1.accelerator');
    // Row 1 is line 3 (after "measurements:" and row 0), its map opens at column 5.
    expect(first).toMatchObject({ line: 3, column: 5 });
  });

  it('a measurements file of many bad rows gets the first problems and a count', () => {
    // 80 rows × 3 problems (2 missing fields, 1 unknown key) = 240.
    const problems = problemsOf(rows(80));
    expect(problems).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(problems.at(-1)?.message).toBe(
      `… and ${240 - MAX_REPORTED_PROBLEMS} more problems (the first 50 are shown)`,
    );
  });
});
