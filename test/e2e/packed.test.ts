/**
 * The package as `npm install infercost` gets it: the files `npm pack` would
 * ship, with only the runtime dependencies package.json declares beside them.
 * The bin bundles its CLI libraries (commander, chalk, cli-table3, picomatch,
 * Vega), so those are devDependencies; this proves nothing at run time still
 * reaches for them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
let project = '';

beforeAll(() => {
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(packed.status).toBe(0);
  const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  project = mkdtempSync(path.join(tmpdir(), 'infercost-packed-'));
  const installed = path.join(project, 'node_modules', 'infercost');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(installed, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(installed, f));
  }
  // Only what package.json declares for run time, as npm would install beside it.
  for (const dep of Object.keys(pkg.dependencies))
    symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(project, 'node_modules', dep));
}, 60_000);

describe('the packed package, with its runtime dependencies only', () => {
  it('declares only what the library entry imports', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['yaml', 'zod']);
  });

  it('imports as a library and simulates the default scenario', () => {
    const script = `import * as i from 'infercost';
      const { scenario } = i.loadScenario(i.DEFAULT_SCENARIO_YAML, 'default.yaml');
      process.stdout.write(String(i.simulate(scenario).blended.costPerQueryUsd));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeGreaterThan(0);
  });

  it('runs the bin: table, HTML with Vega charts, and a bad flag exits 2', () => {
    const bin = path.join(project, 'node_modules', 'infercost', 'bin', 'infercost');
    const table = spawnSync(process.execPath, [bin, 'simulate'], { cwd: project, encoding: 'utf8' });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/│ none +│ +60% │.*│ +\$0\.\d+ │/); // the table, drawn by the bundled cli-table3
    const html = spawnSync(process.execPath, [bin, 'explain', '--format', 'html'], { cwd: project, encoding: 'utf8' });
    expect(html.status).toBe(0);
    expect(html.stdout).toContain('<svg');
    const bad = spawnSync(process.execPath, [bin, 'simulate', '--no-such-flag'], { cwd: project, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
