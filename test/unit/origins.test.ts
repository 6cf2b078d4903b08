// Where a loaded scenario's values came from (loadScenario's origins): the same whichever reader
// read the file. A file in the quick reader's subset answers from its data; a file only `yaml`
// reads (anchors and aliases here) answers from its document, as it always has.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';

const TAIL = `traffic: { requests_per_day: 1000, input_tokens: 100, output_tokens: 100 }
`;

describe('origins of a loaded scenario', () => {
  it('a field the file sets is the scenario’s, one its preset fills is the preset’s, the rest defaults', () => {
    const l = loadScenario(
      `name: x\nmodel: { preset: llama-3.1-8b }\nhardware:\n  preset: h100-sxm\n  price_usd_per_hour: 3.5\n${TAIL}`,
    );
    expect(l.origins.get('hardware.price_usd_per_hour')).toBe('scenario');
    expect(l.origins.get('hardware.memory_gb')).toBe('preset h100-sxm');
    expect(l.origins.get('serving.max_batch')).toBeUndefined();
  });

  it('a field set through an alias is not the file’s own key: its preset’s, as the document says', () => {
    // The alias expands to the anchored map, but the document holds no price key under hardware.
    const l = loadScenario(
      `name: x\nmodel: { preset: llama-3.1-8b }\nbaseline:\n  hardware: &h { preset: h100-sxm, price_usd_per_hour: 3.5 }\nhardware: *h\n${TAIL}`,
    );
    expect(l.origins.get('baseline.hardware.price_usd_per_hour')).toBe('scenario');
    expect(l.origins.get('hardware.price_usd_per_hour')).toBe('preset h100-sxm');
  });
});
