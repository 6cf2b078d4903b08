import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { runCli, scenarioFrom } from '../helpers.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/scenarios');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('infercost simulate (in-process)', () => {
  it('runs the embedded default scenario with no arguments', async () => {
    const r = await runCli(['simulate']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Mistral Small 4 on H100 SXM, mixed reasoning');
    for (const level of ['none', 'medium', 'high', 'blended']) expect(r.stdout).toMatch(new RegExp(`│ ${level}\\s`));
    expect(r.stdout).toContain('Assumed inputs');
    // No colour codes when stdout is not a terminal.
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("prints one versioned JSON document with the calculator's numbers", async () => {
    const r = await runCli(['simulate', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.generator).toMatch(/^infercost \d+\.\d+\.\d+/);
    expect(doc.results).toHaveLength(1);
    const direct = simulate(scenarioFrom(DEFAULT_SCENARIO_YAML));
    expect(doc.results[0].blended.costPerQueryUsd).toBe(direct.blended.costPerQueryUsd);
    expect(doc.results[0].levels.map((l: { level: string }) => l.level)).toEqual(['none', 'medium', 'high']);
  });

  it('colours only on a terminal, and not with NO_COLOR', async () => {
    expect((await runCli(['simulate'], { tty: true })).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['simulate'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });

  it('exits 1 when a budget is breached, and says which', async () => {
    const r = await runCli(['simulate', fixture('over-budget.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/max_cost_per_query_usd.*FAIL/);
  });

  it('simulates several files in one run', async () => {
    const r = await runCli(['simulate', '--format', 'json', fixture('over-budget.yaml'), fixture('over-budget.yaml')]);
    expect(JSON.parse(r.stdout).results).toHaveLength(2);
  });

  it.each([
    ['syntax-error.yaml', /syntax-error\.yaml:2:8: YAML syntax: this \{ is never closed: expected a \} before line 3/],
    ['wrong-type.yaml', /wrong-type\.yaml:5:21: traffic\.requests_per_day: expected a number, got the text "many"/],
    [
      'unknown-key.yaml',
      /^infercost: \S+unknown-key\.yaml:7:3: traffic\.output_token: unknown key \(did you mean "output_tokens"\?; output_tokens is required\)\n$/,
    ],
  ])('bad input %s: exit 2, file:line:col and field on stderr, nothing on stdout', async (file, message) => {
    const r = await runCli(['simulate', fixture(file)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reports the problems of every bad file, and prints no partial result', async () => {
    const r = await runCli([
      'simulate',
      fixture('over-budget.yaml'),
      fixture('wrong-type.yaml'),
      fixture('unknown-key.yaml'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('wrong-type.yaml:5:21');
    expect(r.stderr).toContain('unknown-key.yaml:7:3');
  });

  it.each([
    [['simulate', '--bogus'], /unknown option '--bogus'/],
    [['simulate', '--format', 'xml'], /argument 'xml' is invalid/],
    [['simulate', 'no-such-file.yaml'], /no-such-file\.yaml: cannot read: no such file or directory/],
    [['simulate', '.'], /\.: is a directory, expected a scenario file/],
    [['simulate', '--max-input-bytes', 'lots'], /--max-input-bytes: expected a positive whole number/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('usage and I/O errors exit 2: %s', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const r = await runCli(['simulate', '--max-input-bytes', '50', fixture('over-budget.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/over the 50-byte limit/);
  });

  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('simulate');
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version,
    );
  });

  it('builds only the command a run names, and every one where the run needs the list', async () => {
    // No command: the help on stderr, exit 2 (with --debug too: only a bare --version skips the list).
    for (const argv of [[], ['--debug']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Commands:');
      expect(r.stderr).toMatch(/ {2}sweep \[options\] \[scenario\]/);
    }
    // A mistyped command still gets its suggestion from the whole list.
    const typo = await runCli(['simulat']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('(Did you mean simulate?)');
    // A group's subcommand runs with its siblings built.
    expect((await runCli(['presets', 'show', 'h100-sxm'])).code).toBe(0);
  });

  it("an infeasible scenario explains itself with the field's place in the file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    const file = path.join(dir, 'slow.yaml');
    writeFileSync(
      file,
      'name: slow\nmodel: { preset: llama-3.1-405b }\nhardware: { preset: l40s }\nserving:\n  max_time_per_output_token_ms: 1\ntraffic: { requests_per_day: 10, input_tokens: 10, output_tokens: 10 }\n',
    );
    const r = await runCli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/slow\.yaml:5:33: serving\.max_time_per_output_token_ms: no batch meets/);
  });
});

describe('--output', () => {
  it('writes the result to the file and nothing to stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    const r = await runCli(['simulate', '--format', 'json', '--output', 'out.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).schemaVersion).toBe(2);
    expect(readdirSync(dir)).toEqual(['out.json']); // no temporary file left behind
  });

  it('leaves an existing file intact when the run fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    writeFileSync(path.join(dir, 'out.json'), 'precious');
    const r = await runCli(['simulate', fixture('wrong-type.yaml'), '--output', 'out.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(dir, 'out.json'), 'utf8')).toBe('precious');
  });

  it('fails with exit 2 and one line when the directory does not exist', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercost-'));
    const r = await runCli(['simulate', '--output', 'missing/out.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^infercost: missing\/out\.json: cannot write: no such file or directory\n$/);
  });
});
