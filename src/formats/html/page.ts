/**
 * One self-contained HTML page: inline CSS and SVG, no scripts, no network.
 * Prints cleanly (black on white, tables not split across pages).
 */
import { invisibleShown, terminalText } from '../text-safety.js';

export function esc(s: string): string {
  // Controls are not text in HTML; invisible and direction-changing characters would reorder or hide it.
  return invisibleShown(terminalText(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; background: #fff; margin: 2rem auto; max-width: 62rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; }
p.meta { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: right; } th { background: #eee; }
td.text, th.text { text-align: left; }
td:not(.text) { white-space: nowrap; }
figure { margin: .5rem 0 1.5rem; } figcaption { color: #444; font-size: .9rem; }
svg text { font: 12px system-ui, sans-serif; fill: #111; }
.note { color: #444; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
`;

export function page(title: string, body: string, generator: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(generator)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Cells that read as numbers (amounts, ratios, percentages) align right; words align left. */
// Escaped, not literal: the command-line bundle is ASCII, read as latin1 (bin/cli-loader.cjs). − × —
const NUMERIC = /^(?:[-+\u2212]?\$?[\d.,]+(?:\s?(?:%|ms|s|min|\u00d7))?|1\/[\d.]+|=|\u2014|[\d.,]+\u00d7)$/;

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const align = head.map((_, i) => rows.every((r) => NUMERIC.test(r[i] ?? '')));
  const cls = (i: number) => (align[i] ? '' : ' class="text"');
  const th = head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${tr}\n</tbody>\n</table>`;
}
