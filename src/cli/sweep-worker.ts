/**
 * A sweep worker (worker_threads): given the validated base scenario and the
 * axes as plain data, it simulates blocks of the grid and returns each block's
 * rows as UTF-8 bytes with its tally. It loads the calculator and the row
 * writers, not the YAML parser or zod (the main thread validated everything).
 */
import { parentPort } from 'node:worker_threads';
import {
  sweepRange,
  tallyRow,
  type SweepAxis,
  type SweepExtras,
  type SweepRow,
  type SweepTally,
} from '../core/sweep.js';
import { sweepWriters } from '../formats/sweep.js';
import { RowBytes } from '../formats/row-bytes.js';
import type { Scenario } from '../scenario/schema.js';
import { patchesOf } from '../scenario/set-in.js';
import type { Axis } from '../scenario/vary.js';

/** What the main thread sends once. */
export interface SweepJob {
  readonly base: Scenario;
  /** Each axis as plain data: its patches are rebuilt here from where they set what. */
  readonly axes: readonly Pick<Axis, 'path' | 'values' | 'section' | 'settings'>[];
  readonly extras: SweepExtras;
  readonly format: 'csv' | 'jsonl';
}

export type ToWorker =
  | { readonly kind: 'job'; readonly job: SweepJob }
  | { readonly kind: 'block'; readonly id: number; readonly from: number; readonly to: number };

export interface BlockDone {
  readonly id: number;
  /**
   * The block's rows, UTF-8, already through terminalText (formats/sweep.ts):
   * a transferred buffer, not a string the main thread copies.
   */
  readonly bytes: Uint8Array;
  readonly tally: SweepTally;
}

/** Room for a row at first guess, bytes (a CSV row of the default columns is about 200). */
const ROW_BYTES_GUESS = 256;

let state: { base: Scenario; axes: SweepAxis[]; row: (r: SweepRow, out: RowBytes) => void } | undefined;

parentPort?.on('message', (m: ToWorker) => {
  if (m.kind === 'job') {
    const axes = m.job.axes.map((a) => ({ path: a.path, values: a.values, patches: patchesOf(a.section, a.settings) }));
    const writer = sweepWriters[m.job.format];
    if (writer.kind !== 'rows') throw new Error(`sweep worker: ${m.job.format} is not a row format`);
    const rows = writer.start(axes, m.job.extras);
    state = { base: m.job.base, axes, row: (r, out) => rows.row(r, out) };
    return;
  }
  if (state === undefined) throw new Error('sweep worker: a block before the job');
  const tally: SweepTally = { rows: 0 };
  const out = new RowBytes((m.to - m.from) * ROW_BYTES_GUESS);
  for (const row of sweepRange(state.base, state.axes, m.from, m.to)) {
    state.row(row, out);
    tallyRow(tally, row);
  }
  const bytes = out.take();
  const done: BlockDone = { id: m.id, bytes, tally };
  parentPort?.postMessage(done, [bytes.buffer]);
});
