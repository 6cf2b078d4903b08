/**
 * What each start loads, read off the bundle's metafile (the build writes
 * dist/bundle/meta.json): the chunks a command imports statically, before it
 * runs. `--version` and the embedded default scenario must not load zod or the
 * YAML parser (issue 22: start-up is mostly their compile time), and no start
 * loads node:crypto (only writing a file does). This is the ES module build (--debug, the sweep
 * workers, and the shim's fallback); the shim's usual start is the one-file CommonJS bundle, where
 * test/e2e/code-cache.test.ts checks that zod stays uninitialised on the embedded default.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Meta {
  outputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >;
}
const ROOT = path.resolve(__dirname, '../..');
const meta = JSON.parse(readFileSync(path.join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as Meta;

/** Every input module of the chunks `entry` loads statically, and the externals they import. */
function staticGraph(entry: string): { inputs: string[]; externals: string[] } {
  const seen = new Set<string>();
  const externals = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file]?.imports ?? []) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) externals.add(i.path);
      else walk(i.path);
    }
  };
  walk(entry);
  return { inputs: [...seen].flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {})), externals: [...externals] };
}

const commandChunk = (name: string) => {
  const found = Object.keys(meta.outputs).find((f) => new RegExp(`/${name}-[A-Z0-9]+\\.js$`).test(f));
  if (found === undefined) throw new Error(`no chunk for command ${name}`);
  return found;
};

describe('start-up loads only what the run needs', () => {
  it('the entry (every run, --version included) has no zod, yaml or crypto', () => {
    const g = staticGraph('dist/bundle/main.js');
    expect(g.inputs.filter((i) => /node_modules\/(zod|yaml)\//.test(i))).toEqual([]);
    expect(g.externals).not.toContain('node:crypto');
    // The graph is real: commander is in it.
    expect(g.inputs.some((i) => i.includes('node_modules/commander/'))).toBe(true);
  });

  it('simulate (whose embedded default skips validation) loads zod and yaml only when a file is read', () => {
    const g = staticGraph(commandChunk('simulate'));
    expect(g.inputs.filter((i) => /node_modules\/(zod|yaml)\//.test(i))).toEqual([]);
    expect(g.externals).not.toContain('node:crypto');
    expect(g.inputs.some((i) => i.endsWith('dist/core/simulate.js'))).toBe(true);
  });
});
