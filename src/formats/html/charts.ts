/**
 * Small charts as inline SVG: horizontal bars, a waterfall, a line chart and
 * a heat map. Each returns a <figure> with a caption and a <title> per mark,
 * so the numbers are there for screen readers and on hover.
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

export interface Series {
  readonly name: string;
  readonly points: readonly { x: number; y: number }[];
}

const PALETTE = ['#2f6db5', '#c0392b', '#2e8b57', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];

/** Lines of y against x (log x when the x values span more than two decades). */
export function lineChart(
  caption: string,
  xLabel: string,
  yLabel: string,
  series: readonly Series[],
  legendTitle?: string,
  width = 760,
): string {
  const height = 360;
  const m = { l: 80, r: 190, t: 10, b: 45 };
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xmin = Math.min(...xs);
  const xmax = Math.max(...xs);
  const logX = xmin > 0 && xmax / xmin > 100;
  const tx = (v: number) => (logX ? Math.log10(v) : v);
  const [x0, x1] = [tx(xmin), tx(xmax) === tx(xmin) ? tx(xmin) + 1 : tx(xmax)];
  const yTicks = niceTicks(Math.max(...ys, 0) || 1);
  const ymax = yTicks[yTicks.length - 1] as number;
  // Room for the widest tick label, then the rotated axis title left of it (no overlap).
  const labelChars = Math.max(...yTicks.map((v) => short(v).length));
  m.l = Math.max(m.l, labelChars * 7 + 40);
  const px = (v: number) => m.l + ((tx(v) - x0) / (x1 - x0)) * (width - m.l - m.r);
  const py = (v: number) => height - m.b - (v / ymax) * (height - m.t - m.b);
  const titleX = m.l - 6 - labelChars * 7 - 14;
  const marks: string[] = [
    `<line x1="${m.l}" y1="${height - m.b}" x2="${width - m.r}" y2="${height - m.b}" stroke="#888"/>`,
    `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${height - m.b}" stroke="#888"/>`,
    `<text x="${(m.l + width - m.r) / 2}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}${logX ? ' (log scale)' : ''}</text>`,
    `<text x="${titleX}" y="${(height - m.b) / 2}" transform="rotate(-90 ${titleX} ${(height - m.b) / 2})" text-anchor="middle">${esc(yLabel)}</text>`,
  ];
  for (const v of yTicks) {
    marks.push(
      `<text x="${m.l - 6}" y="${py(v) + 4}" text-anchor="end">${esc(short(v))}</text>`,
      `<line x1="${m.l}" y1="${py(v)}" x2="${width - m.r}" y2="${py(v)}" stroke="${GRID}"/>`,
    );
  }
  const ticks = [...new Set(xs)].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(ticks.length / 8));
  ticks
    .filter((_, i) => i % step === 0)
    .forEach((v) =>
      marks.push(`<text x="${px(v)}" y="${height - m.b + 20}" text-anchor="middle">${esc(short(v))}</text>`),
    );
  if (legendTitle) marks.push(`<text x="${width - m.r + 12}" y="${m.t}">${esc(legendTitle)}</text>`);
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    marks.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of pts)
      marks.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${color}"><title>${esc(`${s.name}: ${short(p.x)} → ${short(p.y)}`)}</title></circle>`,
      );
    marks.push(
      `<rect x="${width - m.r + 12}" y="${m.t + 12 + i * 18}" width="12" height="4" fill="${color}"/>`,
      `<text x="${width - m.r + 30}" y="${m.t + 18 + i * 18}">${esc(s.name)}</text>`,
    );
  });
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(caption)}">\n${marks.join('\n')}\n</svg><figcaption>${esc(caption)}</figcaption></figure>`;
}

/** A grid of cells coloured by value (light = cheap, dark = dear), the value printed in each. */
export function heatMap(
  caption: string,
  xLabel: string,
  yLabel: string,
  xs: readonly string[],
  ys: readonly string[],
  value: (xi: number, yi: number) => number | null,
  width = 720,
): string {
  const m = { l: 140, t: 30, b: 40 };
  const cw = Math.max(40, Math.min(110, (width - m.l - 10) / xs.length));
  const ch = 26;
  const height = m.t + ys.length * ch + m.b;
  const vals = xs.flatMap((_, i) => ys.map((__, j) => value(i, j))).filter((v): v is number => v !== null);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const marks: string[] = [
    `<text x="${m.l + (xs.length * cw) / 2}" y="16" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="8" y="${m.t - 8}">${esc(yLabel)}</text>`,
  ];
  xs.forEach((x, i) =>
    marks.push(`<text x="${m.l + i * cw + cw / 2}" y="${height - m.b + 16}" text-anchor="middle">${esc(x)}</text>`),
  );
  ys.forEach((y, j) => {
    marks.push(`<text x="${m.l - 6}" y="${m.t + j * ch + 17}" text-anchor="end">${esc(y)}</text>`);
    xs.forEach((_, i) => {
      const v = value(i, j);
      const t = v === null || hi === lo ? 0.5 : (v - lo) / (hi - lo);
      const fill = v === null ? '#f4f4f4' : `hsl(212, 60%, ${Math.round(92 - t * 55)}%)`;
      const ink = t > 0.55 ? '#fff' : '#111';
      marks.push(
        `<rect x="${m.l + i * cw}" y="${m.t + j * ch}" width="${cw - 1}" height="${ch - 1}" fill="${fill}"><title>${esc(v === null ? 'infeasible' : short(v))}</title></rect>`,
        `<text x="${m.l + i * cw + cw / 2}" y="${m.t + j * ch + 17}" text-anchor="middle" style="fill:${ink}">${esc(v === null ? '—' : short(v))}</text>`,
      );
    });
  });
  // Colour legend: the ramp from the cheapest to the dearest cell, with both values.
  const legendY = m.t + ys.length * ch + 26;
  const rampW = Math.min(240, xs.length * cw);
  marks.push(
    `<defs><linearGradient id="ramp"><stop offset="0" stop-color="hsl(212, 60%, 92%)"/><stop offset="1" stop-color="hsl(212, 60%, 37%)"/></linearGradient></defs>`,
    `<rect x="${m.l}" y="${legendY}" width="${rampW}" height="10" fill="url(#ramp)"><title>colour scale</title></rect>`,
    `<text x="${m.l - 6}" y="${legendY + 9}" text-anchor="end">${esc(vals.length ? short(lo) : '')}</text>`,
    `<text x="${m.l + rampW + 6}" y="${legendY + 9}">${esc(vals.length ? short(hi) : '')} (darker: dearer)</text>`,
  );
  const legendHeight = legendY + 18;
  const w = Math.max(width, m.l + xs.length * cw + 10);
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${w}" height="${legendHeight}" viewBox="0 0 ${w} ${legendHeight}" aria-label="${esc(caption)}">\n${marks.join('\n')}\n</svg><figcaption>${esc(caption)}</figcaption></figure>`;
}

/**
 * Axis ticks from 0 to at least `max`, at a "nice" step — 1, 2, 2.5 or 5 times
 * a power of ten — giving 4 to 6 intervals (Heckbert, "Nice numbers for graph
 * labels", Graphics Gems, 1990).
 */
export function niceTicks(max: number): number[] {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * power >= raw) ?? 10) * power;
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
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
