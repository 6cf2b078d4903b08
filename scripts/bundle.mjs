// Bundle the CLI for start-up speed, twice: one CommonJS file that the shim
// runs with V8's code cache (below), and an ES module build of one small entry
// chunk (commander and the command table) plus lazily loaded chunks per command,
// for --debug, the sweep workers and a fallback. The library entry
// (dist/index.js) stays unbundled for `import 'infercost'`.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true }); // no stale chunks from earlier builds

/**
 * Three libraries' dependencies swapped for start-up, the same answers: cli-table3 measures every
 * cell with string-width, and scripts/string-width-fast.cjs answers the same for plain text
 * without its emoji pattern; commander requires node:child_process at load for executable
 * subcommands, and scripts/child-process-lazy.cjs loads it when first used; chalk asks
 * supports-color (which loads node:tty and reads the environment) for the level of its default
 * instances, which infercost never uses: every Chalk it makes is given its level
 * (scripts/supports-color-none.cjs; a test holds src/ to that).
 */
const startupSubstitutes = {
  name: 'startup-substitutes',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]cli-table3[\\/]/.test(args.importer) ? { path: path.resolve('scripts/string-width-fast.cjs') } : undefined,
    );
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]chalk[\\/]/.test(args.importer) ? { path: path.resolve('scripts/supports-color-none.cjs') } : undefined,
    );
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: path.resolve('scripts/child-process-lazy.cjs') } : undefined,
    );
  },
};

const built = await build({
  // The sweep's worker threads load their own entry (cli/sweep-threads.ts finds it beside the chunks).
  entryPoints: { main: 'dist/cli/main.js', 'sweep-worker': 'dist/cli/sweep-worker.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  // Linked maps, composed with tsc's: `--debug` stack traces name src/ files and lines (bin/infercost turns them on).
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  // vega-canvas looks for node-canvas, which infercost does not use: Vega renders SVG without it.
  external: ['canvas'],
  plugins: [startupSubstitutes],
  // cli-table3 and others are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

// The same command line as one CommonJS file, for the shim's start with V8's code cache
// (bin/cli-loader.cjs; scripts/code-cache.mjs writes the cache). In chunks/, so that the URLs it
// takes from its own place (the default scenario, the sweep worker, package.json) resolve as the
// chunks' do. vega and vega-lite stay outside it, in chunks/vega.cjs, required only when an HTML
// report renders (they are most of the bundled code, and devDependencies: an installed package has
// them only bundled); node:crypto is required where it was imported (a dynamic import() inside
// vm.Script would need a loader callback).
{
  const { readFileSync, writeFileSync } = await import('node:fs');
  const out = 'dist/bundle/chunks/cli.cjs';
  await build({
    entryPoints: ['dist/cli/main.js'],
    bundle: true,
    splitting: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: out,
    minify: true,
    external: ['canvas', 'vega', 'vega-lite'],
    plugins: [startupSubstitutes],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  await build({
    stdin: { contents: "export * as vega from 'vega'; export * as vegaLite from 'vega-lite';", resolveDir: '.' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/bundle/chunks/vega.cjs',
    minify: true,
    external: ['canvas'],
    logLevel: 'warning',
  });
  const text = readFileSync(out, 'utf8');
  const replacement = {
    '"vega"': 'require("./vega.cjs").vega',
    '"vega-lite"': 'require("./vega.cjs").vegaLite',
    '"node:crypto"': 'require("node:crypto")',
  };
  const dynamic = [...text.matchAll(/import\(("[^"]+")\)/g)].map((m) => m[1]);
  const unexpected = dynamic.filter((d) => !(d in replacement));
  if (unexpected.length > 0) throw new Error(`bundle: ${out} imports ${unexpected.join(', ')} dynamically`);
  const rewritten = text.replace(/import\(("[^"]+")\)/g, (_, d) => `Promise.resolve().then(()=>${replacement[d]})`);
  // The loader reads the bundle as latin1 (~2 ms less than decoding UTF-8 at every start), which is
  // only the same text while every byte is ASCII: esbuild escapes strings, not regular expressions.
  const nonAscii = /[\u0080-\uffff]/.exec(rewritten);
  if (nonAscii !== null)
    throw new Error(
      `bundle: ${out} has a non-ASCII character (U+${nonAscii[0].codePointAt(0).toString(16)}) near ${JSON.stringify(rewritten.slice(Math.max(0, nonAscii.index - 40), nonAscii.index + 10))}: write it as a \\u escape in the source`,
    );
  writeFileSync(out, rewritten);
}

// Which packages each command's chunks pull in: start-up cost is mostly zod and yaml.
const { writeFileSync: writeMeta } = await import('node:fs');
writeMeta('dist/bundle/meta.json', JSON.stringify(built.metafile));

// The embedded default scenario, validated now instead of at every start
// (src/cli/scenarios.ts reads it; test/e2e/bin.test.ts checks it equals a fresh validation).
const { loadScenario } = await import('../dist/scenario/load.js');
const { DEFAULT_SCENARIO_YAML, DEFAULT_SCENARIO_NAME } = await import('../dist/scenario/default-scenario.js');
const { writeFileSync } = await import('node:fs');
const loaded = loadScenario(DEFAULT_SCENARIO_YAML, DEFAULT_SCENARIO_NAME);
const origins = {};
const walk = (value, path) => {
  if (path) {
    const origin = loaded.origins.get(path);
    if (origin !== undefined) origins[path] = origin;
  }
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
};
walk(loaded.scenario, '');
writeFileSync(
  'dist/default-scenario.json',
  `${JSON.stringify({ scenario: loaded.scenario, raw: loaded.raw, origins })}\n`,
);
