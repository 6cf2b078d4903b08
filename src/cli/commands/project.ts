/** `infercost project [scenario]`: cost per query month by month along a hardware roadmap. */
import { UsageError } from '../../errors.js';
import { elementAt } from '../../core/at.js';
import { MAX_PROJECTION_MONTHS, project } from '../../core/project.js';
import { projectionRenderers } from '../../formats/project.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../scenario/text.js';
import { DEFAULT_ROADMAP_NAME, DEFAULT_ROADMAP_YAML, loadRoadmap } from '../../scenario/roadmap-schema.js';
import { EXIT_OK } from '../exit-codes.js';
import { readTextFile, emit } from '../files.js';
import { renderContext } from '../render-context.js';
import { loadScenarios, withLocation } from '../scenarios.js';
import type { Runner } from '../spec.js';
import type { projectSpec } from '../specs.js';

/** This month, UTC, as YYYY-MM. */
function currentMonth(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const projectCommand: Runner<typeof projectSpec> = async ([file], opts, io) => {
  if (opts.months > MAX_PROJECTION_MONTHS)
    throw new UsageError(
      `--months: expected at most ${MAX_PROJECTION_MONTHS} (50 years of months; each is simulated on every chip it offers), got ${opts.months}`,
    );
  const start = opts.start ?? currentMonth();
  // Months are YYYY-MM with a four-digit year: the last month may be 9999-12 at the latest.
  const last = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + opts.months - 1;
  if (last > 9999 * 12 + 11)
    throw new UsageError(
      `--months ${opts.months} from ${start} would run past 9999-12 (months are YYYY-MM with a four-digit year): at most ${9999 * 12 + 11 - (last - opts.months + 1) + 1} months from that start`,
    );
  const maxBytes = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const loaded = elementAt(await loadScenarios(file === undefined ? [] : [file], io, maxBytes), 0);
  const { roadmap } =
    opts.roadmap === undefined
      ? loadRoadmap(DEFAULT_ROADMAP_YAML, DEFAULT_ROADMAP_NAME)
      : loadRoadmap(await readTextFile(opts.roadmap, io, maxBytes, 'a roadmap file'), opts.roadmap, { maxBytes });
  const projection = withLocation(loaded, () =>
    project(loaded.scenario, roadmap, {
      start,
      months: opts.months,
      includeScenarioHardware: opts.roadmapOnly !== true,
    }),
  );
  const text = await projectionRenderers[opts.format](projection, renderContext(opts.output, io));
  await emit(text, opts.output, io);
  for (const m of projection.months)
    if (m.costPerQueryUsd === null)
      io.stderr.write(`infercost: warning: ${m.month}: no hardware on the roadmap can run the scenario\n`);
  return EXIT_OK;
};
