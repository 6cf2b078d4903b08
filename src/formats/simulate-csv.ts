/** Simulation results as CSV: one row per scenario × reasoning level, then the scenario's blended row. */
import type { QueryCost, SimulationResult } from '../core/result.js';
import { toCsv, type Cell } from './csv.js';

const COLUMNS: readonly [string, (r: SimulationResult, q: QueryCost) => Cell][] = [
  ['scenario', (r) => r.scenario.name],
  ['model', (r) => r.model.name],
  ['hardware', (r) => r.hardware.name],
  ['level', (_, q) => q.level],
  ['share', (_, q) => q.share],
  ['input_tokens', (_, q) => q.inputTokens],
  ['thinking_tokens', (_, q) => q.thinkingTokens],
  ['output_tokens', (_, q) => q.outputTokens],
  ['time_to_first_token_s', (_, q) => q.timeToFirstTokenS],
  ['time_per_output_token_s', (_, q) => q.timePerOutputTokenS],
  ['latency_s', (_, q) => q.latencyS],
  ['output_tokens_per_s_per_accelerator', (_, q) => q.outputTokensPerSPerAccelerator],
  ['accelerator_seconds_per_query', (_, q) => q.acceleratorSecondsPerQuery],
  ['cost_per_query_usd', (_, q) => q.costPerQueryUsd],
  ['cost_per_million_output_tokens_usd', (_, q) => q.costPerMillionOutputTokensUsd],
  ['cost_per_million_tokens_usd', (_, q) => q.costPerMillionTokensUsd],
  ['monthly_cost_usd', (_, q) => q.monthlyCostUsd],
  ['energy_per_query_wh', (_, q) => q.energyPerQueryWh],
  ['price_usd_per_accelerator_hour', (r) => r.hardware.priceUsdPerHour],
  ['accelerators_per_replica', (r) => r.deployment.acceleratorsPerReplica],
  ['batch', (r) => r.deployment.batch],
  ['replicas', (r) => r.fleet.replicas],
  ['accelerators', (r) => r.fleet.accelerators],
  ['provisioned_monthly_cost_usd', (r) => r.fleet.provisionedMonthlyCostUsd],
  // The 80% ranges (after every earlier column, which keep their places).
  ['cost_per_query_usd_low', (_, q) => q.costPerQueryUsdRange.low],
  ['cost_per_query_usd_high', (_, q) => q.costPerQueryUsdRange.high],
  ['cost_per_million_tokens_usd_low', (_, q) => q.costPerMillionTokensUsdRange.low],
  ['cost_per_million_tokens_usd_high', (_, q) => q.costPerMillionTokensUsdRange.high],
  ['time_per_output_token_s_low', (_, q) => q.timePerOutputTokenSRange.low],
  ['time_per_output_token_s_high', (_, q) => q.timePerOutputTokenSRange.high],
];

export const SIMULATE_CSV_HEADER = COLUMNS.map(([name]) => name);

export function formatSimulationCsv(results: readonly SimulationResult[]): string {
  const rows = results.flatMap((r) => [...r.levels, r.blended].map((q) => COLUMNS.map(([, read]) => read(r, q))));
  return toCsv(SIMULATE_CSV_HEADER, rows);
}
