/** simulate's output in each of its formats: the renderer table (one entry per SIMULATION_FORMATS). */
import type { ExplainResult } from '../core/explain.js';
import type { SimulationResult } from '../core/result.js';
import type { Renderers, SIMULATION_FORMATS } from './choices.js';
import { worded } from './explain-words.js';
import { formatSimulationJson } from './json.js';
import { formatSimulationCsv } from './simulate-csv.js';
import { formatSimulationTable } from './table.js';

export interface SimulationOutput {
  readonly results: readonly SimulationResult[];
  /** Each result's savings waterfall; undefined where its baseline could not be computed. */
  readonly explanations: readonly (ExplainResult | undefined)[];
}

export const simulationRenderers: Renderers<typeof SIMULATION_FORMATS, SimulationOutput> = {
  table: ({ results, explanations }, ctx) =>
    results.map((r, i) => formatSimulationTable(r, ctx, explanations[i])).join('\n'),
  json: ({ results, explanations }, { generator }) =>
    formatSimulationJson(
      results.map((r, i) => {
        const explanation = explanations[i];
        return explanation === undefined ? r : { ...r, explanation: worded(explanation) };
      }),
      generator,
    ),
  csv: ({ results }) => formatSimulationCsv(results),
  html: async ({ results, explanations }, { generator }) =>
    (await import('./html/reports.js')).simulationHtml(results, explanations, generator),
};
