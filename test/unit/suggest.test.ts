/** "did you mean": the nearest known names, each once, and none for a name far longer than any. */
import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/scenario/suggest.js';

describe('did you mean', () => {
  it('suggests each near name once, however often the list repeats it', () => {
    // Two workloads named "a": the typo "b" is one edit from "a", said once.
    expect(didYouMean('b', ['a', 'a'])).toBe(' (did you mean "a"?)');
    expect(closest('mistral-smal-4', ['mistral-small-4', 'mistral-small-4', 'mixtral-8x7b'])).toEqual([
      'mistral-small-4',
    ]);
  });

  it('looks for none when the typed name is far longer than any name (400,000 characters)', () => {
    expect(closest('x'.repeat(400_000), ['llama-3.1-8b'])).toEqual([]);
  });
});
