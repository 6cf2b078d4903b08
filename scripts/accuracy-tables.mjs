// Prints the accuracy tables of docs/methodology.md §10 (and the README's summary rows) from the
// current build with the default parameters: run `npm run build && node scripts/accuracy-tables.mjs`
// after a change to the model or its defaults, and paste the sections it prints. Nothing is
// hand-typed, so the tables are what `infercost calibrate` says on the same files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { loadMeasurements } = await import(path.join(ROOT, 'dist/calibration/measurements.js'));
const { calibrate } = await import(path.join(ROOT, 'dist/calibration/evaluate.js'));
const { EfficiencySchema } = await import(path.join(ROOT, 'dist/scenario/schema.js'));

const load = (...names) =>
  names.flatMap((n) => {
    const file = path.join(ROOT, 'test/fixtures/calibration', `${n}.yaml`);
    return loadMeasurements(readFileSync(file, 'utf8'), file, 1 << 22).rows;
  });
const defaults = EfficiencySchema.parse({});
const SETS = {
  public: ['public'],
  concurrency: ['concurrency'],
  'public + concurrency': ['public', 'concurrency'],
  'fit set': ['public', 'concurrency', 'gathered', 'gathered-lowbatch', 'gathered-speculative'],
  'held out': ['holdout', 'holdout-v2'],
  'wide EP held out': ['holdout-v3'],
  'MLPerf v5.1 held out': ['holdout-v4'],
};

const pct = (x, digits = 1) => `${x.toFixed(digits)}%`;
const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
const figure = (x) =>
  x >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toLocaleString('en-US');

const reports = Object.fromEntries(Object.entries(SETS).map(([k, files]) => [k, calibrate(load(...files), defaults)]));

console.log('## summary\n\n| set | rows | median | p90 | mean signed |\n|---|---:|---:|---:|---:|');
for (const [k, r] of Object.entries(reports)) {
  const s = r.summary;
  console.log(
    `| ${k} | ${s.rows_evaluated} | ${pct(s.median_abs_error_pct)} | ${pct(s.p90_abs_error_pct)} | ${signed(s.mean_error_pct)} |`,
  );
}

for (const set of ['fit set', 'held out']) {
  const s = reports[set].summary;
  console.log(`\n## ${set} by group\n\n| group | rows | median | p90 | mean signed |\n|---|---:|---:|---:|---:|`);
  for (const by of ['by_family', 'by_accelerator', 'by_regime', 'by_scenario'])
    for (const [k, g] of Object.entries(s[by]))
      console.log(
        `| ${k} | ${g.rows} | ${pct(g.median_abs_error_pct)} | ${g.rows > 1 ? pct(g.p90_abs_error_pct) : '—'} | ${signed(g.mean_error_pct)} |`,
      );
}

for (const set of ['fit set', 'held out', 'wide EP held out', 'MLPerf v5.1 held out']) {
  const r = reports[set];
  console.log(
    `\n## ${set}, row by row\n\n| row | scenario | replica × batch | measured | predicted | error | bound |\n|---|---|---|---:|---:|---:|---|`,
  );
  for (const row of r.rows)
    console.log(
      `| ${row.id} | ${row.scenario} | ${row.accelerators_per_replica} × ${row.accelerator} × ${row.batch} (${row.batch_limited_by}) | ${figure(row.measured_tokens_per_s)} | ${figure(row.predicted_tokens_per_s)} | ${signed(row.error_pct)} | ${row.bound} |`,
    );
  for (const n of r.not_evaluable) console.log(`| ${n.id} | — | — | — | — | not evaluable | ${n.reason} |`);
}
