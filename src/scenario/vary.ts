/**
 * `--vary path=values` for sweeps: parse the values (a list `a,b,c`, a linear
 * range `start:stop:step`, or a geometric one `start:stop:xFactor`), check
 * each value against the schema once, and turn it into a patch that sets it on
 * a validated scenario, so a million grid points need no re-validation.
 */
import { parse as parseYamlValue } from 'yaml';
import { InputError, UsageError } from '../errors.js';
import { validateRaw } from './load.js';
import { issueMessages } from './issues.js';
import { keysAt, schemaAt } from './schema-keys.js';
import { PARSE_OPTIONS } from './parse-options.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { didYouMean } from './suggest.js';
import { patchesOf, setIn, type Patch } from './set-in.js';

export type AxisValue = string | number | boolean;

export interface Axis {
  readonly path: string;
  readonly values: readonly AxisValue[];
  /** One patch per value, in the same order: each sets `settings[i]` at `section` (plain data, for workers). */
  readonly patches: readonly Patch[];
  readonly section: readonly string[];
  readonly settings: readonly unknown[];
}

export type { Patch };

/** Largest number of values one range may produce, and grid points one sweep may have. */
export const MAX_AXIS_VALUES = 1_000_000;
export const MAX_GRID_POINTS = 100_000_000;

function parseRange(path: string, text: string): number[] | undefined {
  const m = /^([^:]+):([^:]+):(x?)([^:]+)$/.exec(text);
  if (m === null) return undefined;
  const [, a = '', b = '', geometric, c = ''] = m;
  const [start, stop, step] = [Number(a), Number(b), Number(c)];
  if (![start, stop, step].every(Number.isFinite))
    throw new UsageError(`--vary ${path}=${text}: a range is start:stop:step or start:stop:xFactor with numbers`);
  const values: number[] = [];
  if (geometric) {
    if (start <= 0 || stop < start || step <= 1)
      throw new UsageError(`--vary ${path}=${text}: a geometric range needs 0 < start ≤ stop and a factor > 1`);
    for (let v = start, i = 0; v <= stop * (1 + 1e-9); i++, v = start * step ** i) {
      values.push(+v.toPrecision(12));
      if (values.length > MAX_AXIS_VALUES) break;
    }
  } else {
    if (step <= 0 || stop < start)
      throw new UsageError(`--vary ${path}=${text}: a range needs start ≤ stop and a step > 0`);
    const n = Math.floor((stop - start) / step + 1e-9);
    if (n + 1 > MAX_AXIS_VALUES) throw new UsageError(`--vary ${path}=${text}: more than ${MAX_AXIS_VALUES} values`);
    for (let i = 0; i <= n; i++) values.push(+(start + i * step).toPrecision(12));
  }
  if (values.length > MAX_AXIS_VALUES)
    throw new UsageError(`--vary ${path}=${text}: more than ${MAX_AXIS_VALUES} values`);
  return values;
}

function getIn(obj: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined),
    obj,
  );
}

function checkPath(path: string): string[] {
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const at = segments.slice(0, i);
    const presetSection = ['model', 'hardware', 'baseline.model', 'baseline.hardware'].includes(at.join('.'));
    const known = [...keysAt(ScenarioSchema, at), ...(presetSection ? ['preset'] : [])];
    const key = segments[i] as string;
    if (!known.includes(key))
      throw new UsageError(
        `--vary ${path}: ${at.length ? `${at.join('.')} has no field "${key}"` : `no field "${key}"`}${didYouMean(key, known)}`,
      );
  }
  return segments;
}

/** One `--vary path=values` flag → an axis of validated values and their patches. */
export function parseAxis(flag: string, base: Readonly<Record<string, unknown>>): Axis {
  const eq = flag.indexOf('=');
  if (eq <= 0 || eq === flag.length - 1)
    throw new UsageError(`--vary ${flag}: expected path=values, e.g. reasoning.compression=0:0.6:0.1`);
  const path = flag.slice(0, eq).trim();
  const text = flag.slice(eq + 1).trim();
  const segments = checkPath(path);
  const listed = text.split(',').map((v) => v.trim());
  const range = parseRange(path, text);
  const values: AxisValue[] = range ?? listed.map((v) => parseYamlValue(v) as AxisValue);
  const isPreset = segments[segments.length - 1] === 'preset';
  const section = isPreset ? segments.slice(0, -1) : segments;
  /** The i-th value's problems, the value quoted as typed (1e400, an empty item), not as it parsed (Infinity, null). */
  const fail = (i: number, problems: string): never => {
    const shown = range === undefined ? (listed[i] as string) : String(values[i]);
    throw new UsageError(`--vary ${path}=${shown === '' ? '(an empty item)' : shown}: ${problems}`);
  };
  /** The whole scenario with the i-th value in place: every rule, including the ones across fields. */
  const validateWhole = (i: number): Scenario => {
    try {
      return validateRaw(setIn(base, segments, values[i]), '--vary').scenario;
    } catch (e) {
      if (e instanceof InputError) return fail(i, e.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
      throw e;
    }
  };
  if (isPreset) {
    // Few values, each replacing a whole section: validate each in full.
    const settings = values.map((_, i) => getIn(validateWhole(i), section));
    return { path, values, patches: patchesOf(section, settings), section, settings };
  }
  // A leaf: the field's own schema checks every value; the whole scenario is checked at both
  // ends of the list, which covers rules across fields that hold over a range (e.g. active ≤ total).
  const leaf = schemaAt(ScenarioSchema, segments);
  const checked = values.map((value, i) => {
    const r = leaf?.safeParse(value, PARSE_OPTIONS);
    if (r !== undefined && !r.success)
      fail(
        i,
        r.error.issues
          .flatMap((i) => issueMessages(i, () => []))
          .map((m) => `${path}: ${m.message}`)
          .join('; '),
      );
    return r?.success ? r.data : value;
  });
  validateWhole(0);
  validateWhole(values.length - 1);
  return { path, values, patches: patchesOf(section, checked), section, settings: checked };
}
