import { Command, Option } from 'commander';
import type { FailOn } from '../core/policy.ts';
import { SEVERITIES } from '../core/severity.ts';
import { REPORTER_LOADERS } from '../reporters/lazy.ts';
import { VERSION } from '../version.ts';
import type { AuditFlags } from './commands/audit.ts';
import type { BaselineFlags } from './commands/baseline.ts';
import type { ProbeFlags } from './commands/probe.ts';
import type { RulesFlags } from './commands/rules.ts';
import type { SecretsFlags } from './commands/secrets.ts';
import { UsageError } from './errors.ts';
import { parseBudget, parseConcurrency, parseMegabytes, parseRate, parseTimeout, RULE_STAGES } from './flags.ts';
import {
  AUDIT_DESCRIPTION,
  auditHelpAfter,
  BASELINE_DESCRIPTION,
  baselineHelpAfter,
  defaultFormat,
  formatNames,
  PROBE_DESCRIPTION,
  PROGRAM_DESCRIPTION,
  probeHelpAfter,
  programHelpAfter,
  RULES_DESCRIPTION,
  rulesHelpAfter,
  SECRETS_DESCRIPTION,
  secretsHelpAfter,
} from './help.ts';
import type { CliIO } from './io.ts';

const FAIL_ON = [...SEVERITIES, 'none'] as const;

function parseFormat(v: string): string {
  if (!Object.hasOwn(REPORTER_LOADERS, v))
    throw new UsageError(`--format ${v}: unknown format (choose one of: ${formatNames().join(', ')})`);
  return v;
}

function parseFailOn(v: string): FailOn {
  if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`--fail-on ${v}: must be one of ${FAIL_ON.join(', ')}`);
  return v as FailOn;
}

function parseThreads(v: string): number {
  const n = Number(v);
  if (!/^\d{1,2}$/.test(v.trim()) || n < 1) throw new UsageError(`--threads ${v}: must be a whole number from 1 to 64`);
  return Math.min(n, 64);
}

function collect(v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), v];
}

/** How a scanning command reports: format, output file, the failing severity and the baseline. */
function addReportOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '-f, --format <name>',
        `report format: ${formatNames().join(', ')} (default: ${defaultFormat()}, or from the --output extension: .sarif .json .xml .md .html)`,
      ).argParser(parseFormat),
    )
    .option('-o, --output <file>', 'write the report to this file instead of stdout (a one-line summary still goes to stderr)')
    .addOption(
      new Option(
        '--fail-on <severity>',
        `exit 1 when a finding is at or above this severity: ${FAIL_ON.join('|')} (default: failOn in the config, else high)`,
      ).argParser(parseFailOn),
    )
    .option('-b, --baseline <file>', 'leave out the findings accepted in this baseline file (default: baseline in the config)');
}

/** Options shared by `audit`, `baseline create` and `baseline update`. */
function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in the current directory)')
    .addOption(
      new Option(
        '-r, --rule <id...>',
        'run only these checks: ids separated by commas, after the inputs (`rampart rules` lists them)',
      ).argParser(collect),
    )
    .addOption(
      new Option('--max-file-size <MB>', 'skip input files larger than this, with an error (default: 32)').argParser(parseMegabytes),
    )
    .addOption(new Option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)').conflicts('verbose'))
    .option('-v, --verbose', 'also say which files were skipped and why, and what ran')
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)');
}

/** Every command, in the order `rampart --help` lists them. */
export const COMMAND_NAMES = [
  'audit',
  'secrets',
  'probe',
  'scan',
  'pre-commit',
  'init',
  'history',
  'inventory',
  'logs',
  'baseline',
  'rules',
];

/**
 * The commands `argv` can run: the one it names first, none for `--version`, all of them otherwise (for
 * help, and for commander's "did you mean" on a typo). Declaring only these keeps start-up from loading
 * the modules of commands that will not run.
 */
function commandsFor(argv: readonly string[] | undefined): (name: string) => boolean {
  const first = argv?.[0];
  if (first !== undefined && COMMAND_NAMES.includes(first)) return (name) => name === first;
  if (argv?.length === 1 && (first === '-V' || first === '--version')) return () => false;
  return () => true;
}

/**
 * The `rampart` command tree. A new program per run (commander keeps state); `exitOverride` makes
 * commander throw instead of exiting, so main() can turn everything into an exit code. `result.code` is
 * set by the command that ran. Given `argv`, only the commands it can run are declared (see commandsFor);
 * command modules are loaded when their command runs.
 */
