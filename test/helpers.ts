import { run } from '../src/cli/main.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/schema.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process, as `infercost <argv>` would, capturing its output. */
export async function runCli(
  argv: readonly string[],
  opts: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A scenario from YAML text, validated, defaults applied. */
export function scenarioFrom(yaml: string): Scenario {
  return loadScenario(yaml, 'test.yaml').scenario;
}
