/**
 * Hardening, round 2 (issue 15), in-process: CI gates that could be bypassed
 * (links in a checked directory, a tampered baseline) and hostile text.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const CHECK = path.resolve(__dirname, '../fixtures/check');
const fresh = () => mkdtempSync(path.join(tmpdir(), 'infercost-harden-'));

describe('check sees a directory as a glob does', () => {
  it('a breaching scenario linked into the directory fails the gate; a link loop is named', async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 's'));
    copyFileSync(path.join(CHECK, 'pass.yaml'), path.join(dir, 's', 'pass.yaml'));
    copyFileSync(path.join(CHECK, 'fail.yaml'), path.join(dir, 'elsewhere.yaml'));
    symlinkSync(path.join(dir, 'elsewhere.yaml'), path.join(dir, 's', 'linked.yaml'));
    const asDir = await runCli(['check', 's', '--format', 'json'], { cwd: dir });
    const asGlob = await runCli(['check', 's/*.yaml', '--format', 'json'], { cwd: dir });
    expect(asDir.code).toBe(1);
    expect(asGlob.code).toBe(1);
    const files = (r: { stdout: string }) =>
      (JSON.parse(r.stdout).scenarios as { file: string }[]).map((x) => x.file).sort();
    expect(files(asDir)).toEqual(['s/linked.yaml', 's/pass.yaml']);
    expect(files(asGlob)).toEqual(files(asDir));

    symlinkSync(path.join(dir, 's', 'loop.yaml'), path.join(dir, 's', 'loop.yaml'));
    for (const arg of ['s', 's/*.yaml']) {
      const r = await runCli(['check', arg], { cwd: dir });
      expect(r.code).toBe(1); // the breach still decides; the loop is reported, not skipped
      expect(r.stdout).toMatch(/s\/loop\.yaml: cannot read: too many levels of symbolic links/);
    }
  });
});

describe('a file name with a newline in it', () => {
  it('is shown on one line in every message and table cell: it cannot forge a diagnostic line of its own', async () => {
    const dir = fresh();
    const name = 'a\ninfercost: all good.yaml';
    writeFileSync(path.join(dir, name), 'name: x\ntraffic: { requests_per_day: -1 }\n');
    for (const argv of [
      ['simulate', name],
      ['validate', name],
      ['check', name],
    ]) {
      const r = await runCli(argv, { cwd: dir });
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      // Every line a problem of the file, its name escaped (the first says how many there are).
      expect(lines.length).toBeGreaterThan(1);
      expect(lines[0]).toMatch(/^infercost: a\\ninfercost: all good\.yaml: \d+ problems$/);
      for (const l of lines.slice(1)) expect(l).toMatch(/^ {2}a\\ninfercost: all good\.yaml:\d+:\d+: /);
      expect(r.stdout).not.toContain(name);
    }
    const missing = await runCli(['simulate', 'b\ninfercost: fine.yaml'], { cwd: dir });
    expect(missing.stderr).toBe('infercost: b\\ninfercost: fine.yaml: cannot read: no such file or directory\n');
  });
});

describe('line breaks as YAML has them (CR, LF or CRLF)', () => {
  it('a file saved with CR alone reads as the same file with LF, and its problems keep their lines', async () => {
    const dir = fresh();
    const lf = readFileSync(path.join(CHECK, 'pass.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'lf.yaml'), lf);
    writeFileSync(path.join(dir, 'cr.yaml'), lf.replace(/\n/g, '\r'));
    writeFileSync(path.join(dir, 'crlf.yaml'), lf.replace(/\n/g, '\r\n'));
    const json = async (f: string) =>
      JSON.parse((await runCli(['simulate', f, '--format', 'json'], { cwd: dir })).stdout).results[0].blended;
    expect(await json('cr.yaml')).toEqual(await json('lf.yaml'));
    expect(await json('crlf.yaml')).toEqual(await json('lf.yaml'));
    // A broken value on line 3 is reported at line 3 whichever break the file uses.
    const broken =
      'name: x\rmodel: { preset: llama-3.1-8b }\rhardware: { preset: no-such-chip }\rtraffic: { requests_per_day: 1, input_tokens: 1, output_tokens: 1 }\r';
    writeFileSync(path.join(dir, 'broken.yaml'), broken);
    const r = await runCli(['simulate', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^infercost: broken\.yaml:3:\d+: hardware\.preset: unknown hardware preset "no-such-chip"/,
    );
  });
});

describe('JSON with hostile text in it', () => {
  it('stays valid JSON and reads back the same text: DEL and C1 controls too (JSON.stringify leaves them raw)', async () => {
    const dir = fresh();
    const name = 'a\u007fb\u0085c\u001bd';
    writeFileSync(
      path.join(dir, 's.yaml'),
      `name: ${JSON.stringify(name)}\nmodel: { preset: llama-3.1-8b }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: 1, input_tokens: 10, output_tokens: 10 }\n`,
    );
    const r = await runCli(['simulate', 's.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u007f-\u009f\u001b]/); // nothing raw reaches the terminal
    expect(JSON.parse(r.stdout).results[0].scenario.name).toBe(name);
  });
});

describe('`-` as an input', () => {
  it('is a file of that name; when there is none, the message says how to read standard input', async () => {
    const r = await runCli(['simulate', '-'], { cwd: fresh() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'infercost: -: cannot read: no such file or directory (to read standard input, give /dev/stdin)\n',
    );
  });
});

describe('compare --baseline-json refuses a tampered baseline', () => {
  const saved = async (dir: string) => {
    copyFileSync(path.join(CHECK, 'pass.yaml'), path.join(dir, 'after.yaml'));
    const r = await runCli(['simulate', 'after.yaml', '--format', 'json'], { cwd: dir });
    return JSON.parse(r.stdout);
  };

  it.each([
    [
      'a zero cost per query',
      (d: any) => (d.results[0].blended.costPerQueryUsd = 0),
      /blended\.costPerQueryUsd: expected a number > 0, got 0/,
    ],
    [
      'a negative cost',
      (d: any) => (d.results[0].blended.monthlyCostUsd = -5),
      /blended\.monthlyCostUsd: expected a number ≥ 0, got -5/,
    ],
    [
      'a negative accelerator count',
      (d: any) => (d.results[0].fleet.accelerators = -1),
      /fleet\.accelerators: expected a (whole )?number ≥ 0, got -1/,
    ],
    [
      'a fractional batch',
      (d: any) => (d.results[0].deployment.batch = 2.5),
      /deployment\.batch: expected a whole number, got 2\.5|deployment\.batch: .*2\.5/,
    ],
    [
      'zero output tokens',
      (d: any) => (d.results[0].blended.outputTokens = 0),
      /blended\.outputTokens: expected a number > 0, got 0/,
    ],
  ])('%s: exit 2 with file:line:col and the field', async (_what, tamper, message) => {
    const dir = fresh();
    const doc = await saved(dir);
    tamper(doc);
    writeFileSync(path.join(dir, 'base.json'), JSON.stringify(doc, null, 2));
    const r = await runCli(['compare', '--baseline-json', 'base.json', 'after.yaml', '--fail-on-increase', '0'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/base\.json:\d+:\d+: results\.0\./);
    expect(r.stderr).toMatch(message);
  });

  it('a JSON syntax error is located', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'base.json'), '{\n  "schemaVersion": 2,\n  "results": [ }\n');
    copyFileSync(path.join(CHECK, 'pass.yaml'), path.join(dir, 'after.yaml'));
    const r = await runCli(['compare', '--baseline-json', 'base.json', 'after.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/base\.json:3:\d+/);
  });
});

describe('hostile text never reaches a terminal or a report raw', () => {
  const EVIL =
    'evil \u001b[2J\u001b]0;pwned\u0007 \u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\ \u202etxt.exe\u200b';
  const scenario = (name: string) => `name: ${JSON.stringify(name)}
description: ${JSON.stringify(`about ${name}`)}
model: { preset: llama-3.1-8b }
hardware: { preset: h100-sxm }
traffic: { requests_per_day: 1000, input_tokens: 100, output_tokens: 10 }
budget: { max_cost_per_query_usd: 0.0000001 }
`;
  const RAW = /[\u001b\u0007\u202e\u200b]/;

  // [argv, whether the output shows the scenario's name: then its escapes are visible]
  it.each([
    [['simulate', 'e.yaml'], true],
    [['explain', 'e.yaml'], true],
    [['check', 'e.yaml'], false],
    [['check', 'e.yaml', '--format', 'github'], true],
    [['check', 'e.yaml', '--format', 'junit'], false], // XML cannot hold controls: dropped
    [['check', 'e.yaml', '--format', 'markdown'], true],
    [['simulate', 'e.yaml', '--format', 'html'], true],
    [['simulate', 'e.yaml', '--format', 'json'], true],
    [['compare', 'e.yaml', 'e.yaml'], true],
    [['project', 'e.yaml'], true],
  ])('%j: escapes shown, never raw (stdout and stderr)', async (argv, showsName) => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'e.yaml'), scenario(EVIL));
    const r = await runCli(argv, { cwd: dir });
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    if (showsName) expect(r.stdout).toMatch(/\\x1b|\\u001b/);
    // A JSON document stays valid, with the name intact inside it.
    if (argv.includes('json')) expect(JSON.parse(r.stdout).results[0].scenario.name).toBe(EVIL);
  });

  it('also in a colour terminal: only the CLI colour codes are raw', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'e.yaml'), scenario(EVIL));
    const r = await runCli(['simulate', 'e.yaml'], { cwd: dir, tty: true });
    const withoutSgr = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutSgr).not.toMatch(RAW);
    expect(r.stdout).toMatch(/\u001b\[1m/); // bold headings: the CLI's own colour
  });

  it('an --output file gets the same sanitiser', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'e.yaml'), scenario(EVIL));
    expect((await runCli(['simulate', 'e.yaml', '--output', 'out.txt'], { cwd: dir })).code).toBe(1);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).not.toMatch(RAW);
  });

  it('a key with a zero-width character is shown with it escaped, not as the key it imitates', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'k.yaml'),
      'name: k\nmodel: { preset: llama-3.1-8b }\nhardware: { preset: h100-sxm }\ntra\u200bffic: { requests_per_day: 1 }\n',
    );
    const r = await runCli(['validate', 'k.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tra\\u200bffic');
    expect(r.stderr).not.toMatch(RAW);
  });

  it('Markdown shows HTML as text; a GitHub annotation cannot be split or forged', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'e.yaml'), scenario('<img src=x onerror=alert(1)> | a ::error::forged'));
    const md = await runCli(['check', 'e.yaml', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('&lt;img src=x onerror=alert(1)&gt; \\| a ::error::forged');
    expect(md.stdout).not.toContain('<img');
    const gh = await runCli(['check', 'e.yaml', '--format', 'github'], { cwd: dir });
    const annotations = gh.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1); // the breach; the name's "::error::" stays inside its message
    expect(annotations[0]).toMatch(/a ::error::forged/);
  });

  it('a name with a line break (which would start a line of its own in a CI log) is refused at its field', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'n.yaml'), scenario('a\n::error file=x::pwned'));
    for (const command of ['simulate', 'explain', 'check']) {
      const r = await runCli([command, 'n.yaml'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).not.toMatch(/^::error/m);
      expect(r.stderr + r.stdout).toMatch(/n\.yaml:1:\d+: name: expected a name on one line, got a line break in it/);
    }
  });

  it('measurement ids and models are escaped in the calibrate table', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'm.yaml'),
      `measurements:\n- id: ${JSON.stringify(EVIL)}\n  model: llama-3.1-8b\n  accelerator: h100-sxm\n  accelerators_count: 1\n  precision: fp8\n  scenario: fixed-batch-decode\n  batch: 1\n  input_tokens: 1000\n  tpot_ms: 5\n`,
    );
    const r = await runCli(['calibrate', 'm.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('\\u202etxt.exe');
  });
});

describe('clear, located messages', () => {
  const base = (extra = '', traffic = 'requests_per_day: 1000, input_tokens: 100, output_tokens: 10') =>
    `name: m\nmodel: { preset: llama-3.1-8b }\nhardware: { preset: h100-sxm${extra} }\ntraffic: { ${traffic} }\n`;

  it('a file of one huge value, or a huge preset name, is quoted back in a few hundred characters, not whole', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'big.yaml'), 'word '.repeat(90_000));
    writeFileSync(path.join(dir, 'preset.yaml'), base().replace('llama-3.1-8b', 'x'.repeat(400_000)));
    const scalar = await runCli(['simulate', 'big.yaml'], { cwd: dir });
    expect(scalar.code).toBe(2);
    expect(scalar.stderr).toMatch(/big\.yaml:1:1: expected a map .*got a single value \("word word/);
    expect(scalar.stderr.length).toBeLessThan(1000);
    const preset = await runCli(['simulate', 'preset.yaml'], { cwd: dir });
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(
      /preset\.yaml:2:\d+: model\.preset: unknown model preset "xxx.*… \(\d+ more characters\)/,
    );
    expect(preset.stderr.length).toBeLessThan(1000);
  });

  it("a calibration file the scenario names but that cannot be read is reported at the scenario's calibration field", async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'c.yaml'), `${base()}calibration: missing.yaml\n`);
    const r = await runCli(['simulate', 'c.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^infercost: c\.yaml:5:14: calibration: \S*missing\.yaml: cannot read: no such file or directory\n$/,
    );
  });

  it('a YAML timestamp or binary value is named as such, and a UTF-32 file as UTF-32', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 't.yaml'), base().replace('name: m', 'name: !!timestamp 2001-12-14'));
    writeFileSync(path.join(dir, 'b.yaml'), base().replace('name: m', 'name: !!binary aGVsbG8='));
    writeFileSync(path.join(dir, 'u.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('n\0\0\0')]));
    expect((await runCli(['simulate', 't.yaml'], { cwd: dir })).stderr).toMatch(
      /t\.yaml:1:\d+: name: expected text, got a date \(a YAML timestamp: quote it to make it text\)/,
    );
    expect((await runCli(['simulate', 'b.yaml'], { cwd: dir })).stderr).toMatch(
      /b\.yaml:1:\d+: name: expected text, got binary data \(YAML !!binary\)/,
    );
    expect((await runCli(['simulate', 'u.yaml'], { cwd: dir })).stderr).toMatch(
      /got UTF-32 \(the file starts with a UTF-32/,
    );
  });

  it('an alias without its anchor says so at the alias (it read as an alias bomb)', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'a.yaml'), 'name: x\nmodel:\n  <<: *nope\n');
    const r = await runCli(['simulate', 'a.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'infercost: a.yaml:3:7: YAML alias *nope has no anchor &nope before it: define the anchor first, or write the value itself\n',
    );
  });

  it('a prompt length drawn from a distribution starts at 1 token, as a fixed one does', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'u.yaml'),
      base('', 'requests_per_day: 1000, input_tokens: { distribution: uniform, min: 0, max: 10 }, output_tokens: 10'),
    );
    const r = await runCli(['simulate', 'u.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/u\.yaml:4:\d+: traffic\.input_tokens\.min: expected at least 1 token .*got 0/);
  });

  it('a measurement with two throughputs that disagree is refused at the per-accelerator one', async () => {
    const dir = fresh();
    writeFileSync(
      path.join(dir, 'm.yaml'),
      'measurements:\n- id: r1\n  model: llama-3.1-8b\n  accelerator: h100-sxm\n  accelerators_count: 2\n  precision: fp8\n  scenario: offline\n  input_tokens: 100\n  output_tokens: 100\n  throughput_output_tokens_per_s: 100\n  throughput_per_accelerator_tokens_per_s: 5000\n',
    );
    const r = await runCli(['calibrate', 'm.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /m\.yaml:11:\d+: measurements\.0\.throughput_per_accelerator_tokens_per_s: expected .*\(100 \/ 2 = 50\) within 1%, got 5000/,
    );
  });

  it('a list too long or empty says how many it holds and how many it may', async () => {
    const dir = fresh();
    const options = Array.from({ length: 3000 }, (_, i) => ({ name: `o${i}`, deployments: [] }));
    writeFileSync(path.join(dir, 'f.yaml'), JSON.stringify({ name: 'f', fleet: { workloads: [], options } }));
    const r = await runCli(['fleet', 'f.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/f\.yaml:1:\d+: fleet\.options: expected at most 16 options, got 3000/);
    expect(r.stderr).toMatch(/fleet\.workloads: expected at least one entry, got an empty list/);
    expect(r.stderr).not.toMatch(/got a list/);
  });

  it('an overflowing result names the input that caused it, at its line', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'o.yaml'), base('', 'requests_per_day: 1e308, input_tokens: 100, output_tokens: 10'));
    const r = await runCli(['simulate', 'o.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^infercost: o\.yaml:4:\d+: traffic\.requests_per_day: 1e\+308 is far outside any real deployment/,
    );
  });

  it('a subnormal price is refused at its field; no output prints Infinity or NaN', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'p.yaml'), base(', price_usd_per_hour: 1e-320'));
    const r = await runCli(['simulate', 'p.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.yaml:3:\d+: hardware\.price_usd_per_hour: expected a number ≥ 0\.000001, got 1e-320/);
    // The smallest accepted price still prints finite figures everywhere.
    writeFileSync(path.join(dir, 'q.yaml'), base(', price_usd_per_hour: 0.000001'));
    for (const argv of [
      ['simulate', 'q.yaml'],
      ['explain', 'q.yaml'],
      ['project', 'q.yaml'],
    ]) {
      const q = await runCli(argv, { cwd: dir });
      expect(q.stdout + q.stderr).not.toMatch(/Infinity|NaN/);
    }
  });

  it('UTF-16 without a byte order mark is named as such', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'u.yaml'), Buffer.from(base(), 'utf16le'));
    const r = await runCli(['validate', 'u.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/looks like UTF-16 without a byte order mark.*save the file as UTF-8/);
  });

  it('physically impossible measurement rows are not evaluated, with the reason', async () => {
    const dir = fresh();
    const row = (id: string, batch: number, input: number) =>
      `- id: ${id}\n  model: llama-3.1-8b\n  accelerator: h100-sxm\n  accelerators_count: 1\n  precision: fp8\n  scenario: fixed-batch-decode\n  batch: ${batch}\n  input_tokens: ${input}\n  tpot_ms: 5\n`;
    writeFileSync(
      path.join(dir, 'm.yaml'),
      `measurements:\n${row('ok', 8, 1000)}${row('huge-batch', 1e9, 1000)}${row('beyond-context', 1, 1e12)}`,
    );
    const r = await runCli(['calibrate', 'm.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.rows.map((x: { id: string }) => x.id)).toEqual(['ok']);
    const reasons = Object.fromEntries(doc.not_evaluable.map((n: { id: string; reason: string }) => [n.id, n.reason]));
    expect(reasons['huge-batch']).toMatch(/needs .* GB of KV cache/);
    expect(reasons['beyond-context']).toMatch(/beyond the model's 131072/);
  });

  it('project months stay YYYY-MM with a four-digit year, and a projection stays bounded', async () => {
    const past = await runCli(['project', '--start', '9999-12', '--months', '24']);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/would run past 9999-12 .* at most 1 months from that start/);
    expect(past.stdout).not.toMatch(/10000-01/);
    const long = await runCli(['project', '--months', '100000000']);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/--months: expected at most 600/);
    // 0.3.0 let 601-1200 past the CLI, and the core then refused them in words meant for the CLI: one limit now, checked once.
    const justOver = await runCli(['project', '--months', '601']);
    expect(justOver.code).toBe(2);
    expect(justOver.stderr).toMatch(/^infercost: --months: expected at most 600 \(50 years of months/);
  });
});
