/** Preset catalog renderers: a table per kind, and every field of one preset. */
import { tableLook } from './table-style.js';
import type { PRESET_FORMATS, Renderers } from './choices.js';
import Table from 'cli-table3';
import { PRICE_OFFERS } from '../data/price-offers.js';
import type { HardwarePreset, ModelPreset } from '../data/types.js';
import { formatNumber, formatUsd } from './numbers.js';

const dash = (x: number | null | undefined, digits = 4): string => (x == null ? '—' : formatNumber(x, digits));
export function formatHardwareTable(presets: readonly HardwarePreset[]): string {
  const t = new Table({
    ...tableLook(false),
    head: ['id', 'name', 'year', 'memory GB', 'TB/s', 'bf16 TFLOP/s', 'fp8', 'fp4', 'power W', '$/hour'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const p of presets) {
    const s = p.spec;
    const f = s.dense_tflops;
    t.push([
      p.id,
      p.name,
      String(p.year),
      dash(s.memory_gb),
      dash(s.memory_bandwidth_tb_per_s, 3),
      dash(f.bf16 ?? f.fp16),
      dash(f.fp8),
      dash(f.fp4),
      dash(s.power_w),
      s.price_usd_per_hour == null ? '—' : formatUsd(s.price_usd_per_hour),
    ]);
  }
  return `${t.toString()}\n  dense (no sparsity) peak per accelerator; — = not published or not supported. \`infercost presets show <id>\` for sources.\n`;
}

export function formatModelTable(presets: readonly ModelPreset[]): string {
  const t = new Table({
    ...tableLook(false),
    head: ['id', 'name', 'total B', 'active B', 'layers', 'attention', 'experts', 'context'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left', 'left', 'right'],
  });
  for (const p of presets) {
    const s = p.spec;
    const a = s.attention;
    const moe =
      s.moe == null
        ? 'dense'
        : `${s.moe.experts_per_token}/${s.moe.experts}${s.moe.shared_experts ? ` +${s.moe.shared_experts} shared` : ''}`;
    t.push([
      p.id,
      p.name,
      formatNumber(s.total_params_b, 4),
      formatNumber(s.active_params_b, 3),
      String(s.layers),
      a.type === 'mla' ? `mla r${a.kv_lora_rank}` : `${a.type} ${a.heads}/${a.kv_heads}×${a.head_dim}`,
      moe,
      s.context_tokens === undefined ? '—' : formatNumber(s.context_tokens, 6),
    ]);
  }
  return `${t.toString()}\n`;
}

/** Every field of one preset, flattened to `path: value`, then its sources and notes. */
export function formatPresetDetail(kind: 'model' | 'hardware', p: HardwarePreset | ModelPreset): string {
  const lines: string[] = [`${p.name} (${kind} preset ${p.id})`, ''];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === 'object') walk(v as Record<string, unknown>, path);
      else
        lines.push(
          `  ${path}: ${v === null || v === undefined ? 'unknown' : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)}`,
        );
    }
  };
  walk(p.spec, kind);
  const extra = p as Partial<HardwarePreset & ModelPreset>;
  if (extra.vendor) lines.push('', `  vendor: ${extra.vendor}, year ${extra.year}`);
  if (extra.interconnect) lines.push(`  interconnect: ${extra.interconnect}`);
  if (extra.priceSource) lines.push(`  price: ${extra.priceSource} (as of ${extra.priceAsOf ?? 'unknown'})`);
  const offers = kind === 'hardware' ? PRICE_OFFERS.filter((o) => o.accelerator === p.id) : [];
  if (offers.length > 0) {
    lines.push('  price offers (hardware.price_offer: <id> prices a scenario at one):');
    for (const o of offers)
      lines.push(`    ${o.id}: ${formatUsd(o.usdPerAcceleratorHour)}/h, ${o.provider} ${o.offer} (${o.kind})`);
  }
  if (extra.license) lines.push(`  license: ${extra.license}`);
  if (p.estimated?.length) lines.push(`  estimated (derived or third-party): ${p.estimated.join(', ')}`);
  lines.push('', 'Sources:', ...p.sources.map((s) => `  - ${s}`));
  if (p.notes) lines.push('', 'Notes:', `  ${p.notes}`);
  return `${lines.join('\n')}\n`;
}

/** The catalog, or the kinds of it asked for, in the order asked. */
export interface PresetList {
  readonly hardware?: readonly HardwarePreset[];
  readonly models?: readonly ModelPreset[];
  readonly order: readonly ('hardware' | 'models')[];
}

/** `presets list` in each of its formats. */
export const presetListRenderers: Renderers<typeof PRESET_FORMATS, PresetList> = {
  table: (l) =>
    l.order
      .map((k) =>
        k === 'models'
          ? `Models\n${formatModelTable(l.models ?? [])}`
          : `Hardware\n${formatHardwareTable(l.hardware ?? [])}`,
      )
      .join('\n'),
  json: (l) => `${JSON.stringify(Object.fromEntries(l.order.map((k) => [k, l[k] ?? []])), null, 2)}\n`,
};

/** One preset and its kind. */
export interface PresetEntry {
  readonly kind: 'model' | 'hardware';
  readonly preset: HardwarePreset | ModelPreset;
}

/** `presets show` in each of its formats. */
export const presetRenderers: Renderers<typeof PRESET_FORMATS, PresetEntry> = {
  table: ({ kind, preset }) => formatPresetDetail(kind, preset),
  json: ({ kind, preset }) => `${JSON.stringify({ kind, ...preset }, null, 2)}\n`,
};
