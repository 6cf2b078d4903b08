/**
 * The deployment behind a benchmark output, which the export itself does not
 * record: from flags (`--model`, `--accelerator`, `--accelerators`,
 * `--precision`) or a sidecar YAML beside the file (`<name>.infercost.yaml`,
 * or `infercost.yaml` for a whole folder). A sidecar is about its file, so
 * its fields win over the flags.
 */
import * as z from 'zod';
import { findPreset, presetsOf } from '../../data/catalog.js';
import { UsageError } from '../../errors.js';
import { PRECISIONS } from '../../scenario/precision.js';
import { didYouMean } from '../../scenario/suggest.js';
import { validateLocated } from '../../scenario/yaml-input.js';
import { parseYamlMap } from '../../scenario/yaml-text.js';
import type { RunContext } from './run.js';

export const SidecarSchema = z.strictObject({
  /** Model preset id (`infercost presets list models`). */
  model: z.string().min(1).optional(),
  /** Hardware preset id (`infercost presets list hardware`). */
  accelerator: z.string().min(1).optional(),
  /** Accelerators the server ran on (all replicas). */
  accelerators: z.number().int().positive().max(100_000).optional(),
  accelerators_per_replica: z.number().int().positive().max(100_000).optional(),
  precision: z.enum(PRECISIONS).optional(),
  kv_cache_precision: z.enum(PRECISIONS).optional(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

export function loadSidecar(text: string, file: string): Sidecar {
  const { raw, locate } = parseYamlMap(text, file, {
    kind: 'sidecar file',
    noun: 'sidecar',
    expected: 'model, accelerator and accelerators (what the benchmark export does not record)',
  });
  return validateLocated(SidecarSchema, raw, file, locate);
}

/**
 * Where the context of a benchmark output can come from besides its sidecar:
 * `calibrate`'s flags, or the scenario whose ranges it sets (simulate, check,
 * explain: `calibration:` or `--calibration`), which supplies its own presets.
 */
export type ContextSource = 'flags' | 'scenario';

/** Flags (or the scenario's presets) and sidecar → the context of `file`'s runs; a UsageError naming where to give what is missing. */
export function contextOf(
  flags: Sidecar,
  sidecar: Sidecar | undefined,
  file: string,
  sidecarName: string,
  source: ContextSource = 'flags',
): RunContext {
  const c = { ...flags, ...sidecar };
  const SCENARIO_FIELD: Record<string, string> = {
    model: 'model.preset',
    accelerator: 'hardware.preset',
    accelerators: 'serving.accelerators_per_replica',
  };
  const missing = (flag: string, key: string, example: string) =>
    new UsageError(
      source === 'flags'
        ? `${file}: the benchmark output does not say ${example}: pass ${flag} or write \`${key}:\` in ${sidecarName}`
        : `${file}: the benchmark output does not say ${example}: write \`${key}:\` in ${sidecarName} (the scenario has no ${SCENARIO_FIELD[key] ?? key} to assume)`,
    );
  if (c.model === undefined)
    throw missing('--model <preset>', 'model', 'which model served it (`infercost presets list models`)');
  if (c.accelerator === undefined)
    throw missing(
      '--accelerator <preset>',
      'accelerator',
      'which accelerator ran it (`infercost presets list hardware`)',
    );
  if (c.accelerators === undefined)
    throw missing('--accelerators <n>', 'accelerators', 'how many accelerators served it');
  for (const [kind, id, flag] of [
    ['model', c.model, '--model'],
    ['hardware', c.accelerator, '--accelerator'],
  ] as const)
    if (findPreset(kind, id) === undefined)
      throw new UsageError(
        `${flag}: no ${kind} preset "${id}"${didYouMean(
          id,
          presetsOf(kind).map((p) => p.id),
        )}; \`infercost presets list ${kind === 'model' ? 'models' : 'hardware'}\` shows them all`,
      );
  return {
    model: c.model,
    accelerator: c.accelerator,
    accelerators: c.accelerators,
    ...(c.accelerators_per_replica === undefined ? {} : { acceleratorsPerReplica: c.accelerators_per_replica }),
    ...(c.precision === undefined ? {} : { precision: c.precision }),
    ...(c.kv_cache_precision === undefined ? {} : { kvCachePrecision: c.kv_cache_precision }),
  };
}
