/**
 * The layout README "Development" describes, checked on the import graph of
 * src/: a thin CLI over a pure core, renderers that never reach back into the
 * CLI, and no import cycle (type imports included: a cycle of types is still a
 * knot a maintainer has to untie).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g;
const graph = new Map<string, { local: string[]; packages: string[] }>();
for (const f of files(SRC)) {
  const text = readFileSync(f, 'utf8');
  const specs = [...text.matchAll(IMPORT)].map((m) => m[1]!);
  graph.set(path.relative(SRC, f), {
    local: specs
      .filter((s) => s.startsWith('.'))
      .map((s) => path.relative(SRC, path.resolve(path.dirname(f), s)).replace(/\.js$/, '.ts')),
    packages: specs.filter((s) => !s.startsWith('.')),
  });
}

const layer = (file: string) => file.split(path.sep)[0]!;
/** Which layers each may import (besides itself and errors.ts); files at the top (index.ts, errors.ts) are entries, exempt. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: ['scenario', 'data'],
  scenario: ['core', 'data'],
  data: ['scenario'],
  // formats renders calibration's results too; calibration never renders.
  formats: ['core', 'scenario', 'data', 'calibration'],
  calibration: ['core', 'scenario', 'data'],
  cli: ['core', 'scenario', 'data', 'formats', 'calibration'],
};

describe('the import graph of src/', () => {
  it('sees the whole tree (a broken reader would pass every other test)', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get(path.join('cli', 'main.ts'))?.packages).toContain('commander');
  });

  it('every relative import names a file that exists', () => {
    const missing = [...graph].flatMap(([f, { local }]) =>
      local.filter((t) => !graph.has(t)).map((t) => `${f} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('no import runs back up a layer', () => {
    const wrong = [...graph].flatMap(([f, { local }]) =>
      local
        .filter(
          (t) => t !== 'errors.ts' && t !== 'index.ts' && layer(t) !== layer(f) && !f.includes(path.sep) === false,
        )
        .filter((t) => !(MAY_IMPORT[layer(f)] ?? []).includes(layer(t)))
        .map((t) => `${f} → ${t}`),
    );
    expect(wrong).toEqual([]);
  });

  it('the core is pure: no file system, process, terminal or CLI libraries', () => {
    const impure = [...graph]
      .filter(([f]) => layer(f) === 'core')
      .flatMap(([f, { packages }]) =>
        packages
          .filter((p) => p.startsWith('node:') || ['chalk', 'cli-table3', 'commander'].includes(p))
          .map((p) => `${f} → ${p}`),
      );
    expect(impure).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f)?.local ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