export async function buildProgram(io: CliIO, result: { code: number }, argv?: readonly string[]): Promise<Command> {
  const wanted = commandsFor(argv);
  const program = new Command('rampart');
  program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // main() prints commander's errors itself, as one `rampart: ...` line.
      outputError: () => {},
      getOutHelpWidth: () => Math.min(io.columns, 120),
      getErrHelpWidth: () => Math.min(io.columns, 120),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .description(PROGRAM_DESCRIPTION)
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help (also: rampart <command> --help)')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', () => programHelpAfter());

  if (wanted('audit')) {
    addCommonOptions(
      addReportOptions(
        program
          .command('audit')
          .summary('audit API definitions (OpenAPI, GraphQL, .proto, AsyncAPI, WSDL) for security design flaws')
          .description(AUDIT_DESCRIPTION)
          .argument(
            '<inputs...>',
            'files, directories or globs of API definitions (OpenAPI YAML or JSON, GraphQL, .proto, AsyncAPI, WSDL)',
          ),
      ),
    )
      .addHelpText('after', () => auditHelpAfter())
      .action(async (inputs: string[], flags: AuditFlags) => {
        const { auditCommand } = await import('./commands/audit.ts');
        result.code = await auditCommand(inputs, flags, io);
      });
  }
  if (wanted('secrets')) {
    addReportOptions(
      program
        .command('secrets')
        .summary('find hard-coded secrets (tokens, keys, passwords) in files or git history')
        .description(SECRETS_DESCRIPTION)
        .argument(
          '[inputs...]',
          'files, directories or globs to scan (default: .); - reads standard input; with --history or --staged: the repository',
        ),
    )
      .option(
        '--write-baseline <file>',
        'write every current finding to this baseline file (exit 0), to adopt Rampart on an existing repository',
      )
      .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in the current directory)')
      .addOption(
        new Option(
          '-r, --rule <id...>',
          'run only these secret rules: ids separated by commas, after the inputs (`rampart rules --stage secrets`)',
        ).argParser(collect),
      )
      .option('--no-ignore', 'also scan files that .gitignore excludes (default: respect .gitignore)')
      .addOption(
        new Option('--max-file-size <MB>', 'skip files larger than this, listed with --verbose (default: 10)').argParser(parseMegabytes),
      )
      .option('--history', 'scan every commit of every ref: the lines each commit added (a deleted secret is still in history)')
      .option('--since <ref>', 'with history: only the commits not reachable from <ref> (e.g. origin/main, v1.2.0)')
      .option('--branch <ref>', 'with history: only the history of this branch (or commit)')
      .option('--staged', 'scan only what is staged for the next commit (for a pre-commit hook)')
      .option(
        '--verify',
        "ask each issuer whether the credentials found are live: sends each GitHub, Slack, Stripe, SendGrid or OpenAI credential found to its issuer's API (a read-only who-am-I call); nothing is sent without this flag",
      )
      .addOption(
        new Option(
          '--threads <n>',
          'scanning threads, 1 for none (default: up to 2 when there are more than 32 MB; each adds ~100 MB of memory)',
        ).argParser(parseThreads),
      )
      .addOption(new Option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)').conflicts('verbose'))
      .option('-v, --verbose', 'also say which files were skipped and why, and what ran')
      .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
      .addHelpText('after', () => secretsHelpAfter())
      .action(async (inputs: string[], flags: SecretsFlags) => {
        const { secretsCommand } = await import('./commands/secrets.ts');
        result.code = await secretsCommand(inputs, flags, io);
      });
  }
  if (wanted('probe')) {
    addReportOptions(
      program
        .command('probe')
        .summary('prove OWASP API Top 10 flaws on a running API (test deployments only)')
        .description(PROBE_DESCRIPTION),
    )
      .option(
        '-t, --target <url>',
        'the running API: origin and optional base path, e.g. http://127.0.0.1:8080/api (nothing else is ever contacted)',
      )
      .option('--openapi <file>', 'the OpenAPI 2.0/3.x definition of the API (YAML or JSON)')
      .option('--postman <file>', 'a Postman collection (v2.0/v2.1) of the API')
      .option('--environment <file>', 'with --postman: a Postman environment for the collection variables')
      .option('--har <file>', 'a HAR capture of traffic to the API (browser dev tools, a proxy)')
      .option('--graphql <url>', 'probe a GraphQL endpoint instead, e.g. http://127.0.0.1:4000/graphql')
      .option('--grpc <host:port>', 'probe a gRPC server instead (server reflection, or --proto)')
      .addOption(new Option('--proto <file...>', 'with --grpc: the .proto files of the service').argParser(collect))
      .option('--websocket <url>', 'probe a WebSocket endpoint instead, e.g. ws://127.0.0.1:8080/socket')
      .option('--wsdl <file|url>', 'probe the SOAP service a WSDL describes instead')
      .option(
        '-c, --config <file>',
        'config file with probe.identities (default: rampart.config.yaml, .yml or .json in the current directory)',
      )
      .addOption(
        new Option(
          '-r, --rule <id...>',
          'run only these checks: ids separated by commas (`rampart rules --stage probe` lists them)',
        ).argParser(collect),
      )
      .addOption(new Option('--rate <n>', 'requests per second at most (default: 0, unlimited; config: probe.rate)').argParser(parseRate))
      .addOption(
        new Option('--concurrency <n>', 'requests in flight at most (default: 8; config: probe.concurrency)').argParser(parseConcurrency),
      )
      .addOption(
        new Option('--budget <n>', 'total requests at most; the probe stops sending after (default: 5000; config: probe.budget)').argParser(
          parseBudget,
        ),
      )
      .addOption(
        new Option('--timeout <ms>', 'per-request timeout, headers and body (default: 10000; config: probe.timeout)').argParser(
          parseTimeout,
        ),
      )
      .addOption(
        new Option(
          '--exclude <glob...>',
          "path templates never sent, e.g. '/admin/**' or 'DELETE /users/*' (repeatable; config: probe.exclude)",
        ).argParser(collect),
      )
      .addOption(new Option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)').conflicts('verbose'))
      .option('-v, --verbose', 'also print the summary line with the number of requests sent')
      .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
      .addHelpText('after', () => probeHelpAfter())
      .action(async (flags: ProbeFlags) => {
        const { probeCommand } = await import('./commands/probe.ts');
        result.code = await probeCommand(flags, io);
      });
  }
  // These modules declare their commands and run them: loaded only when their command may run or help lists it.
  if (wanted('scan')) (await import('./commands/scan.ts')).defineScanCommand(addReportOptions(program.command('scan')), io, result);
  if (wanted('pre-commit'))
    (await import('./commands/pre-commit.ts')).definePreCommitCommand(addReportOptions(program.command('pre-commit')), io, result);
  if (wanted('init')) (await import('./commands/init.ts')).defineInitCommand(program.command('init'), io, result);
  if (wanted('history')) (await import('./commands/history.ts')).defineHistoryCommand(program.command('history'), io, result);
  if (wanted('inventory'))
    (await import('./commands/inventory.ts')).defineInventoryCommand(addReportOptions(program.command('inventory')), io, result);
  if (wanted('logs')) (await import('./commands/logs.ts')).defineLogsCommand(addReportOptions(program.command('logs')), io, result);

  if (wanted('baseline')) {
    const baseline = program
      .command('baseline')
      .summary('accept the current findings, so CI fails only on new ones')
      .description(BASELINE_DESCRIPTION)
      .addHelpText('after', () => baselineHelpAfter());

    addCommonOptions(
      baseline
        .command('create')
        .summary('write every current finding to a new baseline file')
        .description(
          'Audit the inputs and write the fingerprint of every current finding to a new baseline file. Refuses to overwrite an existing baseline unless --force is given (use `rampart baseline update` to refresh one).',
        )
        .argument('<inputs...>', 'files, directories or globs of OpenAPI definitions')
        .option('-b, --baseline <file>', 'the baseline file to write (default: baseline in the config)')
        .option('--force', 'overwrite the baseline file if it exists'),
    )
      .addHelpText('after', () => baselineHelpAfter())
      .action(async (inputs: string[], flags: BaselineFlags) => {
        const { baselineCreate } = await import('./commands/baseline.ts');
        result.code = await baselineCreate(inputs, flags, io);
      });

    addCommonOptions(
      baseline
        .command('update')
        .summary('rewrite a baseline with the current findings (fixed ones drop out, new ones are added)')
        .description(
          'Audit the inputs and rewrite the baseline with the current findings: fixed findings drop out, new ones are added, and the counts are printed. Entries this run cannot judge are kept: those of checks that did not run, of inputs that could not be read, and of files outside the given inputs.',
        )
        .argument('<inputs...>', 'files, directories or globs of OpenAPI definitions')
        .option('-b, --baseline <file>', 'the baseline file to update (default: baseline in the config)'),
    )
      .addHelpText('after', () => baselineHelpAfter())
      .action(async (inputs: string[], flags: BaselineFlags) => {
        const { baselineUpdate } = await import('./commands/baseline.ts');
        result.code = await baselineUpdate(inputs, flags, io);
      });
  }
  if (wanted('rules')) {
    program
      .command('rules')
      .summary('list the checks, or show the docs of one')
      .description(RULES_DESCRIPTION)
      .argument('[id]', 'a check id: show its documentation')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addOption(new Option('-s, --stage <stage>', 'only the checks of one stage').choices([...RULE_STAGES]))
      .option('--no-color', 'no colours')
      .addHelpText('after', () => rulesHelpAfter())
      .action(async (id: string | undefined, flags: RulesFlags) => {
        const { rulesCommand } = await import('./commands/rules.ts');
        result.code = await rulesCommand(id, flags, io);
      });
  }
  return program;
}
