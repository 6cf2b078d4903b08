/** The machine format: one versioned JSON document with every number, at full precision. */
import type { WordedExplanation } from './explain-words.js';
import { RESULT_SCHEMA_VERSION, type SimulationResult } from '../core/result.js';

/** A simulation result, with its savings waterfall when one could be computed. */
export type SimulationEntry = SimulationResult & { readonly explanation?: WordedExplanation };

export interface JsonDocument {
  readonly schemaVersion: typeof RESULT_SCHEMA_VERSION;
  readonly generator: string;
  readonly results: readonly SimulationEntry[];
}

export function formatSimulationJson(results: readonly SimulationEntry[], generator: string): string {
  const doc: JsonDocument = { schemaVersion: RESULT_SCHEMA_VERSION, generator, results };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
