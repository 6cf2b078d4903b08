/**
 * Every command's arguments and options, declared once (see spec.ts). Loaded
 * for every run, so it imports nothing heavy: the implementations are loaded
 * by main.ts only for the command that runs.
 */
import { UsageError } from '../errors.js';
import {
  CALIBRATION_FORMATS,
  CHECK_FORMATS,
  COMPARISON_FORMATS,
  EXPLANATION_FORMATS,
  FLEET_FORMATS,
  OPTIMIZATION_FORMATS,
  PRESET_FORMATS,
  PROJECTION_FORMATS,
  SIMULATION_FORMATS,
  SWEEP_FORMATS,
} from '../formats/choices.js';
import { EXTRA_FIT_PARAMETERS_TEXT, FIT_PARAMETERS_TEXT } from '../calibration/fit-parameters.js';
import { INPUT_FORMATS } from '../calibration/import/formats.js';
import { PRECISIONS } from '../scenario/precision.js';
import { CONFIDENCES } from '../core/budget.js';
import { OPTIMIZE_BASES } from '../core/optimize-bases.js';
import {
  checked,
  command,
  percentileLimits,
  file,
  fileOr,
  files,
  flag,
  maybeFile,
  maybeOneOf,
  number,
  oneOf,
  repeated,
  text,
  type OptionSpec,
} from './spec.js';

/** `-f, --format` with a closed set of formats. */
const format = <const C extends readonly string[]>(choices: C, fallback: C[number]) =>
  oneOf('format', 'output format', choices, fallback, 'f');

/** `-o, --output`: every command writes its file atomically. */
const output = (description: string): OptionSpec<string, false> => ({ ...text('file', description), short: 'o' });

/** The size limit every command that reads files enforces before parsing. */
const maxInputBytes = number(
  'n',
  'refuse input files larger than this (default 512 KiB; measurements files 1 MiB)',
  'positive-integer',
);

/** `--calibration`: simulate, explain and check take their ranges from the user's own rows (overrides a scenario's `calibration:`). */
const calibration = text(
  'path',
  "ranges from your own measurements (a measurements file, benchmark outputs, or a folder), not the project's published rows; overrides the scenario's calibration:",
);

export const simulateSpec = command({
  name: 'simulate',
  description: 'project cost per query for scenario files (no file: the embedded default scenario)',
  args: [files('scenarios', 'scenario YAML files', false)],
  options: {
    format: format(SIMULATION_FORMATS, 'table'),
    output: output('write the result to a file (atomically) instead of stdout'),
    calibration,
    maxInputBytes,
  },
});

export const explainSpec = command({
  name: 'explain',
  description: 'the savings waterfall: baseline → MoE → reasoning mix → compression → hardware, modelled vs naive',
  args: [files('scenarios', 'scenario YAML files (none: the embedded default scenario)', false)],
  options: {
    format: format(EXPLANATION_FORMATS, 'table'),
    output: output('write the result to a file (atomically) instead of stdout'),
    order: text(
      'factors',
      'apply the factors in this order, comma-separated: model, reasoning-mix, compression, hardware, extra:N (the final cost does not change)',
    ),
    calibration,
    maxInputBytes,
  },
});

export const checkSpec = command({
  name: 'check',
  description:
    'check budgets in scenario files, for CI: exit 0 all hold, 1 one is breached, 2 a scenario could not be evaluated',
  args: [files('paths', 'scenario files, directories (their .yaml/.yml files) or glob patterns', true)],
  options: {
    format: format(CHECK_FORMATS, 'table'),
    output: output('write the report to a file (atomically) instead of stdout'),
    maxCostPerQuery: number('usd', "budget: blended cost per query (overrides the scenarios' own)", 'positive'),
    maxCostPerMillionTokens: number('usd', 'budget: cost per 1M tokens, input + output', 'positive'),
    maxMonthlyCost: number('usd', 'budget: monthly cost of the fleet provisioned for the peak', 'positive'),
    maxAccelerators: number('n', 'budget: accelerators in the whole fleet', 'positive-integer'),
    maxTimePerOutputTokenMs: number('ms', 'budget: time per output token', 'positive'),
    maxTtftMs: percentileLimits('budget: time to first token percentiles under load at the peak, e.g. p99=2000'),
    maxTpotMs: percentileLimits('budget: time per output token percentiles under load, e.g. p90=40'),
    maxE2eMs: percentileLimits('budget: end-to-end latency percentiles under load, e.g. p50=8000'),
    failOnMissingBudget: flag('exit 1 when a scenario has no budget to check'),
    confidence: oneOf(
      'end',
      'check the expected figures, or the high end of their 80% range (fail if it breaches: cautious), or the low end (fail only if even it breaches)',
      CONFIDENCES,
      'expected',
    ),
    calibration,
    maxInputBytes,
  },
});

