/** Merging a misspelt key with the required field it meant reads the problems' kinds, not their wording. */
import { describe, expect, it } from 'vitest';
import { mergeMisspelt } from '../../src/scenario/problems.js';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/errors.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';

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
