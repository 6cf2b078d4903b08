/** `infercost sweep <scenario> --vary path=values ...`: a grid of what-ifs, streamed as CSV or JSON Lines. */
import {
  gridSize,
  mergeTally,
  sweep,
  sweepExtras,
  tallyRow,
  type SweepRow,
  type SweepTally,
} from '../../core/sweep.js';
import type { SweepJob } from '../sweep-worker.js';
import { sweepInWorkers, threadsFor } from '../sweep-threads.js';
import { sweepWriters } from '../../formats/sweep.js';
import { RowBytes } from '../../formats/row-bytes.js';
import { UsageError } from '../../errors.js';
import { formatNumber, formatUsd } from '../../formats/numbers.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { MAX_GRID_POINTS, parseAxis } from '../../scenario/vary.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { emit, isStandardOutput } from '../files.js';
import { fileSink, stdoutSink, type Sink } from '../sink.js';
import type { SweepPoint } from '../../formats/html/reports.js';
import { version } from '../version.js';
import { loadScenarios } from '../scenarios.js';
import type { Runner } from '../spec.js';
import type { sweepSpec } from '../specs.js';

/** Row bytes written to the output at a time on one thread (the sinks' chunk size). */
const ROWS_CHUNK_BYTES = 1 << 16;

/** Axes that move the provisioned cost per query but not the cost at the utilisation target. */
const PROVISIONED_PATHS = /^(traffic\.requests_per_day|traffic\.peak_to_average|serving\.min_replicas)$/;

/** A one-line progress bar for a terminal: redrawn in place with \r. */
function progressBar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / total) * width);
  return `\r[${'█'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`;
}

