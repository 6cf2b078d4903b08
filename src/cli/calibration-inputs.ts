/**
 * calibrate's inputs → measurement rows: measurements YAML files as they
 * are, and benchmark outputs (calibration/import/) with the deployment the
 * export does not record, from flags or a sidecar YAML. A benchmark output
 * that cannot be read is skipped with its reason (the others still count); a
 * missing model, accelerator or count is an error naming the flag.
 */
import { singleLine } from '../formats/text-safety.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { contextOf, loadSidecar, type ContextSource, type Sidecar } from '../calibration/import/context.js';
import { importRuns } from '../calibration/import/detect.js';
import type { InputFormat } from '../calibration/import/formats.js';
import { measurementOf } from '../calibration/import/run.js';
import { loadMeasurements, MeasurementSchema, type Measurement } from '../calibration/measurements.js';
import { UserError } from '../errors.js';
import { issueMessages } from '../scenario/issues.js';
import { PARSE_OPTIONS } from '../scenario/parse-options.js';
import { expandScenarioArgs } from './expand.js';
import { readTextFile } from './files.js';
import type { Io } from './io.js';

/** A sidecar: `<name>.infercost.yaml` beside one file, or `infercost.yaml` for its folder. */
const SIDECAR = /(^|[\\/])([^\\/]+\.)?infercost\.ya?ml$/i;
const INPUT = /\.(ya?ml|json|jsonl|txt|log)$/i;

export interface InputOptions {
  readonly inputFormat: 'auto' | InputFormat;
  /** What a benchmark output's sidecar does not say: calibrate's flags, or a scenario's own presets. */
  readonly flags: Sidecar;
  readonly maxBytes: number;
  /** Where `flags` came from, for the message when something is still missing (default: flags). */
  readonly contextSource?: ContextSource;
}

function sidecarOf(file: string, cwd: string): string | undefined {
  const dir = path.dirname(file);
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  return [path.join(dir, `${stem}.infercost.yaml`), path.join(dir, 'infercost.yaml')].find((f) =>
    existsSync(path.resolve(cwd, f)),
  );
}

async function importedRows(file: string, text: string, o: InputOptions, io: Io): Promise<Measurement[]> {
  let runs;
  try {
    runs = importRuns(text, file, o.inputFormat === 'auto' ? undefined : o.inputFormat).runs;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.stderr.write(`infercost: warning: skipped ${e.message}\n`);
    return [];
  }
  const sidecarFile = sidecarOf(file, io.cwd);
  const sidecar =
    sidecarFile === undefined
      ? undefined
      : loadSidecar(await readTextFile(sidecarFile, io, o.maxBytes, 'a sidecar file'), sidecarFile);
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  const ctx = contextOf(o.flags, sidecar, file, sidecarFile ?? `${stem}.infercost.yaml`, o.contextSource);
  if (o.contextSource === 'scenario') {
    const assumed = (['model', 'accelerator', 'accelerators', 'precision'] as const).filter(
      (k) => sidecar?.[k] === undefined && ctx[k] !== undefined,
    );
    if (assumed.length > 0)
      io.stderr.write(
        `infercost: note: ${file}: taken as the scenario's ${assumed.map((k) => `${k} ${String(ctx[k])}`).join(', ')} (the output does not record ${assumed.length > 1 ? 'them' : 'it'}); a sidecar ${stem}.infercost.yaml says otherwise\n`,
      );
  }
  return runs.flatMap((run, i) => {
    const id = runs.length === 1 ? file : `${file}#${i + 1}`;
    if (run.completed === 0) {
      io.stderr.write(
        `infercost: warning: skipped ${singleLine(file)}, ${singleLine(run.label)}: no request completed\n`,
      );
      return [];
    }
    // A throughput the output states but no engine can measure: said, not dropped as if it were absent.
    if (run.outputTokensPerS !== null && !(run.outputTokensPerS > 0)) {
      io.stderr.write(
        `infercost: warning: skipped ${singleLine(file)}, ${singleLine(run.label)}: its output token throughput is ${run.outputTokensPerS}: expected a positive number of tokens/s\n`,
      );
      return [];
    }
    const row = MeasurementSchema.safeParse(measurementOf(run, ctx, id, file), PARSE_OPTIONS);
    if (row.success) return [row.data];
    const why = row.error.issues
      .flatMap((x) => issueMessages(x, () => []))
      .map((m) => `${m.path.map(String).join('.')}: ${m.message}`);
    io.stderr.write(`infercost: warning: skipped ${singleLine(file)}, ${singleLine(run.label)}: ${why.join('; ')}\n`);
    return [];
  });
}

/** Every row of every input, in the order given; ids unique across files. */
/**
 * Every row of the measurement files and benchmark outputs `args` name. `where`, when given,
 * receives each row's place ("file:line:column" of a measurements file's row, the file of an
 * imported output), for messages about a row.
 */
export async function readInputs(
  args: readonly string[],
  o: InputOptions,
  io: Io,
  where?: Map<string, string>,
): Promise<Measurement[]> {
  const files = (
    await expandScenarioArgs(args, io.cwd, {
      pattern: INPUT,
      none: 'no measurements (.yaml) or benchmark outputs (.json, .jsonl, .txt) in this directory',
    })
  ).filter((f) => !SIDECAR.test(f));
  const rows: Measurement[] = [];
  const firstFile = new Map<string, string>();
  for (const f of files) {
    const text = await readTextFile(f, io, o.maxBytes, 'a measurements file or benchmark output');
    const loaded = /\.ya?ml$/i.test(f) ? loadMeasurements(text, f, o.maxBytes) : undefined;
    const fileRows = loaded?.rows ?? (await importedRows(f, text, o, io));
    for (const r of fileRows) {
      const other = firstFile.get(r.id);
      if (other !== undefined)
        throw new UserError(`${f}: row id "${r.id}" is also in ${other}: ids must be unique across the files`);
      firstFile.set(r.id, f);
      where?.set(r.id, loaded?.where.get(r.id) ?? f);
      rows.push(r);
    }
  }
  return rows;
}
