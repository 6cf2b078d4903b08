/** The machine format: one versioned JSON document with every number, at full precision. */
import { RESULT_SCHEMA_VERSION, type SimulationResult } from '../core/result.js';

export interface JsonDocument {
  readonly schemaVersion: typeof RESULT_SCHEMA_VERSION;
  readonly generator: string;
  readonly results: readonly SimulationResult[];
}

export function formatSimulationJson(results: readonly SimulationResult[], generator: string): string {
  const doc: JsonDocument = { schemaVersion: RESULT_SCHEMA_VERSION, generator, results };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
