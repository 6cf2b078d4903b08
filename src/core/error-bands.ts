/**
 * How far to trust a figure: the calculator's measured error on the most
 * comparable published rows. A deployment is described by its model family,
 * whether it is a mixture of experts, its accelerator class, the batch it
 * runs and how much of its time is prefill; the rows nearest it (by
 * `distance`) give the 10th and 90th percentiles of the signed error of
 * predicted throughput, error = (predicted − measured) / measured. A figure
 * inversely proportional to throughput (cost, accelerators, time per token)
 * is then, with 80% confidence, between figure × (1 + e10) and figure × (1 + e90).
 * Too few comparable rows widen the band. Method and measured coverage:
 * docs/methodology.md §10 ("A range on every figure").
 */
import type { ErrorRow } from '../data/types.js';
import { quantile } from './quantile.js';

export type { ErrorRow };

export type DeploymentKind = Omit<ErrorRow, 'source' | 'errorPct'>;

/** How many nearest rows set the band, and how many of them must be close for it not to widen. */
export const NEAREST_ROWS = 15;
export const COMPARABLE_DISTANCE = 1;
export const MIN_COMPARABLE = 6;
/** The quantiles of the band: an 80% range. */
export const BAND_QUANTILES = [0.1, 0.9] as const;

/**
 * Unlike-ness of two deployments: 1 for another family, 0.5 for dense vs
 * MoE, 0.75 for another accelerator class, 1 per factor of 8 in batch, 2 per
 * unit of prefill share. The weights say which differences the measured errors
 * depend on most (docs/methodology.md §10: the error tables by family,
 * accelerator and regime).
 */
export function distance(a: DeploymentKind, b: DeploymentKind): number {
  return (
    (a.family === b.family ? 0 : 1) +
    (a.moe === b.moe ? 0 : 0.5) +
    (a.acceleratorClass === b.acceleratorClass ? 0 : 0.75) +
    Math.abs(Math.log(Math.max(1, a.batch) / Math.max(1, b.batch))) / Math.log(8) +
    2 * Math.abs(a.prefillShare - b.prefillShare)
  );
}

export interface ErrorBand {
  /** Multipliers on a figure inversely proportional to throughput: low ≤ 1 ≤ high is typical, not required. */
  readonly low: number;
  readonly high: number;
  /** Rows within COMPARABLE_DISTANCE of the deployment. */
  readonly comparableRows: number;
  /** Whether the band was widened for want of comparable rows. */
  readonly widened: boolean;
}

/**
 * The 80% band of a deployment from `rows`. A figure F proportional to
 * 1 / throughput is, given the calculator predicted it, measured between
 * F × low and F × high: measured throughput = predicted / (1 + e), so
 * F_measured = F × (1 + e).
 */
