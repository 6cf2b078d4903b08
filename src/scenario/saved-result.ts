/**
 * A result saved earlier by `infercost simulate --format json`, read back as
 * the baseline of `infercost compare --baseline-json`. Only the fields compare
 * reads are required; anything else in the file is ignored.
 */
import * as z from 'zod';
import type { Comparable } from '../core/compare.js';
import { RESULT_SCHEMA_VERSION } from '../core/result.js';
import { InputError } from '../errors.js';
import { DEFAULT_MAX_INPUT_BYTES } from './text.js';
import { parseYamlMap } from './yaml-text.js';
import { validateLocated } from './yaml-input.js';

/*
 * Only values a real result can hold: a tampered baseline with a zero or
 * negative cost, count or token figure would otherwise turn a CI gate off
 * (a rise over 0 has no percentage). simulate never prints these as zero: a
 * query costs something, takes time and yields tokens; a fleet for no traffic
 * has 0 accelerators and costs $0 a month.
 */
const positive = () => z.number().positive();
const nonNegative = () => z.number().nonnegative();
const percentiles = () => z.looseObject({ p50: positive(), p90: positive(), p95: positive(), p99: positive() });
const SavedResultSchema = z.looseObject({
  scenario: z.looseObject({ name: z.string() }),
  blended: z.looseObject({
    costPerQueryUsd: positive(),
    costPerMillionOutputTokensUsd: positive(),
    costPerMillionTokensUsd: positive(),
    monthlyCostUsd: nonNegative(),
    outputTokens: positive(),
    timeToFirstTokenS: positive(),
    timePerOutputTokenS: positive(),
    latencyS: positive(),
    outputTokensPerSPerAccelerator: positive(),
    energyPerQueryWh: positive().nullable(),
  }),
  fleet: z.looseObject({ provisionedMonthlyCostUsd: nonNegative(), accelerators: z.number().int().nonnegative() }),
  deployment: z.looseObject({
    acceleratorsPerReplica: z.number().int().positive(),
    batch: z.number().int().positive(),
  }),
  // Present (possibly null) in results saved since latency percentiles and autoscaling (0.3.0).
  latency: z
    .looseObject({
      timeToFirstTokenS: percentiles(),
      timePerOutputTokenS: percentiles(),
      endToEndS: percentiles(),
      goodput: z.number().min(0).max(1).nullable(),
    })
    .nullable()
    .optional(),
  autoscaled: z.looseObject({ monthlyCostUsd: nonNegative(), replicaHoursPerDay: nonNegative() }).nullable().optional(),
});

export const SavedDocumentSchema = z.looseObject({
  // Version 1 (0.2.0) documents keep every field compared here: a baseline saved before the serving model v2 still reads.
  schemaVersion: z.literal([1, RESULT_SCHEMA_VERSION]),
  results: z.array(SavedResultSchema).min(1),
});

/**
 * Parse a saved simulate JSON document; pick the result named `name`, or the
 * only one. JSON is read as YAML 1.2 (of which it is a subset), so every
 * problem gets its line:column like a scenario's.
 */
export function readSavedResult(
  text: string,
  file: string,
  name: string | undefined,
  maxBytes = DEFAULT_MAX_INPUT_BYTES,
): Comparable {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{'))
    throw new InputError(file, [
      {
        path: '',
        line: 1,
        column: 1,
        message: 'expected a JSON document from `infercost simulate --format json` (an object, starting with {)',
      },
    ]);
  const { raw, locate } = parseYamlMap(text, file, {
    maxBytes,
    kind: 'saved result',
    noun: 'result',
    expected: 'schemaVersion and results (from `infercost simulate --format json`)',
  });
  const parsed = validateLocated(SavedDocumentSchema, raw, file, locate);
  // The schema checks exactly what compare reads: its type is a Comparable (no cast).
  const results: readonly Comparable[] = parsed.results;
  const [only] = results;
  if (results.length === 1 && only !== undefined) return only;
  const match = results.find((r) => r.scenario.name === name);
  if (match === undefined)
    throw new InputError(file, [
      {
        path: 'results',
        message: `holds ${results.length} results and none is named "${name}": ${results.map((r) => `"${r.scenario.name}"`).join(', ')}`,
      },
    ]);
  return match;
}
