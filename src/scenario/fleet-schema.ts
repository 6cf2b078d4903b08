/**
 * The fleet file: workloads (traffic and reasoning mix each) and the options
 * that could serve them, each option a set of deployments (a model on an
 * accelerator, with its own replicas, minimum replicas and utilisation
 * target). `infercost fleet` compares the options side by side, e.g. four
 * specialised deployments against one model with a reasoning-effort dial
 * (examples/fleet/mistral-consolidation.yaml).
 *
 * A deployment's `model:` and `hardware:` blocks are exactly a scenario's
 * (presets with overrides, or inline fields); its `serving:` block too.
 */
import * as z from 'zod';
import { InputError } from '../errors.js';
import {
  ExtraFactorSchema,
  HardwareSchema,
  ModelSchema,
  ReasoningSchema,
  ServingSchema,
  TrafficSchema,
  nameText,
} from './schema.js';
import { didYouMean } from './suggest.js';
import {
  emptyResolution,
  isPlainObject,
  parseYamlMap,
  resolvePresetsAt,
  positionOfDotted,
  validateLocated,
} from './yaml-input.js';

/**
 * Replicas a deployment keeps running however little traffic it has.
 * ASSUMPTION: 1 — an online endpoint stays up (scaling a 24-119B model to zero
 * means a cold start of minutes: weights to load, kernels to compile). Set 2 or
 * more for availability across a failure or a rolling update, 0 to allow
 * scale-to-zero.
 */
export const DEFAULT_MIN_REPLICAS = 1;

export const FleetWorkloadSchema = z.strictObject({
  /** How deployments refer to this workload in `serves`. */
  name: nameText(),
  description: z.string().optional(),
  traffic: TrafficSchema,
  /** The workload's reasoning mix, as in a scenario (default: no reasoning). */
  reasoning: ReasoningSchema.prefault({}),
});
export type FleetWorkload = z.infer<typeof FleetWorkloadSchema>;

export const FleetDeploymentSchema = z.strictObject({
  name: nameText(),
  description: z.string().optional(),
  /** The workloads this deployment serves, by name; every workload is served by one deployment of each option. */
  serves: z.array(nameText()).min(1),
  model: ModelSchema,
  hardware: HardwareSchema,
  /** As in a scenario; `utilization` is the target average load (1 − utilisation is the headroom). */
  serving: ServingSchema.prefault({}),
  /** Replicas kept running however little traffic there is. */
  min_replicas: z.number().int().nonnegative().max(100_000).default(DEFAULT_MIN_REPLICAS),
  /**
   * Peak over average of the traffic this deployment serves. Absent = the
   * workloads' peaks coincide (peak = sum of each workload's peak): no credit
   * for peaks that fall at different times.
   */
  peak_to_average: z.number().min(1).optional(),
  /** Claimed speed-ups the physical model does not represent, as in a scenario (always reported as assumptions). */
  extra_factors: z.array(ExtraFactorSchema).max(32).default([]),
});
export type FleetDeployment = z.infer<typeof FleetDeploymentSchema>;

export const FleetOptionSchema = z.strictObject({
  name: nameText(),
  description: z.string().optional(),
  deployments: z.array(FleetDeploymentSchema).min(1).max(64),
});
export type FleetOption = z.infer<typeof FleetOptionSchema>;

function duplicates(names: readonly string[]): Map<string, number> {
  const first = new Map<string, number>();
  const dup = new Map<string, number>();
  names.forEach((n, i) => {
    if (first.has(n)) dup.set(n, i);
    else first.set(n, i);
  });
  return dup;
}

