// Bundle the CLI for start-up speed: one small entry chunk (commander and the
// command table) and one lazily loaded chunk set per command, so `--version`
// loads almost nothing and `simulate` loads only what it uses. The library
// entry (dist/index.js) stays unbundled for `import 'infercost'`.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  // cli-table3 and others are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
