/**
 * Presets: `model: {preset: mistral-small-4}` or `hardware: {preset: h100-sxm,
 * price_usd_per_hour: 2.1}` stand for the preset's fields, with any field the
 * scenario gives taking precedence (maps merge key by key). A hardware preset's
 * `price_offer` sets its price from that listed offer (price-offer.ts).
 */
import { findPreset, presetsOf, type PresetKind } from '../data/catalog.js';
import { priceOfferFor } from './price-offer.js';
import { didYouMean } from './suggest.js';

export interface PresetProblem {
  readonly segments: readonly string[];
  readonly message: string;
}

export interface Resolved {
  readonly value: Record<string, unknown>;
  readonly problems: readonly PresetProblem[];
  /** Dotted paths whose value came from a preset, with the preset id. */
  readonly presetPaths: ReadonlyMap<string, string>;
  /** Sections (dotted paths) whose preset could not be used: their other problems would only be noise. */
  readonly failedSections: ReadonlySet<string>;
}

const SECTIONS: readonly { path: readonly string[]; kind: PresetKind }[] = [
  { path: ['model'], kind: 'model' },
  { path: ['hardware'], kind: 'hardware' },
  { path: ['baseline', 'model'], kind: 'model' },
  { path: ['baseline', 'hardware'], kind: 'hardware' },
  { path: ['serving', 'disaggregation', 'prefill', 'hardware'], kind: 'hardware' },
  { path: ['serving', 'disaggregation', 'decode', 'hardware'], kind: 'hardware' },
  { path: ['serving', 'speculative', 'draft_model'], kind: 'model' },
];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `over` wins; nested maps merge; `null` in `over` replaces (e.g. `moe: null`). Keys are defined as
 * own fields, never assigned: a YAML key `__proto__` stays a key (which the schema refuses at its
 * line) instead of setting the merged map's prototype.
 */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = Object.hasOwn(out, k) ? out[k] : undefined;
    Object.defineProperty(out, k, {
      value: isPlainObject(b) && isPlainObject(v) ? merge(b, v) : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function leafPaths(obj: Record<string, unknown>, prefix: string, into: Map<string, string>, id: string): void {
  for (const [k, v] of Object.entries(obj)) {
    const path = `${prefix}.${k}`;
    if (isPlainObject(v)) leafPaths(v, path, into, id);
    into.set(path, id);
  }
}

/** Puts the named offer's price into `hardware` (a merged copy); a problem in words when it cannot. */
function applyPriceOffer(
  hardware: Record<string, unknown>,
  presetId: string,
  overrides: Record<string, unknown>,
): string | undefined {
  if (overrides.price_usd_per_hour !== undefined)
    return 'give price_offer or price_usd_per_hour, not both (the offer sets the price)';
  const choice = priceOfferFor(presetId, overrides.price_offer as string);
  if (!choice.ok) return choice.message;
  hardware.price_usd_per_hour = choice.offer.usdPerAcceleratorHour;
  hardware.price_offer = choice.offer.id;
  return undefined;
}

export function resolvePresets(raw: Record<string, unknown>): Resolved {
  const value: Record<string, unknown> = { ...raw };
  const problems: PresetProblem[] = [];
  const presetPaths = new Map<string, string>();
  const failedSections = new Set<string>();
  for (const { path, kind } of SECTIONS) {
    // Walk to the section's parent, copying maps on the way so the input is never mutated.
    let parent: Record<string, unknown> | undefined = value;
    for (const segment of path.slice(0, -1)) {
      const next: unknown = parent[segment];
      if (!isPlainObject(next)) {
        parent = undefined;
        break;
      }
      parent = parent[segment] = { ...next };
    }
    const key = path[path.length - 1] as string;
    const section = parent?.[key];
    if (parent === undefined || !isPlainObject(section)) continue;
    if (!('preset' in section)) {
      if (kind === 'hardware' && section.price_offer !== undefined)
        problems.push({
          segments: [...path, 'price_offer'],
          message: 'price offers are listed per accelerator preset: set hardware.preset, or give price_usd_per_hour',
        });
      continue;
    }
    const dotted = path.join('.');
    const { preset: id, ...overrides } = section;
    if (typeof id !== 'string') {
      problems.push({
        segments: [...path, 'preset'],
        message: `expected a ${kind} preset id (text), got ${JSON.stringify(id)}`,
      });
      parent[key] = overrides;
      failedSections.add(dotted);
      continue;
    }
    const preset = findPreset(kind, id);
    if (preset === undefined) {
      const ids = presetsOf(kind).map((p) => p.id);
      problems.push({
        segments: [...path, 'preset'],
        message: `unknown ${kind} preset "${id}"${didYouMean(id, ids)}; \`infercost presets list\` shows them all`,
      });
      parent[key] = overrides;
      failedSections.add(dotted);
      continue;
    }
    const spec = { name: preset.name, ...(preset.spec as Record<string, unknown>) };
    leafPaths(spec, dotted, presetPaths, id);
    const merged = merge(spec, overrides);
    parent[key] = merged;
    if (kind === 'hardware' && typeof overrides.price_offer === 'string') {
      const problem = applyPriceOffer(merged, id, overrides);
      if (problem === undefined)
        presetPaths.set(`${dotted}.price_usd_per_hour`, `${id}, price offer ${merged.price_offer as string}`);
      else problems.push({ segments: [...path, 'price_offer'], message: problem });
    }
  }
  return { value, problems, presetPaths, failedSections };
}