export const FleetBlockSchema = z
  .strictObject({
    workloads: z.array(FleetWorkloadSchema).min(1).max(64),
    options: z.array(FleetOptionSchema).min(1).max(16),
  })
  .superRefine((f, ctx) => {
    const workloadNames = f.workloads.map((w) => w.name);
    for (const [n, i] of duplicates(workloadNames))
      ctx.addIssue({ code: 'custom', path: ['workloads', i, 'name'], message: `workload name "${n}" is used twice` });
    for (const [n, i] of duplicates(f.options.map((o) => o.name)))
      ctx.addIssue({ code: 'custom', path: ['options', i, 'name'], message: `option name "${n}" is used twice` });
    f.options.forEach((o, oi) => {
      for (const [n, di] of duplicates(o.deployments.map((d) => d.name)))
        ctx.addIssue({
          code: 'custom',
          path: ['options', oi, 'deployments', di, 'name'],
          message: `deployment name "${n}" is used twice in option "${o.name}"`,
        });
      const servedBy = new Map<string, string>();
      o.deployments.forEach((d, di) =>
        d.serves.forEach((w, si) => {
          const path = ['options', oi, 'deployments', di, 'serves', si];
          if (!workloadNames.includes(w))
            ctx.addIssue({
              code: 'custom',
              path,
              message: `unknown workload "${w}"${didYouMean(w, workloadNames) || ` (workloads: ${workloadNames.join(', ')})`}`,
            });
          else if (servedBy.has(w))
            ctx.addIssue({
              code: 'custom',
              path,
              message: `workload "${w}" is already served by deployment "${servedBy.get(w)}" in option "${o.name}": each workload goes to one deployment per option`,
            });
          else servedBy.set(w, d.name);
        }),
      );
      const unserved = workloadNames.filter((w) => !servedBy.has(w));
      if (unserved.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['options', oi, 'deployments'],
          message: `option "${o.name}" serves no deployment for workload${unserved.length > 1 ? 's' : ''} ${unserved.map((w) => `"${w}"`).join(', ')}: add ${unserved.length > 1 ? 'them' : 'it'} to a deployment's serves`,
        });
    });
  });

export const FleetFileSchema = z.strictObject({
  name: nameText(),
  description: z.string().optional(),
  fleet: FleetBlockSchema,
});
export type Fleet = z.infer<typeof FleetFileSchema>;

export interface LoadedFleet {
  readonly file: string;
  readonly fleet: Fleet;
  /** line:column of a field path in the file, if it is there. */
  readonly positionOf: (path: string) => { line: number; column: number } | undefined;
}

/** Fleet file text → a validated fleet, or an InputError naming every problem with line:column. */
export function loadFleet(text: string, file = '<fleet>', options: { maxBytes?: number } = {}): LoadedFleet {
  const { raw, locate } = parseYamlMap(text, file, {
    maxBytes: options.maxBytes,
    kind: 'fleet file',
    noun: 'fleet',
    expected: 'name and fleet (workloads and options)',
  });
  if (!('fleet' in raw) && 'model' in raw)
    throw new InputError(file, [
      {
        path: '',
        line: 1,
        column: 1,
        message:
          'this is a scenario file (it has model:, no fleet:): run `infercost simulate` on it; a fleet file has name and fleet: {workloads, options} (see examples/fleet/)',
      },
    ]);
  if (!('fleet' in raw) && 'accelerators' in raw)
    throw new InputError(file, [
      {
        path: '',
        line: 1,
        column: 1,
        message:
          'this is a roadmap (it has accelerators:, no fleet:): use it with `infercost project SCENARIO --roadmap FILE`',
      },
    ]);
  const presets = emptyResolution();
  const value = resolveDeployments(raw, presets);
  const fleet = validateLocated(FleetFileSchema, value, file, locate, presets);
  return { file, fleet, positionOf: positionOfDotted(locate) };
}

/** A copy of the document with every deployment's presets resolved. */
function resolveDeployments(raw: Record<string, unknown>, presets: ReturnType<typeof emptyResolution>) {
  const fleet = raw.fleet;
  if (!isPlainObject(fleet) || !Array.isArray(fleet.options)) return raw;
  const options = fleet.options.map((o: unknown, oi: number) => {
    if (!isPlainObject(o) || !Array.isArray(o.deployments)) return o;
    const deployments = o.deployments.map((d: unknown, di: number) =>
      isPlainObject(d) ? resolvePresetsAt(d, ['fleet', 'options', oi, 'deployments', di], presets) : d,
    );
    return { ...o, deployments };
  });
  return { ...raw, fleet: { ...fleet, options } };
}