export function errorBand(kind: DeploymentKind, rows: readonly ErrorRow[]): ErrorBand {
  const near = rows
    .map((r) => ({ r, d: distance(kind, r) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, NEAREST_ROWS);
  const ratios = near.map(({ r }) => 1 + r.errorPct / 100);
  const comparableRows = near.filter(({ d }) => d <= COMPARABLE_DISTANCE).length;
  let low = quantile(ratios, BAND_QUANTILES[0]);
  let high = quantile(ratios, BAND_QUANTILES[1]);
  // Few rows like it: the error there is less known. Widen the band's log width, by up to 2×.
  const widened = comparableRows < MIN_COMPARABLE;
  if (widened && Number.isFinite(low) && Number.isFinite(high) && low > 0) {
    const centre = Math.sqrt(low * high);
    const stretch = 1 + (MIN_COMPARABLE - comparableRows) / MIN_COMPARABLE;
    low = centre * (low / centre) ** stretch;
    high = centre * (high / centre) ** stretch;
  }
  return { low, high, comparableRows, widened };
}

/** Names seen, and what they map to: simulate asks for every evaluation (a sweep: a million times). */
const classes = new Map<string, string>();
const families = new Map<string, string>();
function memo(cache: Map<string, string>, name: string, f: (name: string) => string): string {
  let v = cache.get(name);
  if (v === undefined) {
    if (cache.size >= 1000) cache.clear();
    v = f(name);
    cache.set(name, v);
  }
  return v;
}

/** The accelerator class of a hardware name (generation matters more than the exact chip). */
export function acceleratorClassOf(name: string): string {
  return memo(classes, name, classOf);
}

function classOf(name: string): string {
  if (/\b(GB|B)(200|300)\b|Blackwell|\bB[23]00\b/i.test(name)) return 'nvidia-blackwell';
  if (/\bH(100|200|20|800)\b|Hopper|GH200/i.test(name)) return 'nvidia-hopper';
  if (/\bA(100|800|10G?|30|40)\b|Ampere/i.test(name)) return 'nvidia-ampere';
  if (/\bL(4|40S?)\b|Ada/i.test(name)) return 'nvidia-ada';
  if (/\bMI\d{3}X?\b|AMD|Instinct/i.test(name)) return 'amd';
  if (/Rubin/i.test(name)) return 'nvidia-rubin';
  if (/TPU/i.test(name)) return 'google-tpu';
  return 'other';
}

/** The model family of a model's name or preset id (llama, deepseek, qwen, gpt-oss, mistral, …). */
export function familyOfName(name: string): string {
  return memo(families, name, familyOf);
}

function familyOf(name: string): string {
  const n = name.toLowerCase().replace(/^[^/]*\//, '');
  if (/llama/.test(n)) return 'llama';
  if (/deepseek/.test(n)) return 'deepseek';
  if (/gpt-oss/.test(n)) return 'gpt-oss';
  if (/mistral|mixtral|magistral|devstral/.test(n)) return 'mistral';
  if (/qwen/.test(n)) return 'qwen';
  return n.split(/[-\s]/)[0] ?? n;
}

/** One cache per table of rows (the shipped ones, or a user's own), then per kind of deployment, then per batch and share. */
const caches = new WeakMap<readonly ErrorRow[], Map<string, Map<number, ErrorBand>>>();
const CACHE_LIMIT = 10_000;

/**
 * errorBand against `rows`, memoised per table and kind (prefill share to
 * 0.02): a sweep asks for the same few kinds a million times. The band is
 * computed for the rounded share, so a result does not depend on what was
 * asked before.
 */
let last:
  | {
      rows: readonly ErrorRow[];
      family: string;
      moe: boolean;
      acceleratorClass: string;
      byPoint: Map<number, ErrorBand>;
      point: number;
      band: ErrorBand;
    }
  | undefined;

export function cachedErrorBand(kind: DeploymentKind, rows: readonly ErrorRow[]): ErrorBand {
  const shareSteps = Math.round(kind.prefillShare * 50);
  const share = shareSteps / 50;
  // Batch and share as one small integer while the batch is a whole number below 2^23; past that, not cached (NaN).
  const point: number = kind.batch < 2 ** 23 && Number.isInteger(kind.batch) ? kind.batch * 64 + shareSteps : NaN;
  let byPoint: Map<number, ErrorBand>;
  // The same kind as the call before (a sweep's neighbouring points): no key to build.
  if (
    last !== undefined &&
    last.rows === rows &&
    last.family === kind.family &&
    last.moe === kind.moe &&
    last.acceleratorClass === kind.acceleratorClass
  ) {
    if (last.point === point) return last.band;
    byPoint = last.byPoint;
  } else {
    let cache = caches.get(rows);
    if (cache === undefined) caches.set(rows, (cache = new Map<string, Map<number, ErrorBand>>()));
    const key = `${kind.family}|${kind.moe ? 1 : 0}|${kind.acceleratorClass}`;
    let found = cache.get(key);
    if (found === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, (found = new Map<number, ErrorBand>()));
    }
    byPoint = found;
  }
  let band = Number.isNaN(point) ? undefined : byPoint.get(point);
  if (band === undefined) {
    band = errorBand({ ...kind, prefillShare: share }, rows);
    if (!Number.isNaN(point)) {
      if (byPoint.size >= CACHE_LIMIT) byPoint.clear();
      byPoint.set(point, band);
    }
  }
  last = { rows, family: kind.family, moe: kind.moe, acceleratorClass: kind.acceleratorClass, byPoint, point, band };
  return band;
}
