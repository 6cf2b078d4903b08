/**
 * Charts drawn by a charting grammar: Vega-Lite 5 specifications compiled by
 * Vega 5 to SVG in Node (no browser, no scripts in the page), so axes get nice
 * ticks, legends and label layout from the library rather than hand-placed
 * SVG. Loaded only by `--format html` (a dynamic import): no other command
 * pays for it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { esc } from './page.js';

/** The report palette (page.ts's blues, reds and greens), so every chart of a page matches. */
export const VEGA_PALETTE = ['#2f6db5', '#c0392b', '#2e8b57', '#8e44ad', '#d68910', '#16a085', '#7f8c8d', '#34495e'];

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 12, titlePadding: 10, grid: true, gridColor: '#e4e4e4', labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  range: { category: VEGA_PALETTE },
  view: { stroke: null },
};

/** A Vega-Lite specification rendered to an SVG figure with its caption. */
export async function vegaFigure(caption: string, spec: Record<string, unknown>): Promise<string> {
  const [vegaModule, vlModule] = await Promise.all([import('vega'), import('vega-lite')]);
  // Bundled, the packages' CommonJS builds may come as a default export only.
  const vega = (vegaModule as unknown as { default?: typeof vegaModule }).default ?? vegaModule;
  const vl = (vlModule as unknown as { default?: typeof vlModule }).default ?? vlModule;
  const full = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CONFIG, ...spec } as TopLevelSpec;
  const view = new vega.View(vega.parse(vl.compile(full).spec), { renderer: 'none' });
  // Labels Vega hid to avoid overlaps (labelOverlap) are left out of the page, not just made transparent.
  const svg = (await view.toSVG()).replace(/<text[^>]*opacity="0"[^>]*>[^<]*<\/text>/g, '');
  view.finalize();
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}
