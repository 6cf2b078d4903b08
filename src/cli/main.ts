/**
 * The command line: `run(argv, io)` parses flags, runs one command and
 * returns its exit code — 0 ok, 1 a budget was breached, 2 the tool could not
 * run. The only place that maps errors to exit codes, and (in `main`) exits.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors.js';
import { EXIT_ERROR, EXIT_OK } from './exit-codes.js';
import { removeLiveTemporaries } from './temporaries.js';
import { wantsColor, type Io } from './io.js';
import { terminalText } from '../formats/text-safety.js';
import { version } from './version.js';
import { flagName, flagsOf, type CommandSpec, type OptionsOf, type Runner } from './spec.js';
import * as specs from './specs.js';

/** A spec and the lazy loader of its implementation (typed by the spec: a mismatch does not compile). */
interface Entry {
  readonly spec: CommandSpec;
  readonly load: () => Promise<Runner<CommandSpec>>;
}
const entry = <S extends CommandSpec>(spec: S, load: () => Promise<Runner<S>>): Entry => ({
  spec,
  load: load as unknown as Entry['load'],
});

/** Every command, in the order `--help` lists them; an implementation is loaded only when its command runs. */
const COMMANDS: readonly Entry[] = [
  entry(specs.simulateSpec, async () => (await import('./commands/simulate.js')).simulateCommand),
  entry(specs.explainSpec, async () => (await import('./commands/explain.js')).explainCommand),
  entry(specs.checkSpec, async () => (await import('./commands/check.js')).checkCommand),
  entry(specs.compareSpec, async () => (await import('./commands/compare.js')).compareCommand),
  entry(specs.sweepSpec, async () => (await import('./commands/sweep.js')).sweepCommand),
  entry(specs.optimizeSpec, async () => (await import('./commands/optimize.js')).optimizeCommand),
  entry(specs.fleetSpec, async () => (await import('./commands/fleet.js')).fleetCommand),
  entry(specs.projectSpec, async () => (await import('./commands/project.js')).projectCommand),
  entry(specs.calibrateSpec, async () => (await import('./commands/calibrate.js')).calibrateCommand),
  entry(specs.presetsListSpec, async () => (await import('./commands/presets.js')).presetsListCommand),
  entry(specs.presetsShowSpec, async () => (await import('./commands/presets.js')).presetsShowCommand),
  entry(specs.validateSpec, async () => (await import('./commands/validate.js')).validateCommand),
  entry(specs.initSpec, async () => (await import('./commands/init.js')).initCommand),
  entry(specs.schemaSpec, async () => (await import('./commands/schema.js')).schemaCommand),
];
const GROUPS: readonly { name: string; description: string }[] = [specs.PRESETS_GROUP];

function errorMessage(e: unknown, debug: boolean): string {
  if (e instanceof UserError) return e.message;
  const detail = debug && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `internal error, please report it (github issues) with the command you ran: ${e instanceof Error ? e.message : String(e)}${detail}`;
}

/** One spec → one commander command under `parent`, whose action loads and runs the implementation. */
function addCommand(parent: Command, { spec, load }: Entry, io: Io, setCode: (code: number) => void): void {
  const cmd = parent.command(spec.name).description(spec.description);
  for (const a of spec.args) {
    const name = `${a.name}${a.variadic === true ? '...' : ''}`;
    const arg = new Argument(a.required === true ? `<${name}>` : `[${name}]`, a.description);
    if (a.choices !== undefined) arg.choices(a.choices);
    if (a.fallback !== undefined) arg.default(a.fallback);
    cmd.addArgument(arg);
  }
  for (const [key, o] of Object.entries(spec.options)) {
    const option = new Option(flagsOf(key, o), o.description);
    if (o.choices !== undefined) option.choices(o.choices);
    if (o.fallback !== undefined) option.default(o.fallback);
    if (o.mandatory === true) option.makeOptionMandatory();
    const parse = o.parse?.bind(o);
    if (parse !== undefined) option.argParser((raw: string, previous: unknown) => parse(raw, previous, flagName(key)));
    cmd.addOption(option);
  }
  cmd.action(async (...params: unknown[]) => {
    const run = await load();
    setCode(await run(params.slice(0, spec.args.length), params[spec.args.length] as OptionsOf<CommandSpec>, io));
  });
}

