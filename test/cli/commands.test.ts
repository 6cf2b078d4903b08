import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HARDWARE_PRESETS } from '../../src/data/hardware.js';
import { MODEL_PRESETS } from '../../src/data/models.js';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/default-scenario.js';
import { DEFAULT_ROADMAP_YAML } from '../../src/scenario/roadmap-schema.js';
import { runCli } from '../helpers.js';

const ROOT = path.resolve(__dirname, '../..');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'infercost-'));

describe('presets', () => {
  it('list shows every hardware and model preset', async () => {
    const r = await runCli(['presets', 'list']);
    expect(r.code).toBe(0);
    for (const p of [...HARDWARE_PRESETS, ...MODEL_PRESETS]) expect(r.stdout).toContain(`│ ${p.id} `);
  });

  it('list <kind> --format json gives the catalog with sources', async () => {
    const r = await runCli(['presets', 'list', 'hardware', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['hardware']);
    expect(doc.hardware).toHaveLength(HARDWARE_PRESETS.length);
    for (const p of doc.hardware) expect(p.sources.length).toBeGreaterThan(0);
  });

  it('show prints every field, unknown ones as unknown, and the sources', async () => {
    const r = await runCli(['presets', 'show', 'mi355x']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hardware.memory_bandwidth_tb_per_s: 8');
    expect(r.stdout).toContain('hardware.price_usd_per_hour: unknown');
    expect(r.stdout).toMatch(/Sources:\n {2}- AMD Instinct MI355X/);
  });

  it('show of an unknown id exits 2 and suggests close ids', async () => {
    const r = await runCli(['presets', 'show', 'h100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "h200" or "h100-sxm" or "h100-pcie"?');
  });

  it('list rejects an unknown kind', async () => {
    const r = await runCli(['presets', 'list', 'gpus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/value 'gpus' is invalid for argument 'kind'. Allowed choices are hardware, models/);
  });
});

describe('validate', () => {
  it('exits 0 and says ok for valid files', async () => {
    const r = await runCli(['validate', 'scenarios/mistral-small-4-h100.yaml'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok scenarios/mistral-small-4-h100.yaml\n');
  });

  it('reports every problem of every file, and a figure a preset lacks', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'two.yaml'),
      'name: two\nmodel: { preset: llama-3.1-8b, layers: -1 }\nhardware: { preset: h100-sxm }\ntraffic: { requests_per_day: x, input_tokens: 1, output_tokens: 1 }\n',
    );
    writeFileSync(
      path.join(dir, 'price.yaml'),
      'name: p\nmodel: { preset: llama-3.1-8b }\nhardware: { preset: mi355x }\ntraffic: { requests_per_day: 1, input_tokens: 1, output_tokens: 1 }\n',
    );
    const r = await runCli(['validate', 'two.yaml', 'price.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('two.yaml: 2 problems');
    expect(r.stderr).toContain('two.yaml:2:40: model.layers: expected a number > 0, got -1');
    expect(r.stderr).toContain('two.yaml:4:30: traffic.requests_per_day: expected a number, got the text "x"');
    expect(r.stderr).toContain('price.yaml:3:1: hardware.price_usd_per_hour: no price per accelerator-hour');
  });
});

describe('init', () => {
  it('writes the commented starter scenario, which validates', async () => {
    const dir = tmp();
    const r = await runCli(['init', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'mine.yaml'), 'utf8')).toBe(DEFAULT_SCENARIO_YAML);
    expect((await runCli(['validate', 'mine.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('refuses to overwrite without --force, and leaves the file as it was', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'scenario.yaml'), 'mine');
    const r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario.yaml already exists; use --force');
    expect(readFileSync(path.join(dir, 'scenario.yaml'), 'utf8')).toBe('mine');
    expect((await runCli(['init', '--force'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'scenario.yaml'), 'utf8')).toBe(DEFAULT_SCENARIO_YAML);
    expect(readdirSync(dir)).toEqual(['scenario.yaml']);
  });

  it('an empty name or a directory: exit 2 with what to give instead (never --force, which cannot help)', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'sub'));
    const empty = await runCli(['init', ''], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('infercost: init: the file name is empty: give the scenario file to write\n');
    for (const force of [[], ['--force']]) {
      const r = await runCli(['init', 'sub', ...force], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `infercost: sub: is a directory: give a file name for the scenario (e.g. ${path.join('sub', 'scenario.yaml')})\n`,
      );
    }
    expect(readdirSync(path.join(dir, 'sub'))).toEqual([]);
  });
});

describe('schema', () => {
  const schemaOf = async () => JSON.parse((await runCli(['schema'])).stdout);

  it('accepts every scenario in scenarios/ and the starter', async () => {
    const validate = new Ajv2020({ strict: false }).compile(await schemaOf());
    const files = readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const ok = validate(parse(readFileSync(path.join(ROOT, 'scenarios', f), 'utf8')));
      expect({ file: f, errors: validate.errors ?? null }).toEqual({ file: f, errors: null });
      expect(ok).toBe(true);
    }
    expect(validate(parse(DEFAULT_SCENARIO_YAML))).toBe(true);
  });

  it('rejects unknown keys, wrong types and unknown preset ids, as the loader does', async () => {
    const validate = new Ajv2020({ strict: false }).compile(await schemaOf());
    const base = parse(DEFAULT_SCENARIO_YAML);
    expect(validate({ ...base, extra: 1 })).toBe(false);
    expect(validate({ ...base, traffic: { ...base.traffic, input_tokens: 'many' } })).toBe(false);
    expect(validate({ ...base, model: { preset: 'no-such-model' } })).toBe(false);
    expect(validate({ ...base, hardware: { preset: 'h100-sxm', price_usd_per_hour: 2.1 } })).toBe(true);
  });

  it('--kind: every example file in the repository is valid against the schema of its kind', async () => {
    const yamlIn = (dir: string) =>
      readdirSync(path.join(ROOT, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => ({ name: `${dir}/${f}`, doc: parse(readFileSync(path.join(ROOT, dir, f), 'utf8')) as unknown }));
    const saved = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout) as unknown;
    const kinds: Record<string, { name: string; doc: unknown }[]> = {
      scenario: [
        ...yamlIn('scenarios'),
        ...['pass', 'fail', 'no-budget'].map((f) => ({
          name: f,
          doc: parse(readFileSync(path.join(ROOT, 'test/fixtures/check', `${f}.yaml`), 'utf8')) as unknown,
        })),
      ],
      fleet: yamlIn('examples/fleet'),
      roadmap: [...yamlIn('examples/roadmap'), { name: 'embedded', doc: parse(DEFAULT_ROADMAP_YAML) as unknown }],
      measurements: yamlIn('test/fixtures/calibration'),
      result: [{ name: 'simulate --format json', doc: saved }],
    };
    for (const [kind, docs] of Object.entries(kinds)) {
      const r = await runCli(['schema', '--kind', kind]);
      expect(r.code).toBe(0);
      const schema = JSON.parse(r.stdout) as { title: string };
      expect(schema.title).toContain(kind === 'measurements' ? 'measurements' : kind === 'result' ? 'result' : kind);
      const validate = new Ajv2020({ strict: false }).compile(schema);
      expect(docs.length).toBeGreaterThan(0);
      for (const { name, doc } of docs) {
        validate(doc);
        expect({ kind, name, errors: validate.errors ?? null }).toEqual({ kind, name, errors: null });
      }
      // And a file of another kind is not one of these.
      const other = kind === 'scenario' ? kinds.fleet![0]!.doc : kinds.scenario![0]!.doc;
      expect(validate(other)).toBe(false);
    }
  });

  it('--output writes the schema file', async () => {
    const dir = tmp();
    expect((await runCli(['schema', '--output', 'infercost.schema.json'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'infercost.schema.json'))).toBe(true);
  });
});

describe('explain', () => {
  it('prints the waterfall and the reasons for the default scenario', async () => {
    const r = await runCli(['explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Savings waterfall: Mistral Small 4 on H100 SXM, mixed reasoning');
    expect(r.stdout).toMatch(
      /MoE active parameters.*\n.*reasoning mix.*\n.*token compression.*\n.*hardware and precision/,
    );
    expect(r.stdout).toMatch(
      /multiplying the headline ratios predicts 1\/[\d.]+ the baseline cost; the model predicts 1\/[\d.]+\. .* Final: \$[\d.]+\/query\./,
    );
    expect(r.stdout).toContain('Why each step differs from its headline');
  });

  it('a price the scenario sets is named in the hardware step (the headline per FLOP/s counts it)', async () => {
    const dir = tmp();
    const yaml = DEFAULT_SCENARIO_YAML.replace(/^hardware:\n/m, 'hardware:\n  price_usd_per_hour: 0.295\n');
    expect(yaml).not.toBe(DEFAULT_SCENARIO_YAML);
    writeFileSync(path.join(dir, 'cheap.yaml'), yaml);
    const r = await runCli(['explain', 'cheap.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /hardware and precision: NVIDIA H100 SXM5 80GB at bf16, \$2\.95\/h → NVIDIA H100 SXM5 80GB at fp8, \$0\.295\/h/,
    );
    // At the preset's own price the step names no price.
    expect((await runCli(['explain'])).stdout).toMatch(/hardware and precision: NVIDIA H100 SXM5 80GB at bf16 → /);
  });

  it('--order changes the steps but not the final cost', async () => {
    const a = JSON.parse((await runCli(['explain', '--format', 'json'])).stdout).results[0];
    const b = JSON.parse(
      (await runCli(['explain', '--format', 'json', '--order', 'hardware,compression,reasoning-mix,model'])).stdout,
    ).results[0];
    expect(b.steps.map((s: { factor: string }) => s.factor)).toEqual([
      'hardware',
      'compression',
      'reasoning-mix',
      'model',
    ]);
    expect(b.finalCostPerQueryUsd).toBe(a.finalCostPerQueryUsd);
    expect(b.steps[0].stepRatio).not.toBe(a.steps[0].stepRatio);
  });

  it('the hardware step explains itself by the bound decode actually hits', async () => {
    const compute = (
      await runCli(['explain', 'scenarios/mistral-small-4-4bit-h100.yaml', '--format', 'json'], { cwd: ROOT })
    ).stdout;
    const step = JSON.parse(compute).results[0].steps.find((s: { factor: string }) => s.factor === 'hardware');
    const sim = JSON.parse(
      (await runCli(['simulate', 'scenarios/mistral-small-4-4bit-h100.yaml', '--format', 'json'], { cwd: ROOT }))
        .stdout,
    );
    const bound = sim.results[0].deployment.decodeBound;
    expect(
      step.why.startsWith(
        `decode is ${bound}-bound: it gains with price per ${bound === 'compute' ? 'FLOP/s' : 'unit of memory bandwidth'}`,
      ),
    ).toBe(true);
  });

  it('a bad --order is a usage error', async () => {
    const r = await runCli(['explain', '--order', 'model,hardware']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--order: expected each of model, reasoning-mix, compression, hardware exactly once/);
  });

  it('simulate --format json carries the waterfall beside the result', async () => {
    const doc = JSON.parse((await runCli(['simulate', '--format', 'json'])).stdout);
    expect(doc.results[0].explanation.finalCostPerQueryUsd).toBe(doc.results[0].blended.costPerQueryUsd);
  });
});

describe('terminal bars', () => {
  it('the waterfall is drawn in Unicode blocks on a terminal only', async () => {
    const tty = await runCli(['explain'], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout).toMatch(/ {2}baseline\s+█{40} \$/);
    expect((await runCli(['explain'])).stdout).not.toContain('█');
    expect((await runCli(['simulate'], { tty: true })).stdout).toMatch(/hardware and precision\s+█+/);
  });
});

describe('another kind of infercost file where a scenario belongs', () => {
  it.each([
    ['examples/fleet/mistral-consolidation.yaml', 'a fleet file, not a scenario: run `infercost fleet` on it'],
    ['examples/roadmap/nvidia.yaml', 'a hardware roadmap, not a scenario: give it to `infercost project --roadmap`'],
    ['test/fixtures/calibration/holdout.yaml', 'a measurements file, not a scenario: run `infercost calibrate` on it'],
  ])('%s says which command reads it', async (file, message) => {
    const r = await runCli(['validate', file], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`infercost: ${file}:1:1: this is ${message}\n`);
  });
});
