/**
 * The `rampart` command. `main(argv, io)` runs it and resolves to the exit code, without touching the
 * process, so tests call it in-process; `run()` wires it to the real process (bin/rampart.js calls it,
 * and so does running this file directly: `node src/cli/main.ts audit ...`).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { EXIT } from '../core/policy.ts';
import { oneLine, UsageError } from './errors.ts';
import { type CliIO, processIO, withDefaults } from './io.ts';
import { buildProgram, COMMAND_NAMES } from './program.ts';

export type { CliIO } from './io.ts';

/** Runs `rampart <argv...>` and resolves to its exit code (0, 1, 2 or 3). Never throws. */
export async function main(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const cli = withDefaults(io);
  const result = { code: EXIT.ok as number };
  try {
    const program = await buildProgram(cli, result, argv);
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    return handleError(e, argv, cli);
  }
}

async function handleError(e: unknown, argv: string[], io: CliIO): Promise<number> {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
    // `rampart help <command>` exits 0; help shown because a command was missing (`rampart`,
    // `rampart baseline`) is on stderr already and is a usage error.
    if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const msg = e.message
      .replace(/^error: /, '')
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    // `--rule <id...>` takes every following word: `audit --rule x api.yaml` leaves no input.
    const ruleHint =
      e.code === 'commander.missingArgument' && argv.some((a) => a === '--rule' || a === '-r')
        ? '; --rule takes the words after it as check ids: put the inputs first, or write --rule=<id>'
        : '';
    io.stderr(`rampart: ${msg}${ruleHint} (see \`${helpFor(argv)}\`)\n`);
    return EXIT.usage;
  }
  if (e instanceof UsageError) {
    io.stderr(`rampart: ${e.message}\n`);
    return EXIT.usage;
  }
  // Loaded here, not at start-up: the config module brings zod (a command that threw these has loaded it).
  const [{ BaselineError, ConfigError }, { HistoryError }] = await Promise.all([import('../core/index.ts'), import('../store/types.ts')]);
  if (e instanceof ConfigError || e instanceof BaselineError || e instanceof HistoryError) {
    io.stderr(`rampart: ${e.message}\n`);
    return EXIT.usage;
  }
  io.stderr(
    `rampart: internal error: ${oneLine(e)}. This is a bug in Rampart: please report it with the command you ran${
      io.env.RAMPART_DEBUG === '1' ? '' : ' (RAMPART_DEBUG=1 prints the stack trace)'
    }.\n`,
  );
  if (io.env.RAMPART_DEBUG === '1' && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return EXIT.internal;
}

/** `rampart audit --help`, `rampart baseline create --help`... for the command the user was typing. */
function helpFor(argv: string[]): string {
  const i = argv.findIndex((a) => COMMAND_NAMES.includes(a));
  if (i === -1) return 'rampart --help';
  const sub = argv[i] === 'baseline' && ['create', 'update'].includes(argv[i + 1]) ? ` ${argv[i + 1]}` : '';
  return `rampart ${argv[i]}${sub} --help`;
}

/** Runs the CLI on the real process: arguments, streams, exit code. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  // `rampart rules | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.exitCode = await main(argv, processIO());
}

function isEntryPoint(): boolean {
  const meta = import.meta as ImportMeta & { main?: boolean };
  if (typeof meta.main === 'boolean') return meta.main;
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await run();
