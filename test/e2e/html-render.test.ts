/**
 * The HTML reports rendered by a real browser (Debian's headless Chromium),
 * and the check made on the pixels: the charts' colours are on the page.
 * Skipped where no Chromium is installed (.ci/run installs it when it can).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const CHROMIUM = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);

function screenshot(htmlFile: string): PNG {
  const png = `${htmlFile}.png`;
  const r = spawnSync(
    CHROMIUM as string,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'chromium-'))}`,
      '--hide-scrollbars',
      '--window-size=1100,1800',
      `--screenshot=${png}`,
      `file://${htmlFile}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(existsSync(png), r.stderr).toBe(true);
  return PNG.sync.read(readFileSync(png));
}

/**
 * Pairs of SVG text boxes that overlap on the rendered page: a copy of the page with a script
 * that reads every text's bounding box (the report itself has no scripts), dumped by Chromium.
 */
function overlappingTexts(htmlFile: string): string[] {
  const probe = `${htmlFile}.probe.html`;
  const script = `<script>
const visible = (t) => { for (let e = t; e && e.nodeType === 1; e = e.parentNode) { const c = getComputedStyle(e); if (c.opacity === '0' || c.visibility === 'hidden' || c.display === 'none') return false; } return true; };
const boxes = [...document.querySelectorAll('svg text')].filter(visible).map((t) => [t.textContent, t.getBoundingClientRect()]);
const hits = [];
for (let i = 0; i < boxes.length; i++)
  for (let j = i + 1; j < boxes.length; j++) {
    const [ta, a] = boxes[i], [tb, b] = boxes[j];
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) hits.push(ta + ' / ' + tb);
  }
const pre = document.createElement('pre');
pre.id = 'overlaps';
pre.textContent = JSON.stringify(hits);
document.body.appendChild(pre);
</script>`;
  writeFileSync(probe, readFileSync(htmlFile, 'utf8').replace('</body>', `${script}</body>`));
  const r = spawnSync(
    CHROMIUM as string,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'chromium-'))}`,
      '--window-size=1100,1800',
      '--dump-dom',
      `file://${probe}`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const m = /<pre id="overlaps">(.*?)<\/pre>/s.exec(r.stdout);
  expect(m, r.stderr).not.toBeNull();
  return JSON.parse(
    (m?.[1] ?? '[]')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );
}

/** Pixels within a small distance of an RGB colour. */
function countColour(img: PNG, [r, g, b]: [number, number, number]): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4)
    if (
      Math.abs((img.data[i] ?? 0) - r) + Math.abs((img.data[i + 1] ?? 0) - g) + Math.abs((img.data[i + 2] ?? 0) - b) <
      12
    )
      n++;
  return n;
}

const BLUE: [number, number, number] = [0x2f, 0x6d, 0xb5];
const GREEN: [number, number, number] = [0x2e, 0x8b, 0x57];

// A visible reason when the browser is missing: the skipped suite's title says why, and so does stderr.
if (CHROMIUM === undefined)
  console.warn("html-render: SKIPPED, no chromium on PATH (.ci/run installs Debian's chromium as root)");

describe.skipIf(CHROMIUM === undefined)(
  CHROMIUM === undefined
    ? 'HTML reports in a browser (SKIPPED: no chromium on PATH; .ci/run installs it)'
    : 'HTML reports in a browser',
  () => {
    it('simulate: the level bars and the savings waterfall are drawn', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
      expect((await runCli(['simulate', '--format', 'html', '--output', 'report.html'], { cwd: dir })).code).toBe(0);
      const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script|\bsrc=|\bhref=|@import|url\(/i); // self-contained, nothing fetched
      const img = screenshot(path.join(dir, 'report.html'));
      expect(img.width).toBe(1100);
      expect(countColour(img, BLUE)).toBeGreaterThan(2000); // bars: cost by level, waterfall baseline
      expect(countColour(img, GREEN)).toBeGreaterThan(1000); // savings steps of the waterfall
      expect(overlappingTexts(path.join(dir, 'report.html'))).toEqual([]);
    });

    it('sweep: a two-axis sweep draws its lines', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
      const r = await runCli(
        [
          'sweep',
          '--vary',
          'reasoning.compression=0:0.9:0.1',
          '--vary',
          'hardware.preset=h100-sxm,b200',
          '--format',
          'html',
          '--output',
          'sweep.html',
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(0);
      const img = screenshot(path.join(dir, 'sweep.html'));
      expect(countColour(img, BLUE)).toBeGreaterThan(300); // the first series' line and points
      expect(countColour(img, [0xc0, 0x39, 0x2b])).toBeGreaterThan(300); // the second series
      expect(overlappingTexts(path.join(dir, 'sweep.html'))).toEqual([]);
    });

    it('no two labels overlap: line charts with small values, heat maps with their legend, small multiples', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
      const pages: [string, string[]][] = [
        ['traffic.html', ['--vary', 'traffic.requests_per_day=1e4:1e7:x2']],
        [
          'heat.html',
          [
            '--vary',
            'traffic.input_tokens=500:4000:500',
            '--vary',
            'hardware.preset=h100-sxm,h200,b200,mi300x,a100-80gb-sxm,l40s,h100-pcie,tpu-v6e,mi325x',
          ],
        ],
        [
          'panels.html',
          [
            '--vary',
            'traffic.input_tokens=500:2000:500',
            '--vary',
            'serving.max_batch=64:256:64',
            '--vary',
            'reasoning.compression=0:0.5:0.25',
          ],
        ],
      ];
      for (const [file, vary] of pages) {
        const r = await runCli(['sweep', ...vary, '--format', 'html', '--output', file], { cwd: dir });
        expect(r.code).toBe(0);
        expect(overlappingTexts(path.join(dir, file)), file).toEqual([]);
      }
      const heat = readFileSync(path.join(dir, 'heat.html'), 'utf8');
      expect(heat).toMatch(/<linearGradient/); // the heat map's colour legend …
      expect(heat).toMatch(/>USD per query<\/text>/); // … with its title
    });
  },
);
