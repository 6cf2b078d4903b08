/** `infercost presets list [hardware|models]` and `infercost presets show <id>`. */
import { findPreset, presetsOf } from '../../data/catalog.js';
import { UsageError } from '../../errors.js';
import { presetListRenderers, presetRenderers } from '../../formats/presets.js';
import { closest } from '../../scenario/suggest.js';
import { EXIT_OK } from '../exit-codes.js';
import { renderContext } from '../render-context.js';
import type { Runner } from '../spec.js';
import { PRESET_KINDS, type presetsListSpec, type presetsShowSpec } from '../specs.js';

export const presetsListCommand: Runner<typeof presetsListSpec> = async ([kind], opts, io) => {
  const order = kind === undefined ? PRESET_KINDS : [kind];
  const list = {
    order,
    ...(order.includes('hardware') ? { hardware: presetsOf('hardware') } : {}),
    ...(order.includes('models') ? { models: presetsOf('model') } : {}),
  };
  io.stdout.write(await presetListRenderers[opts.format](list, renderContext(undefined, io)));
  return EXIT_OK;
};

export const presetsShowCommand: Runner<typeof presetsShowSpec> = async ([id], opts, io) => {
  const model = findPreset('model', id);
  const found = model ?? findPreset('hardware', id);
  if (found === undefined) {
    const all = [...presetsOf('model'), ...presetsOf('hardware')].map((p) => p.id);
    const near = closest(id, all);
    throw new UsageError(
      `no preset "${id}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}; \`infercost presets list\` shows them all`,
    );
  }
  const entry = { kind: model ? ('model' as const) : ('hardware' as const), preset: found };
  io.stdout.write(await presetRenderers[opts.format](entry, renderContext(undefined, io)));
  return EXIT_OK;
};
