/**
 * The simulate, explain and compare reports' charts, as Vega-Lite
 * specifications (vega.ts renders them to SVG): horizontal bars, and a
 * waterfall whose steps float from the previous level to the new one. Each
 * bar carries its value as text at its end.
 */
import { VEGA_PALETTE, vegaFigure } from './vega.js';

const BAR = VEGA_PALETTE[0] as string;
const SAVE = '#2e8b57';
const RISE = '#c0392b';
const ROW_PX = 28;

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

/** Bars of USD per query, one per label, in the given order. */
export function barChart(caption: string, bars: readonly Bar[]): Promise<string> {
  return vegaFigure(caption, {
    width: 460,
    height: ROW_PX * bars.length,
    data: { values: bars.map((b) => ({ ...b })) },
    encoding: {
      y: { field: 'label', type: 'ordinal', sort: null, title: null },
      x: { field: 'value', type: 'quantitative', title: 'USD per query', axis: { format: '~g' } },
    },
    layer: [
      { mark: { type: 'bar', color: BAR } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'text' } } },
    ],
  });
}

export interface WaterfallBar {
  readonly label: string;
  /** Cost after this step (null: infeasible). */
  readonly value: number | null;
  readonly text: string;
}

/** A waterfall: the baseline bar, then each step floating from the previous level to the new one (green: a saving). */
export function waterfallChart(
  caption: string,
  baseline: WaterfallBar,
  steps: readonly WaterfallBar[],
): Promise<string> {
  let prev: number | null = null;
  const values = [baseline, ...steps].map((b, i) => {
    const from = i === 0 || prev === null ? 0 : prev;
    const to = b.value ?? from;
    const kind =
      b.value === null ? 'infeasible' : i === 0 ? 'baseline' : to < from ? 'saving' : to > from ? 'rise' : 'same';
    prev = b.value;
    return { label: b.label, start: from, end: to, hi: Math.max(from, to), kind, text: b.text };
  });
  return vegaFigure(caption, {
    width: 460,
    height: ROW_PX * values.length,
    data: { values },
    encoding: { y: { field: 'label', type: 'ordinal', sort: null, title: null } },
    layer: [
      {
        mark: 'bar',
        encoding: {
          x: { field: 'start', type: 'quantitative', title: 'USD per query', axis: { format: '~g' } },
          x2: { field: 'end' },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: {
              domain: ['baseline', 'saving', 'rise', 'same', 'infeasible'],
              range: [BAR, SAVE, RISE, BAR, '#bbb'],
            },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4 },
        encoding: { x: { field: 'hi', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  });
}

/** Compact number for table cells and labels: 3 significant digits, k/M suffixes, plain decimals for small values. */
export function short(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  if (a >= 1) return String(+v.toPrecision(3));
  const digits = Math.min(20, 2 - Math.floor(Math.log10(a)));
  return v.toFixed(digits).replace(/0+$/, '');
}
