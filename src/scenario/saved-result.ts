/**
 * A result saved earlier by `infercost simulate --format json`, read back as
 * the baseline of `infercost compare --baseline-json`. Only the fields compare
 * reads are required; anything else in the file is ignored.
 */
import { z } from 'zod';
import type { Comparable } from '../core/compare.js';
import { RESULT_SCHEMA_VERSION } from '../core/result.js';
import { InputError } from '../errors.js';
import { issueMessages } from './issues.js';

const num = () => z.number();
const SavedResultSchema = z.looseObject({
  scenario: z.looseObject({ name: z.string() }),
  blended: z.looseObject({
    costPerQueryUsd: num(),
    costPerMillionOutputTokensUsd: num(),
    costPerMillionTokensUsd: num(),
    monthlyCostUsd: num(),
    outputTokens: num(),
    timeToFirstTokenS: num(),
    timePerOutputTokenS: num(),
    latencyS: num(),
    outputTokensPerSPerAccelerator: num(),
    energyPerQueryWh: num().nullable(),
  }),
  fleet: z.looseObject({ provisionedMonthlyCostUsd: num(), accelerators: num() }),
  deployment: z.looseObject({ acceleratorsPerReplica: num(), batch: num() }),
});

const SavedDocumentSchema = z.looseObject({
  // Version 1 (0.2.0) documents keep every field compared here: a baseline saved before the serving model v2 still reads.
  schemaVersion: z.union([z.literal(1), z.literal(RESULT_SCHEMA_VERSION)]),
  results: z.array(SavedResultSchema).min(1),
});

/** Parse a saved simulate JSON document; pick the result named `name`, or the only one. */
export function readSavedResult(text: string, file: string, name: string | undefined): Comparable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, [
      {
        path: '',
        message: `expected a JSON document from \`infercost simulate --format json\`: ${(e as Error).message}`,
      },
    ]);
  }
  const parsed = SavedDocumentSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    throw new InputError(
      file,
      parsed.error.issues
        .flatMap((i) => issueMessages(i, () => []))
        .map((m) => ({ path: m.path.map(String).join('.'), message: m.message })),
    );
  const results = parsed.data.results as unknown as Comparable[];
  if (results.length === 1) return results[0] as Comparable;
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
