/** What a renderer may know of where its text goes (formats/choices.ts RenderContext). */
import type { RenderContext } from '../formats/choices.js';
import { wantsColor, type Io } from './io.js';
import { version } from './version.js';

/** Colour and bars only on a terminal that is the destination (not with --output). */
export function renderContext(output: string | undefined, io: Io): RenderContext {
  const toTerminal = output === undefined;
  return {
    color: toTerminal && wantsColor(io.stdout, io.env),
    bars: toTerminal && io.stdout.isTTY === true,
    generator: `infercost ${version()}`,
  };
}
