/**
 * Small charts as inline SVG for the simulate report: horizontal bars and a
 * waterfall. Each returns a <figure> with a caption and a <title> per mark,
 * so the numbers are there for screen readers and on hover. Sweep charts
 * (lines, heat maps, small multiples) are Vega-Lite: vega.ts.
 */
import { esc } from './page.js';

const BAR = '#2f6db5';
const SAVE = '#2e8b57';
const RISE = '#c0392b';
const GRID = '#ddd';

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

export function barChart(caption: string, bars: readonly Bar[], opts: { width?: number } = {}): string {
  const width = opts.width ?? 720;
  const labelW = 170;
  const valueW = 110;
  const rowH = 26;
  const plotW = width - labelW - valueW;
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const height = bars.length * rowH + 10;
  const rows = bars
    .map((b, i) => {
      const y = 5 + i * rowH;
      const w = Math.max(1, (b.value / max) * plotW);
      return (
        `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${BAR}"><title>${esc(`${b.label}: ${b.text}`)}</title></rect>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 17}">${esc(b.text)}</text>`
      );
    })
    .join('\n');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(caption)}">\n${rows}\n</svg><figcaption>${esc(caption)}</figcaption></figure>`;
}

export interface WaterfallBar {
  readonly label: string;
  /** Cost after this step (null: infeasible). */
  readonly value: number | null;
  readonly text: string;
}

/** A waterfall: the baseline bar, then each step floating from the previous level to the new one. */
export function waterfallChart(
  caption: string,
  baseline: WaterfallBar,
  steps: readonly WaterfallBar[],
  width = 720,
): string {
  const labelW = 190;
  const valueW = 130;
  const rowH = 28;
  const plotW = width - labelW - valueW;
  const values = [baseline.value, ...steps.map((s) => s.value)].filter((v): v is number => v !== null);
  const max = Math.max(...values, 0) || 1;
  const x = (v: number) => labelW + (v / max) * plotW;
  const height = (steps.length + 1) * rowH + 10;
  const marks: string[] = [`<line x1="${labelW}" y1="0" x2="${labelW}" y2="${height}" stroke="${GRID}"/>`];
  let prev = baseline.value;
  [baseline, ...steps].forEach((b, i) => {
    const y = 5 + i * rowH;
    marks.push(`<text x="${labelW - 8}" y="${y + 18}" text-anchor="end">${esc(b.label)}</text>`);
    if (b.value === null) {
      marks.push(`<text x="${labelW + 6}" y="${y + 18}">${esc(b.text)}</text>`);
      prev = null;
      return;
    }
    const from = i === 0 || prev === null ? 0 : prev;
    const lo = Math.min(from, b.value);
    const hi = Math.max(from, b.value);
    const color = i === 0 ? BAR : b.value < from ? SAVE : b.value > from ? RISE : BAR;
    marks.push(
      `<rect x="${x(lo).toFixed(1)}" y="${y + 4}" width="${Math.max(1, x(hi) - x(lo)).toFixed(1)}" height="${rowH - 8}" fill="${color}"><title>${esc(`${b.label}: ${b.text}`)}</title></rect>`,
      `<text x="${(x(hi) + 6).toFixed(1)}" y="${y + 18}">${esc(b.text)}</text>`,
    );
    prev = b.value;
  });
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(caption)}">\n${marks.join('\n')}\n</svg><figcaption>${esc(caption)}</figcaption></figure>`;
}

/** Compact number for axis labels: 3 significant digits, k/M suffixes, plain decimals for small values. */
export function short(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a >= 1) return String(+v.toPrecision(3));
  const digits = Math.min(20, 2 - Math.floor(Math.log10(a)));
  return v.toFixed(digits).replace(/0+$/, '');
}
