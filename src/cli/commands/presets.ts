/** `infercost presets list [hardware|models]` and `infercost presets show <id>`. */
import { findPreset, presetsOf } from '../../data/catalog.js';
import { UsageError } from '../../errors.js';
import { formatHardwareTable, formatModelTable, formatPresetDetail } from '../../formats/presets.js';
import { closest } from '../../scenario/suggest.js';
import type { Runner } from '../spec.js';
import { PRESET_KINDS, type presetsListSpec, type presetsShowSpec } from '../specs.js';
import { EXIT_OK } from '../exit-codes.js';

export const presetsListCommand: Runner<typeof presetsListSpec> = ([kind], opts, io) => {
  const kinds = kind === undefined ? PRESET_KINDS : [kind];
  if (opts.format === 'json') {
    const doc = Object.fromEntries(kinds.map((k) => [k, presetsOf(k === 'models' ? 'model' : 'hardware')]));
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT_OK;
  }
  const parts = kinds.map((k) =>
    k === 'models'
      ? `Models\n${formatModelTable(presetsOf('model'))}`
      : `Hardware\n${formatHardwareTable(presetsOf('hardware'))}`,
  );
  io.stdout.write(parts.join('\n'));
  return EXIT_OK;
};

export const presetsShowCommand: Runner<typeof presetsShowSpec> = ([id], opts, io) => {
  const model = findPreset('model', id);
  const hardware = findPreset('hardware', id);
  const found = model ?? hardware;
  if (found === undefined) {
    const all = [...presetsOf('model'), ...presetsOf('hardware')].map((p) => p.id);
    const near = closest(id, all);
    throw new UsageError(
      `no preset "${id}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}; \`infercost presets list\` shows them all`,
    );
  }
  const kind = model ? 'model' : 'hardware';
  io.stdout.write(
    opts.format === 'json' ? `${JSON.stringify({ kind, ...found }, null, 2)}\n` : formatPresetDetail(kind, found),
  );
  return EXIT_OK;
};
