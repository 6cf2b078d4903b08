/**
 * The command line: `run(argv, io)` parses flags, runs one command and
 * returns its exit code — 0 ok, 1 a budget was breached, 2 the tool could not
 * run. The only place that maps errors to exit codes, and (in `main`) exits.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { EXTRA_FIT_PARAMETERS_TEXT, FIT_PARAMETERS_TEXT } from '../calibration/fit-parameters.js';
import { UsageError, UserError } from '../errors.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { removeLiveTemporaries } from './files.js';
import { wantsColor, type Io } from './io.js';
import { terminalText } from '../formats/text-safety.js';
import { version } from './version.js';
import { EXPLAIN_FORMATS, FORMATS, SIMULATE_FORMATS, type Format, type SimulateFormat } from './format-choices.js';
import type { CheckOptions } from './commands/check.js';
import type { CompareOptions } from './commands/compare.js';
import type { SweepOptions } from './commands/sweep.js';

/** Formats of `check` (listed here so --help works without loading the command). */
const CHECK_FORMATS = ['table', 'json', 'github', 'junit', 'markdown'] as const;
const COMPARE_FORMATS = ['table', 'json', 'markdown', 'csv', 'html'] as const;

function errorMessage(e: unknown, debug: boolean): string {
  if (e instanceof UserError) return e.message;
  const detail = debug && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `internal error, please report it (github issues) with the command you ran: ${e instanceof Error ? e.message : String(e)}${detail}`;
}

function parsePositiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new UsageError(`${flag}: expected a positive number, got "${value}"`);
    return n;
  };
}

function parseNonNegativeNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new UsageError(`${flag}: expected a number ≥ 0, got "${value}"`);
    return n;
  };
}

function parsePositiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new UsageError(`${flag}: expected a positive whole number, got "${value}"`);
    return n;
  };
}

/** `-f, --format` with a closed set of formats. */
function formatOption(choices: readonly string[], fallback: string): Option {
  return new Option('-f, --format <format>', 'output format').choices(choices).default(fallback);
}

/** `-o, --output`: every command writes its file atomically. */
function outputOption(description = 'write to a file (atomically) instead of stdout'): Option {
  return new Option('-o, --output <file>', description);
}