export const sweepCommand: Runner<typeof sweepSpec> = async ([file], opts, io) => {
  if (opts.vary.length === 0)
    throw new UsageError('sweep needs at least one --vary path=values, e.g. --vary reasoning.compression=0:0.6:0.1');
  const [loaded] = await loadScenarios(
    file === undefined ? [] : [file],
    io,
    opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
  );
  if (loaded === undefined) return EXIT_ERROR;
  const axes = opts.vary.map((v) => parseAxis(v, loaded.raw));
  const paths = axes.map((a) => a.path);
  if (new Set(paths).size !== paths.length) throw new UsageError(`--vary: each path once, got ${paths.join(', ')}`);
  const total = gridSize(axes);
  if (total > MAX_GRID_POINTS) throw new UsageError(`the grid has ${total} points, more than ${MAX_GRID_POINTS}`);

  const started = Date.now();
  const progress = io.stderr.isTTY === true && !io.env.CI;
  // Rows are streamed as CSV or JSON Lines; for HTML they are kept for the charts and no row text is rendered.
  const writer = sweepWriters[opts.format];
  const extras = sweepExtras(loaded.scenario, axes);
  const rowsOut = writer.kind === 'rows' ? writer.start(axes, extras) : undefined;
  const keep = rowsOut === undefined ? ([] as SweepPoint[]) : undefined;
  // Varying traffic or the replica floor leaves the cost at the target flat: the provisioned cost is what moves.
  const provisionedMoves = paths.some((p) => PROVISIONED_PATHS.test(p));
  const toStdout = rowsOut !== undefined && isStandardOutput(opts.output);
  const sink: Sink =
    rowsOut === undefined
      ? stdoutSink({ write: () => undefined })
      : isStandardOutput(opts.output)
        ? stdoutSink(io.stdout)
        : await fileSink(opts.output, io);
  if (rowsOut !== undefined && rowsOut.header !== '') await sink.write(rowsOut.header);

  const tally: SweepTally = { rows: 0 };
  let interrupted = false;
  const onAbort = () => (interrupted = true);
  io.signal?.addEventListener('abort', onAbort);
  // A reader of standard output that went away (`| head`) reads no more rows: stop, as `yes | head` does.
  let readerGone = false;
  const stopped = () => {
    if (io.signal?.aborted) interrupted = true;
    if (toStdout && io.stdout.gone?.() === true) readerGone = true;
    return interrupted || readerGone;
  };
  const threads = rowsOut === undefined ? 1 : threadsFor(opts.threads, total);
  try {
    if (threads > 1 && rowsOut !== undefined) {
      const job: SweepJob = {
        base: loaded.scenario,
        axes: axes.map((a) => ({ path: a.path, values: a.values, section: a.section, settings: a.settings })),
        extras,
        format: opts.format === 'jsonl' ? 'jsonl' : 'csv',
      };
      await sweepInWorkers(job, total, threads, stopped, async (block) => {
        await sink.writeBytes(block.bytes);
        mergeTally(tally, block.tally);
        if (progress) io.stderr.write(progressBar(tally.rows, total));
      });
    } else {
      const out = new RowBytes(ROWS_CHUNK_BYTES);
      for (const row of sweep(loaded.scenario, axes)) {
        if (stopped()) break;
        if (rowsOut !== undefined) {
          rowsOut.row(row, out);
          if (out.length >= ROWS_CHUNK_BYTES) await sink.writeBytes(out.take());
        } else
          keep?.push({
            at: row.at,
            costPerQueryUsd: row.metrics?.costPerQueryUsd ?? null,
            provisionedCostPerQueryUsd: row.metrics?.provisionedCostPerQueryUsd ?? null,
          });
        tallyRow(tally, row);
        if (tally.rows % 8192 === 0) {
          if (progress) io.stderr.write(progressBar(tally.rows, total));
          await new Promise((resolve) => setImmediate(resolve)); // let a Ctrl-C through
        }
      }
      // The rows so far, a stop's included.
      if (out.length > 0) await sink.writeBytes(out.take());
    }
  } catch (e) {
    await sink.discard();
    throw e;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
  }
  const { rows, cheapest, dearest, cheapestProvisioned, dearestProvisioned } = tally;
  if (progress) io.stderr.write(`${progressBar(rows, total)}\n`);
  await sink.close();
  // Rows on standard output that did not arrive (a full disk behind `>`): the failure was said as it
  // happened; no summary of a sweep that did not reach its reader.
  if (isStandardOutput(opts.output) && io.stdout.flushed !== undefined && !(await io.stdout.flushed()))
    return EXIT_ERROR;
  if (keep !== undefined && writer.kind === 'document') {
    const html = await writer.render(
      axes,
      keep,
      `infercost ${version()}`,
      `${loaded.scenario.name}: ${rows} points over ${paths.join(' × ')}`,
      provisionedMoves,
    );
    await emit(html, opts.output, io);
  }

  const point = (r: SweepRow | undefined) =>
    r?.metrics == null
      ? 'none'
      : `${formatUsd(r.metrics.costPerQueryUsd)} at ${axes.map((a, i) => `${a.path}=${String(a.values[r.at[i] as number])}`).join(', ')}`;
  const provisionedPoint = (r: SweepRow | undefined) =>
    r?.metrics?.provisionedCostPerQueryUsd == null
      ? 'none'
      : `${formatUsd(r.metrics.provisionedCostPerQueryUsd)} at ${axes.map((a) => `${a.path}=${String(a.values[r.at[axes.indexOf(a)] as number])}`).join(', ')}`;
  io.stderr.write(
    `infercost: sweep ${interrupted ? `interrupted after ${rows} of ${total}` : readerGone ? `stopped by the reader closing the pipe after ${rows} of ${total}` : `${rows}`} row${rows === 1 ? '' : 's'} in ${formatNumber((Date.now() - started) / 1000, 3)} s${threads > 1 ? ` on ${threads} threads` : ''}; cheapest ${point(cheapest)}; dearest ${point(dearest)}` +
      (provisionedMoves
        ? `; as provisioned for the peak (the figure that moves with traffic and minimum replicas): cheapest ${provisionedPoint(cheapestProvisioned)}, dearest ${provisionedPoint(dearestProvisioned)}`
        : '') +
      '\n',
  );
  if (interrupted) {
    io.stderr.write(
      `infercost: ${opts.output === undefined ? 'stopped' : `${opts.output} holds the ${rows} rows written so far`}\n`,
    );
    return EXIT_ERROR;
  }
  if (rows > 0 && cheapest === undefined) {
    io.stderr.write('infercost: no point of the grid could be computed (see the error column)\n');
    return EXIT_ERROR;
  }
  return EXIT_OK;
};
