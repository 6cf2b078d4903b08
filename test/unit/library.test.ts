import { describe, expect, it } from 'vitest';
import { globalConfig } from 'zod/v4/core';
import * as infercost from '../../src/index.js';

describe('the library entry', () => {
  it('loads, simulates and explains a scenario as the README shows', () => {
    const { scenario } = infercost.loadScenario(infercost.DEFAULT_SCENARIO_YAML, 'default.yaml');
    const result = infercost.simulate(scenario);
    expect(result.schemaVersion).toBe(infercost.RESULT_SCHEMA_VERSION);
    expect(result.blended.costPerQueryUsd).toBeGreaterThan(0);
    expect(infercost.explain(scenario).finalCostPerQueryUsd).toBe(result.blended.costPerQueryUsd);
  });

  it('leaves zod as it found it: no process-wide jitless for the library user’s own schemas', () => {
    infercost.loadScenario(infercost.DEFAULT_SCENARIO_YAML, 'default.yaml');
    expect(globalConfig.jitless).not.toBe(true);
  });
});
