/**
 * The command line: `run(argv, io)` parses flags, runs one command and
 * returns its exit code — 0 ok, 1 a budget was breached, 2 the tool could not
 * run. The only place that maps errors to exit codes, and (in `main`) exits.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UsageError, UserError } from '../errors.js';
import type { Io } from './io.js';

export const EXIT_OK = 0;
export const EXIT_BUDGET = 1;
export const EXIT_ERROR = 2;

export const FORMATS = ['table', 'json'] as const;
export type Format = (typeof FORMATS)[number];

let cachedVersion: string | undefined;
export function version(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}

function errorMessage(e: unknown, debug: boolean): string {
  if (e instanceof UserError) return e.message;
  const detail = debug && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `internal error, please report it (github issues) with the command you ran: ${e instanceof Error ? e.message : String(e)}${detail}`;
}

function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag}: expected a positive whole number, got "${value}"`);
    return n;
  };
}

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command('infercost')
    .description('What will this LLM deployment cost per query, and why?')
    .version(version(), '-V, --version')
    .option('--debug', 'show stack traces for internal errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`infercost: ${s.replace(/^error: /, '')}`),
    });

  program
    .command('simulate')
    .description('project cost per query for scenario files (no file: the embedded default scenario)')
    .argument('[scenarios...]', 'scenario YAML files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-o, --output <file>', 'write the result to a file (atomically) instead of stdout')
    .option('--max-input-bytes <n>', 'refuse scenario files larger than this', parsePositiveInt('--max-input-bytes'))
    .action(async (files: string[], opts: { format: Format; output?: string; maxInputBytes?: number }) => {
      const { simulateCommand } = await import('./commands/simulate.js');
      setCode(await simulateCommand(files, opts, io));
    });

  return program;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    io.stderr.write(`infercost: ${errorMessage(e, debug)}\n`);
    return EXIT_ERROR;
  }
}

/** Entry point for bin/infercost. */
export function main(): void {
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`infercost: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