/** `--max-input-bytes`: the size limit every command that reads files enforces before parsing. */
function maxInputBytesOption(): Option {
  return new Option(
    '--max-input-bytes <n>',
    'refuse input files larger than this (default 512 KiB; measurements files 1 MiB)',
  ).argParser(parsePositiveInt('--max-input-bytes'));
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
    .addOption(formatOption(SIMULATE_FORMATS, 'table'))
    .addOption(outputOption('write the result to a file (atomically) instead of stdout'))
    .addOption(maxInputBytesOption())
    .action(async (files: string[], opts: { format: SimulateFormat; output?: string; maxInputBytes?: number }) => {
      const { simulateCommand } = await import('./commands/simulate.js');
      setCode(await simulateCommand(files, opts, io));
    });

  program
    .command('explain')
    .description('the savings waterfall: baseline → MoE → reasoning mix → compression → hardware, modelled vs naive')
    .argument('[scenarios...]', 'scenario YAML files (none: the embedded default scenario)')
    .addOption(formatOption(EXPLAIN_FORMATS, 'table'))
    .addOption(outputOption('write the result to a file (atomically) instead of stdout'))
    .option(
      '--order <factors>',
      'apply the factors in this order, comma-separated: model, reasoning-mix, compression, hardware, extra:N (the final cost does not change)',
    )
    .addOption(maxInputBytesOption())
    .action(
      async (files: string[], opts: { format: Format; output?: string; order?: string; maxInputBytes?: number }) => {
        const { explainCommand } = await import('./commands/explain.js');
        setCode(await explainCommand(files, opts, io));
      },
    );

  program
    .command('check')
    .description(
      'check budgets in scenario files, for CI: exit 0 all hold, 1 one is breached, 2 a scenario could not be evaluated',
    )
    .argument('<paths...>', 'scenario files, directories (their .yaml/.yml files) or glob patterns')
    .addOption(formatOption(CHECK_FORMATS, 'table'))
    .addOption(outputOption('write the report to a file (atomically) instead of stdout'))
    .option(
      '--max-cost-per-query <usd>',
      "budget: blended cost per query (overrides the scenarios' own)",
      parsePositiveNumber('--max-cost-per-query'),
    )
    .option(
      '--max-cost-per-million-tokens <usd>',
      'budget: cost per 1M tokens, input + output',
      parsePositiveNumber('--max-cost-per-million-tokens'),
    )
    .option(
      '--max-monthly-cost <usd>',
      'budget: monthly cost of the fleet provisioned for the peak',
      parsePositiveNumber('--max-monthly-cost'),
    )
    .option('--max-accelerators <n>', 'budget: accelerators in the whole fleet', parsePositiveInt('--max-accelerators'))
    .option(
      '--max-time-per-output-token-ms <ms>',
      'budget: time per output token',
      parsePositiveNumber('--max-time-per-output-token-ms'),
    )
    .option('--fail-on-missing-budget', 'exit 1 when a scenario has no budget to check')
    .addOption(maxInputBytesOption())
    .action(async (paths: string[], opts: CheckOptions) => {
      const { checkCommand } = await import('./commands/check.js');
      setCode(await checkCommand(paths, opts, io));
    });

  program
    .command('compare')
    .description('before/after of two scenarios (or a saved --format json result and a scenario)')
    .argument('<scenarios...>', 'baseline and candidate scenario files (only the candidate with --baseline-json)')
    .addOption(formatOption(COMPARE_FORMATS, 'table'))
    .addOption(outputOption('write the comparison to a file (atomically) instead of stdout'))
    .option('--baseline-json <file>', 'the baseline: a result saved by `infercost simulate --format json`')
    .option(
      '--fail-on-increase <pct>',
      'exit 1 when cost per query rises more than this many percent',
      parseNonNegativeNumber('--fail-on-increase'),
    )
    .addOption(maxInputBytesOption())
    .action(async (files: string[], opts: CompareOptions) => {
      const { compareCommand } = await import('./commands/compare.js');
      setCode(await compareCommand(files, opts, io));
    });

  program
    .command('sweep')
    .description('simulate a grid of what-ifs, streamed as CSV (default), JSON Lines or an HTML report')
    .argument('[scenario]', 'scenario YAML file (none: the embedded default scenario)')
    .requiredOption(
      '--vary <path=values>',
      'a field and its values: a,b,c or start:stop:step or start:stop:xFactor (repeat to form a grid)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(formatOption(['csv', 'jsonl', 'html'], 'csv'))
    .addOption(outputOption('write to a file (atomically; Ctrl-C keeps the rows so far)'))
    .addOption(maxInputBytesOption())
    .action(async (file: string | undefined, opts: SweepOptions) => {
      const { sweepCommand } = await import('./commands/sweep.js');
      setCode(await sweepCommand(file, opts, io));
    });

  program
    .command('fleet')
    .description('compare ways of serving the same workloads: specialised deployments vs one model with a dial')
    .argument('<file>', 'fleet YAML file (workloads and options; see examples/fleet/)')
    .addOption(formatOption(['table', 'json', 'csv'], 'table'))
    .addOption(outputOption('write the comparison to a file (atomically) instead of stdout'))
    .addOption(maxInputBytesOption())
    .action(
      async (file: string, opts: { format: 'table' | 'json' | 'csv'; output?: string; maxInputBytes?: number }) => {
        const { fleetCommand } = await import('./commands/fleet.js');
        setCode(await fleetCommand(file, opts, io));
      },
    );

  program
    .command('project')
    .description('cost per query month by month as better hardware and software arrive (a roadmap)')
    .argument('[scenario]', 'scenario YAML file (none: the embedded default scenario)')
    .option('--months <n>', 'how many months to project', parsePositiveInt('--months'), 18)
    .option('--start <YYYY-MM>', 'first month (default: this month)', (v: string) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
        throw new UsageError(`--start: expected a month as YYYY-MM (e.g. 2026-11), got "${v}"`);
      return v;
    })
    .option('--roadmap <file>', 'hardware and software roadmap YAML (default: the embedded NVIDIA roadmap)')
    .option('--roadmap-only', "choose only among the roadmap's hardware, not the scenario's own")
    .addOption(formatOption(['table', 'json', 'csv'], 'table'))
    .addOption(outputOption('write the projection to a file (atomically) instead of stdout'))
    .addOption(maxInputBytesOption())
    .action(
      async (
        file: string | undefined,
        opts: {
          format: 'table' | 'json' | 'csv';
          output?: string;
          months: number;
          start?: string;
          roadmap?: string;
          roadmapOnly?: boolean;
          maxInputBytes?: number;
        },
      ) => {
        const { projectCommand } = await import('./commands/project.js');
        setCode(await projectCommand(file, opts, io));
      },
    );

  program
    .command('calibrate')
    .description(
      'predict measured serving throughput (published or your own) and report the error; --fit tunes the efficiency factors to the rows',
    )
    .argument(
      '<measurements...>',
      'measurements YAML files (see README "Accuracy"); rows of all files are evaluated (and fitted) together',
    )
    .addOption(formatOption(['table', 'json', 'csv'], 'table'))
    .addOption(outputOption('write the report to a file (atomically) instead of stdout'))
    .option('--fit', 'fit the efficiency factors to the rows and print them as a serving.efficiency snippet')
    .option(
      '--fit-params <list>',
      `with --fit: the parameters to fit, comma-separated (default ${FIT_PARAMETERS_TEXT}; also ${EXTRA_FIT_PARAMETERS_TEXT})`,
    )
    .option(
      '--efficiency <pairs>',
      'evaluate with (or start the fit from) these parameters: compute=0.6,layer_overhead_us=30',
    )
    .option(
      '--fail-above <pct>',
      'exit 1 when the median absolute error is above this many percent',
      parseNonNegativeNumber('--fail-above'),
    )
    .addOption(maxInputBytesOption())
    .action(async (files: string[], opts: import('./commands/calibrate.js').CalibrateOptions) => {
      const { calibrateCommand } = await import('./commands/calibrate.js');
      setCode(await calibrateCommand(files, opts, io));
    });

  const presets = program.command('presets').description('the hardware and model presets, with their sources');
  presets
    .command('list')
    .description('list presets (both kinds, or one)')
    .addArgument(new Argument('[kind]', 'which presets').choices(['hardware', 'models']))
    .addOption(formatOption(FORMATS, 'table'))
    .action(async (kind: 'hardware' | 'models' | undefined, opts: { format: Format }) => {
      const { presetsListCommand } = await import('./commands/presets.js');
      setCode(presetsListCommand(kind, opts, io));
    });
  presets
    .command('show')
    .description('every field of one preset, with sources and notes')
    .argument('<id>', 'preset id, e.g. h100-sxm or mistral-small-4')
    .addOption(formatOption(FORMATS, 'table'))
    .action(async (id: string, opts: { format: Format }) => {
      const { presetsShowCommand } = await import('./commands/presets.js');
      setCode(presetsShowCommand(id, opts, io));
    });

  program
    .command('validate')
    .description('check scenario files without computing (exit 0 valid, 2 not)')
    .argument('<scenarios...>', 'scenario YAML files')
    .addOption(maxInputBytesOption())
    .action(async (files: string[], opts: { maxInputBytes?: number }) => {
      const { validateCommand } = await import('./commands/validate.js');
      setCode(await validateCommand(files, opts, io));
    });

  program
    .command('init')
    .description('write a commented starter scenario')
    .argument('[file]', 'where to write it', 'scenario.yaml')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      setCode(await initCommand(file, opts, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of a scenario file (for yaml-language-server and editors)')
    .addOption(outputOption('write it to a file (atomically) instead of stdout'))
    .action(async (opts: { output?: string }) => {
      const { schemaCommand } = await import('./commands/schema.js');
      setCode(await schemaCommand(opts, io));
    });

  return program;
}

export async function run(argv: readonly string[], given: Io): Promise<number> {
  // Every byte to a terminal passes the text sanitiser (formats/text-safety.ts): hostile names,
  // keys and ids cannot clear the screen, set a title or hide text. Colour codes pass where
  // the stream gets colour. The inputs this run reads (real paths): no --output may replace one.
  const guard = (out: Io['stdout']): Io['stdout'] => {
    const keepSgr = wantsColor(out, given.env);
    return {
      write: (s: string) => out.write(terminalText(s, keepSgr)),
      ...(out.isTTY === undefined ? {} : { isTTY: out.isTTY }),
      ...(out.once === undefined ? {} : { once: out.once.bind(out) }),
    };
  };
  const io: Io = {
    ...given,
    stdout: guard(given.stdout),
    stderr: guard(given.stderr),
    inputs: new Map<string, string>(),
  };
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
  // Ctrl-C: a command that listens (sweep) stops cleanly and keeps what it wrote; any other
  // stops at once, exit 2 (it could not finish). Only the top level exits.
  const interrupt = new AbortController();
  const signal = interrupt.signal;
  let listeners = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  };
  signal.removeEventListener = (...args: Parameters<typeof remove>) => {
    listeners--;
    remove(...args);
  };
  // SIGTERM and SIGHUP (a closed terminal, a CI job cancelled) are handled like Ctrl-C.
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(name, () => {
      if (listeners > 0) return interrupt.abort();
      removeLiveTemporaries();
      process.stderr.write(`infercost: interrupted (${name})\n`);
      process.exit(EXIT_ERROR);
    });
  // A reader that goes away (`| head`) is not an error: stop writing, keep the exit code.
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  const stdout = {
    write: (s: string) => (stdoutClosed ? true : process.stdout.write(s)),
    isTTY: process.stdout.isTTY,
    once: (event: 'drain', listener: () => void) => (stdoutClosed ? listener() : process.stdout.once(event, listener)),
  };
  run(process.argv.slice(2), {
    stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`infercost: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