/**
 * The commands a run needs built: the one its first word names (with its
 * group's siblings), none for a bare `--version`, and every one otherwise
 * (help, a mistyped command and its suggestion). Building 15 commanders with
 * their options is most of what a start spends before the command runs.
 */
function commandsFor(argv: readonly string[]): readonly Entry[] {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === undefined) {
    const version = argv.some((a) => a === '--version' || a === '-V');
    return version && argv.every((a) => a === '--version' || a === '-V' || a === '--debug') ? [] : COMMANDS;
  }
  const named = COMMANDS.filter((e) => e.spec.name === word || e.spec.parent === word);
  return named.length > 0 ? named : COMMANDS;
}

function buildProgram(io: Io, setCode: (code: number) => void, argv: readonly string[]): Command {
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
  const parents = new Map<string, Command>();
  for (const e of commandsFor(argv)) {
    const group = GROUPS.find((g) => g.name === e.spec.parent);
    let parent = program;
    if (group !== undefined) {
      parent = parents.get(group.name) ?? program.command(group.name).description(group.description);
      parents.set(group.name, parent);
    }
    addCommand(parent, e, io, setCode);
  }
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
      ...(out.gone === undefined ? {} : { gone: out.gone.bind(out) }),
      ...(out.flushed === undefined ? {} : { flushed: out.flushed.bind(out) }),
    };
  };
  const io: Io = {
    ...given,
    stdout: guard(given.stdout),
    stderr: guard(given.stderr),
    inputs: new Map<string, string>(),
  };
  let code = EXIT_OK;
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    argv,
  );
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
  // A reader that goes away (`| head`) is not an error: stop writing, keep the exit code. Any other
  // failure to write the results (a full disk, an I/O error) fails the run: one line, exit 2.
  let stdoutClosed = false;
  // A write to stdout or stderr that failed: the run fails, whatever the command returns.
  let writeFailed = false;
  const waitingForDrain = new Set<() => void>();
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (stdoutClosed) return;
    stdoutClosed = true;
    if (e.code !== 'EPIPE') {
      writeFailed = true;
      process.exitCode = EXIT_ERROR; // the command may have finished already
      process.stderr.write(`infercost: cannot write to standard output: ${e.code ?? e.message}\n`);
    }
    // Nothing more will drain: release whoever waits (a sweep's backpressure).
    for (const listener of waitingForDrain) listener();
    waitingForDrain.clear();
  });
  process.stderr.on('error', () => {
    writeFailed = true;
    process.exitCode = EXIT_ERROR;
  });
  const stdout = {
    write: (s: string) => (stdoutClosed ? true : process.stdout.write(s)),
    isTTY: process.stdout.isTTY,
    once: (event: 'drain', listener: () => void) => {
      if (stdoutClosed) return listener();
      const once = () => {
        waitingForDrain.delete(once);
        listener();
      };
      waitingForDrain.add(once);
      process.stdout.once(event, once);
    },
    gone: () => stdoutClosed,
    // An empty write's callback runs once the writes before it are done (or one failed).
    flushed: () =>
      new Promise<boolean>((resolve) => {
        if (stdoutClosed) resolve(!writeFailed);
        else
          process.stdout.write('', (e?: NodeJS.ErrnoException | null) =>
            resolve(!writeFailed && (e == null || e.code === 'EPIPE')),
          );
      }),
  };
  run(process.argv.slice(2), {
    stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    signal,
  }).then(
    (code) => {
      process.exitCode = writeFailed ? EXIT_ERROR : code;
    },
    (e: unknown) => {
      process.stderr.write(`infercost: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
