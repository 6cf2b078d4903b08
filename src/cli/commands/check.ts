/** `infercost check [files|dirs|globs...]`: budget gates for CI. */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { checkScenario, exitCodeOf, reportOf } from '../../core/check.js';
import type { BudgetMetric } from '../../core/result.js';
import type { ErrorRow } from '../../data/types.js';
import { InfeasibleError, InputError, UserError } from '../../errors.js';
import {
  checkRenderers,
  formatCheckMarkdown,
  type LocatedCheck,
  type LocatedReport,
  type Place,
} from '../../formats/check.js';
import { PERCENTILE_BUDGETS, PERCENTILES } from '../../scenario/percentiles.js';
import type { Budget } from '../../scenario/schema.js';
import type { LoadedScenario } from '../../scenario/loaded.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { expandScenarioArgs } from '../expand.js';
import { emit, readTextFile, refuseOutputOverInputs } from '../files.js';
import type { Io } from '../io.js';
import { renderContext } from '../render-context.js';
import { loadScenarioText, locatedInfeasible } from '../scenarios.js';
import { ownRowsReader, type OwnRows } from '../own-calibration.js';
import type { OptionsOf, Runner } from '../spec.js';
import type { checkSpec } from '../specs.js';

type CheckOptions = OptionsOf<typeof checkSpec>;

const METRICS: readonly BudgetMetric[] = [
  'max_cost_per_query_usd',
  'max_cost_per_million_tokens_usd',
  'max_monthly_cost_usd',
  'max_accelerators',
  'max_time_per_output_token_ms',
  ...PERCENTILE_BUDGETS.flatMap((k) => PERCENTILES.map((p) => `${k}.${p}` as const)),
];

function overridesOf(o: CheckOptions): Budget {
  const entries: [keyof Budget, Budget[keyof Budget]][] = [
    ['max_cost_per_query_usd', o.maxCostPerQuery],
    ['max_cost_per_million_tokens_usd', o.maxCostPerMillionTokens],
    ['max_monthly_cost_usd', o.maxMonthlyCost],
    ['max_accelerators', o.maxAccelerators],
    ['max_time_per_output_token_ms', o.maxTimePerOutputTokenMs],
    ['max_ttft_ms', o.maxTtftMs],
    ['max_tpot_ms', o.maxTpotMs],
    ['max_e2e_ms', o.maxE2eMs],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

/** Budget lines' places in the file, for annotations that point at them. */
function placesOf(l: LoadedScenario): LocatedCheck['places'] {
  const places: Record<string, Place> = {};
  const budget = l.positionOf('budget');
  if (budget) places.budget = budget;
  for (const m of METRICS) {
    const p = l.positionOf(`budget.${m}`);
    if (p && (p.line !== budget?.line || p.column !== budget?.column)) places[m] = p;
  }
  return places;
}

function errorRow(file: string, e: UserError, place: Place | undefined): LocatedCheck {
  return {
    file,
    name: null,
    status: 'error',
    checks: [],
    costPerQueryUsd: null,
    error: e.message,
    places: place ? { error: place } : {},
  };
}

async function checkFile(
  file: string,
  maxBytes: number,
  opts: CheckOptions,
  overrides: Budget,
  ownRows: OwnRows,
  io: Io,
): Promise<LocatedCheck> {
  let loaded: LoadedScenario;
  try {
    loaded = await loadScenarioText(await readTextFile(file, io, maxBytes, 'a scenario file'), file, maxBytes);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const first = e instanceof InputError ? e.problems.find((p) => p.line !== undefined) : undefined;
    return errorRow(file, e, first?.line === undefined ? undefined : { line: first.line, column: first.column ?? 1 });
  }
  let own: readonly ErrorRow[] | undefined;
  try {
    own = await ownRows(loaded);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return errorRow(file, e, loaded.positionOf('calibration'));
  }
  try {
    const checked = checkScenario(file, loaded.scenario, overrides, opts.confidence, own);
    // Places are for the github format's annotations of a breach or a missing budget
    // (formats/check.ts); finding them builds the file's YAML document, not otherwise needed.
    const annotated =
      opts.format === 'github' && (checked.status === 'no-budget' || checked.checks.some((c) => !c.pass));
    return { ...checked, places: annotated ? placesOf(loaded) : {} };
  } catch (e) {
    if (!(e instanceof InfeasibleError)) throw e;
    const place = e.path === undefined ? undefined : loaded.positionOf(e.path);
    return errorRow(file, locatedInfeasible(e, file, loaded.positionOf), place);
  }
}

export const checkCommand: Runner<typeof checkSpec> = async ([args], opts, io) => {
  const files = await expandScenarioArgs(args, io.cwd);
  await refuseOutputOverInputs(opts.output, files, io);
  const overrides = overridesOf(opts);
  const rows: LocatedCheck[] = [];
  const ownRows = ownRowsReader(opts.calibration, io);
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  for (const file of files) {
    const row = await checkFile(file, maxBytes, opts, overrides, ownRows, io);
    if (row.error !== undefined) io.stderr.write(`infercost: ${row.error}\n`);
    rows.push(row);
  }
  const report: LocatedReport = reportOf(rows);
  const text = await checkRenderers[opts.format](report, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (opts.format === 'github' && summaryFile) {
    // The step summary is GitHub's append-only file: add to it, never rewrite it. If it cannot be
    // written, say so, but let the checks' own exit code stand: a breach must still fail the job.
    try {
      await appendFile(path.resolve(io.cwd, summaryFile), formatCheckMarkdown(report), 'utf8');
    } catch (e) {
      io.stderr.write(
        `infercost: warning: GITHUB_STEP_SUMMARY ${summaryFile}: cannot append the summary: ${(e as Error).message}\n`,
      );
    }
  }
  return exitCodeOf(report, opts.failOnMissingBudget);
};