export const compareSpec = command({
  name: 'compare',
  description: 'before/after of two scenarios (or a saved --format json result and a scenario)',
  args: [files('scenarios', 'baseline and candidate scenario files (only the candidate with --baseline-json)', true)],
  options: {
    format: format(COMPARISON_FORMATS, 'table'),
    output: output('write the comparison to a file (atomically) instead of stdout'),
    baselineJson: text('file', 'the baseline: a result saved by `infercost simulate --format json`'),
    failOnIncrease: number('pct', 'exit 1 when cost per query rises more than this many percent', 'non-negative'),
    maxInputBytes,
  },
});

export const sweepSpec = command({
  name: 'sweep',
  description: 'simulate a grid of what-ifs, streamed as CSV (default), JSON Lines or an HTML report',
  args: [maybeFile('scenario', 'scenario YAML file (none: the embedded default scenario)')],
  options: {
    vary: repeated(
      'path=values',
      'a field and its values: a,b,c or start:stop:step or start:stop:xFactor (repeat to form a grid)',
    ),
    format: format(SWEEP_FORMATS, 'csv'),
    output: output('write to a file (atomically; Ctrl-C keeps the rows so far)'),
    threads: number(
      'n',
      'worker threads for CSV and JSON Lines (default: one per core for grids of 32,768 points or more; 1: this thread only); rows stay in grid order',
      'positive-integer',
    ),
    maxInputBytes,
  },
});

export const optimizeSpec = command({
  name: 'optimize',
  description:
    'the cheapest configuration that meets every latency target and budget: accelerator, precision, replica, max batch, disaggregation, speculative decoding',
  args: [
    maybeFile('scenario', 'scenario YAML file (none: the embedded default scenario; no hardware: every priced preset)'),
  ],
  options: {
    hardware: text(
      'ids',
      "accelerators to choose among: preset ids, comma-separated, or 'all' (every preset with a price); default: the scenario's",
    ),
    precision: text(
      'list',
      "weight precisions to try, comma-separated (default: the scenario's if it sets one, else the checkpoint's and narrower ones the chip computes natively)",
    ),
    basis: oneOf(
      'basis',
      'rank by the fleet provisioned for the peak, or by cost at the utilisation target',
      OPTIMIZE_BASES,
      'provisioned',
    ),
    format: format(OPTIMIZATION_FORMATS, 'table'),
    output: output('write the result to a file (atomically) instead of stdout'),
    maxInputBytes,
  },
});

export const fleetSpec = command({
  name: 'fleet',
  description: 'compare ways of serving the same workloads: specialised deployments vs one model with a dial',
  args: [file('file', 'fleet YAML file (workloads and options; see examples/fleet/)')],
  options: {
    format: format(FLEET_FORMATS, 'table'),
    output: output('write the comparison to a file (atomically) instead of stdout'),
    maxInputBytes,
  },
});

