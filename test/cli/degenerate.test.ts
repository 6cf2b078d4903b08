import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers.js';

function scenarioFile(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
  writeFileSync(path.join(dir, 's.yaml'), text);
  return { dir, file: 's.yaml' };
}

describe('degenerate but computable input', () => {
  it('zero traffic: a result, exit 0, and a warning on stderr', async () => {
    const { dir, file } = scenarioFile(
      DEFAULT_SCENARIO_YAML.replace('requests_per_day: 1000000', 'requests_per_day: 0'),
    );
    const r = await runCli(['simulate', file, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout).results[0];
    expect(result.fleet.replicas).toBe(0);
    expect(result.fleet.provisionedCostPerQueryUsd).toBeNull();
    expect(result.blended.costPerQueryUsd).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^infercost: warning: .*traffic\.requests_per_day is 0/m);
  });

  it('a budget far below any real figure is a breach (exit 1) with its headroom in powers of ten', async () => {
    const { dir, file } = scenarioFile(`${DEFAULT_SCENARIO_YAML}\n`.replace(/^budget:[\s\S]*?(?=^\S)/m, ''));
    const r = await runCli(['check', file, '--max-cost-per-query', '1e-320'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\$1\.00e-320 .* -1\.00e\+300% .* FAIL/);
  });

  it('an extra factor of 1e-300 (every figure would overflow) is refused at its field', async () => {
    const { dir, file } = scenarioFile(
      `${DEFAULT_SCENARIO_YAML}\nextra_factors:\n  - { name: a, time_ratio: 1e-300, phase: decode, source: s }\n`,
    );
    const r = await runCli(['simulate', file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.yaml:\d+:\d+: extra_factors\.0\.time_ratio: .*0\.001/);
  });

  it('a level with share 0 is shown but warned about', async () => {
    const { dir, file } = scenarioFile(
      DEFAULT_SCENARIO_YAML.replace('none:   { share: 0.6', 'none:   { share: 0.7').replace(
        'high:   { share: 0.1',
        'high:   { share: 0',
      ),
    );
    const r = await runCli(['simulate', file], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ high\s+│\s+0%/);
    expect(r.stderr).toMatch(/reasoning\.levels\.high\.share is 0/);
  });
});

describe('sweep progress', () => {
  it('draws a progress bar on a terminal stderr, and none in CI', async () => {
    const argv = ['sweep', '--vary', 'traffic.input_tokens=1:20000:1'];
    let tty = '';
    await run(argv, {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (tty += s), isTTY: true },
      cwd: process.cwd(),
      env: {},
    });
    expect(tty).toMatch(/\r\[█+ *\] 8192\/20000/);
    let ci = '';
    await run(argv, {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (ci += s), isTTY: true },
      cwd: process.cwd(),
      env: { CI: 'true' },
    });
    expect(ci).not.toContain('█');
  });
});

describe('a file with very many problems', () => {
  it('reports the first 50 and counts the rest', async () => {
    const extra = Array.from({ length: 200 }, (_, i) => `unknown_${i}: ${i}`).join('\n');
    const { dir, file } = scenarioFile(`${DEFAULT_SCENARIO_YAML}${extra}\n`);
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('infercost: s.yaml: 200 problems');
    expect(lines[lines.length - 1]).toBe('  s.yaml: … and 150 more problems (the first 50 are shown)');
  });
});
