/**
 * A sweep worker (worker_threads): given the validated base scenario and the
 * axes as plain data, it simulates blocks of the grid and returns each block's
 * rows as text with its tally. It loads the calculator and the row writers,
 * not the YAML parser or zod (the main thread validated everything).
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
  readonly text: string;
  readonly tally: SweepTally;
}

let state: { base: Scenario; axes: SweepAxis[]; row: (r: SweepRow) => string } | undefined;

parentPort?.on('message', (m: ToWorker) => {
  if (m.kind === 'job') {
    const axes = m.job.axes.map((a) => ({ path: a.path, values: a.values, patches: patchesOf(a.section, a.settings) }));
    const writer = sweepWriters[m.job.format];
    if (writer.kind !== 'rows') throw new Error(`sweep worker: ${m.job.format} is not a row format`);
    const rows = writer.start(axes, m.job.extras);
    state = { base: m.job.base, axes, row: (r) => rows.row(r) };
    return;
  }
  if (state === undefined) throw new Error('sweep worker: a block before the job');
  const tally: SweepTally = { rows: 0 };
  const lines: string[] = [];
  for (const row of sweepRange(state.base, state.axes, m.from, m.to)) {
    lines.push(state.row(row));
    tallyRow(tally, row);
  }
  const done: BlockDone = { id: m.id, text: lines.join(''), tally };
  parentPort?.postMessage(done);
});