export const projectSpec = command({
  name: 'project',
  description: 'cost per query month by month as better hardware and software arrive (a roadmap)',
  args: [maybeFile('scenario', 'scenario YAML file (none: the embedded default scenario)')],
  options: {
    months: number('n', 'how many months to project', 'positive-integer', 18),
    /** YYYY-MM; absent = this month (the only place the clock is read). */
    start: checked('YYYY-MM', 'first month (default: this month)', (v, flagName) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
        throw new UsageError(`${flagName}: expected a month as YYYY-MM (e.g. 2026-11), got "${v}"`);
      return v;
    }),
    roadmap: text('file', 'hardware and software roadmap YAML (default: the embedded NVIDIA roadmap)'),
    /** Leave the scenario's own hardware out of the choice. */
    roadmapOnly: flag("choose only among the roadmap's hardware, not the scenario's own"),
    format: format(PROJECTION_FORMATS, 'table'),
    output: output('write the projection to a file (atomically) instead of stdout'),
    maxInputBytes,
  },
});

export const calibrateSpec = command({
  name: 'calibrate',
  description:
    'predict measured serving throughput (published or your own) and report the error; --fit tunes the efficiency factors to the rows',
  args: [
    files(
      'inputs',
      'measurements YAML files (see README "Accuracy"), benchmark outputs (vLLM, SGLang: JSON, JSON Lines or the printed result) or folders of them; all rows are evaluated (and fitted) together',
      true,
    ),
  ],
  options: {
    format: format(CALIBRATION_FORMATS, 'table'),
    inputFormat: oneOf(
      'format',
      'read benchmark outputs as this format instead of detecting it from their content',
      ['auto', ...INPUT_FORMATS],
      'auto',
    ),
    model: text('preset', 'benchmark outputs: the model preset that served them (or `model:` in a sidecar YAML)'),
    accelerator: text('preset', 'benchmark outputs: the hardware preset they ran on'),
    accelerators: number('n', 'benchmark outputs: how many accelerators served them', 'positive-integer'),
    precision: oneOf(
      'precision',
      'benchmark outputs: the weight precision (default: as measurements rows)',
      ['auto', ...PRECISIONS],
      'auto',
    ),
    output: output('write the report to a file (atomically) instead of stdout'),
    fit: flag('fit the efficiency factors to the rows and print them as a serving.efficiency snippet'),
    fitParams: text(
      'list',
      `with --fit: the parameters to fit, comma-separated (default: all of ${FIT_PARAMETERS_TEXT}, ${EXTRA_FIT_PARAMETERS_TEXT})`,
    ),
    efficiency: text(
      'pairs',
      'evaluate with (or start the fit from) these parameters: compute=0.6,layer_overhead_us=30',
    ),
    failAbove: number('pct', 'exit 1 when the median absolute error is above this many percent', 'non-negative'),
    maxInputBytes,
  },
});

export const PRESETS_GROUP = { name: 'presets', description: 'the hardware and model presets, with their sources' };
export const PRESET_KINDS = ['hardware', 'models'] as const;

export const presetsListSpec = command({
  name: 'list',
  parent: 'presets',
  description: 'list presets (both kinds, or one)',
  args: [maybeOneOf('kind', 'which presets', PRESET_KINDS)],
  options: { format: format(PRESET_FORMATS, 'table') },
});

export const presetsShowSpec = command({
  name: 'show',
  parent: 'presets',
  description: 'every field of one preset, with sources and notes',
  args: [file('id', 'preset id, e.g. h100-sxm or mistral-small-4')],
  options: { format: format(PRESET_FORMATS, 'table') },
});

export const validateSpec = command({
  name: 'validate',
  description: 'check scenario files without computing (exit 0 valid, 2 not)',
  args: [files('scenarios', 'scenario YAML files', true)],
  options: { maxInputBytes },
});

export const initSpec = command({
  name: 'init',
  description: 'write a commented starter scenario',
  args: [fileOr('file', 'where to write it', 'scenario.yaml')],
  options: { force: flag('overwrite the file if it exists') },
});

export const SCHEMA_KINDS = ['scenario', 'fleet', 'roadmap', 'measurements', 'result'] as const;

export const schemaSpec = command({
  name: 'schema',
  description: 'print the JSON Schema of an infercost file (for yaml-language-server and editors)',
  args: [],
  options: {
    kind: oneOf(
      'kind',
      'which file: a scenario, fleet, roadmap, measurements file, or a saved simulate --format json result',
      SCHEMA_KINDS,
      'scenario',
    ),
    output: output('write it to a file (atomically) instead of stdout'),
  },
});
