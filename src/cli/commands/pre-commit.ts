/**
 * `rampart pre-commit`: the one command a git pre-commit hook runs. Declaring it loads nothing heavy
 * (this module is read for `rampart --help` too); the config, the engines and the reporter are loaded
 * when it runs, and each engine only when the commit gives it something to read.
 */
import { type Command, Option } from 'commander';
import type { FailOn } from '../../core/policy.ts';
import type { RunResult } from '../../core/result.ts';
import { UsageError } from '../errors.ts';
import { parseMegabytes } from '../flags.ts';
import { defaultFormat, EXIT_CODES, formatForOutput, formatNames } from '../help.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import type { AuditFlags } from './audit.ts';

/** The flags of `rampart audit` but `--rule`, and which of the two checks to run. */
export interface PreCommitFlags extends Omit<AuditFlags, 'rule'> {
  /** `--no-secrets` sets it false. */
  secrets?: boolean;
  /** `--no-audit` sets it false. */
  audit?: boolean;
}

export const PRE_COMMIT_DESCRIPTION = `Check what is staged for the next commit, as a git pre-commit hook: hard-coded secrets in the lines the commit adds (as \`rampart secrets --staged\`) and the security flaws of the API definitions it adds or changes (as \`rampart audit\`: OpenAPI, GraphQL, .proto, AsyncAPI, WSDL), in one process with one report and one exit code. Both read the git index, not the working tree: exactly what the commit will hold, whatever is edited but not staged (a $ref target is read as staged too). A commit that stages nothing passes. Exits 1 when a finding is at or above --fail-on (default: failOn in the config, else high), with a line saying what to do.`;

export function preCommitHelpAfter(): string {
  return `
Examples:
  $ rampart pre-commit                                # secrets and definitions of the staged changes
  $ rampart pre-commit --fail-on medium
  $ rampart pre-commit --no-audit                     # secrets only
  $ rampart pre-commit --no-secrets api/openapi.yaml  # audit only these staged files

Plain git hook (.git/hooks/pre-commit; or cp node_modules/rampart/scripts/pre-commit .git/hooks/):
  #!/bin/sh
  exec node_modules/.bin/rampart pre-commit

pre-commit framework (.pre-commit-config.yaml):
  - repo: https://github.com/OWNER/rampart
    rev: v0.1.0
    hooks:
      - id: rampart            # both checks, one process

To commit anyway, once, after checking a finding: git commit --no-verify

Formats: ${formatNames().join(', ')} (default: ${defaultFormat()})

${EXIT_CODES}`;
}

/** Declares `rampart pre-commit` on a command that already has the report options (see program.ts). */
export function definePreCommitCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  return cmd
    .summary('check what a commit stages: secrets, and flaws of API definitions (git pre-commit hook)')
    .description(PRE_COMMIT_DESCRIPTION)
    .argument(
      '[paths...]',
      'audit only these staged files (the pre-commit framework passes them); secrets are looked for in every staged change',
    )
    .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in the current directory)')
    .option('--no-secrets', 'do not look for secrets (only audit the staged API definitions)')
    .option('--no-audit', 'do not audit the staged API definitions (only look for secrets)')
    .addOption(
      new Option('--max-file-size <MB>', 'skip staged definitions larger than this, with an error (default: 32)').argParser(parseMegabytes),
    )
    .addOption(new Option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)').conflicts('verbose'))
    .option('-v, --verbose', 'also say which files were skipped and why')
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText('after', () => preCommitHelpAfter())
    .action(async (paths: string[], flags: PreCommitFlags) => {
      result.code = await preCommitCommand(paths, flags, io);
    });
}

/** What a developer reads when the hook refuses a commit: which check refused it and what to do. */
export const REFUSED = {
  secrets: 'pre-commit: rampart found a secret in the staged changes; remove it (and rotate it) before committing',
  definitions: 'pre-commit: rampart found flaws in the API definitions above; fix them or accept them in a baseline',
  bypass: 'pre-commit: to commit anyway, once, after checking the findings: git commit --no-verify',
};

/** `rampart pre-commit`: scan the index, report, and turn the result into an exit code. */
export async function preCommitCommand(paths: string[], flags: PreCommitFlags, io: CliIO): Promise<number> {
  if (flags.secrets === false && flags.audit === false) throw new UsageError('--no-secrets and --no-audit together leave nothing to check');
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();
  const [core, terminal, output, staged, user] = await Promise.all([
    import('../../core/index.ts'),
    import('../terminal.ts'),
    import('../output.ts'),
    import('../../engines/staged/engine.ts'),
    import('../../engines/secrets/user-rules.ts'),
  ]);
  // User patterns and allowlists may backtrack: fall back to the linear engine rather than hang.
  user.enableLinearRegexFallback();
  const first = core.loadConfig(flags.config, io.cwd);
  const named = Object.keys(first.config.rules ?? {});
  // Rule ids and options are checked against every stage's checks only when the config names some.
  const { config, file: configFile } = named.length
    ? core.loadConfig(flags.config, io.cwd, { rules: await (await import('../prepare.ts')).allRuleDefaults(named) })
    : first;
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  const baseline = output.baselineFromFlags(flags.baseline, config.baseline, configFile, io);

  const progress = new terminal.Progress(io, flags.quiet === true, 'checking');
  let run: RunResult;
  try {
    run = await staged.scanStaged({
      cwd: io.cwd,
      config,
      configFile,
      baseline,
      secrets: flags.secrets !== false,
      audit: flags.audit !== false,
      paths,
      limits: flags.maxFileSize ? { maxFileBytes: flags.maxFileSize } : undefined,
      onFile: (f, i, n) => progress.file(f, i, n),
    });
  } catch (e) {
    if (e instanceof staged.GitIndexError) throw new UsageError(`pre-commit: ${e.message}`);
    throw e;
  } finally {
    progress.done();
  }

  const c = terminal.colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  const toFile = flags.output !== undefined && flags.output !== '-';
  if (toFile || format !== 'console') {
    for (const d of run.diagnostics) if (d.level === 'error' || !flags.quiet) io.stderr(`${terminal.diagnosticLine(d, c)}\n`);
  }
  if (flags.verbose && !flags.quiet) for (const s of run.skipped) io.stderr(`${c.dim(`rampart: skipped ${s.file}: ${s.reason}`)}\n`);
  // Nothing staged: no report, no noise in `git commit`'s output.
  if (run.scanned.length || run.findings.length || run.diagnostics.length) await output.emitReport(format, run, flags, io, toFile);

  const code = core.exitCodeFor(run, failOn);
  if (code === core.EXIT.findings) {
    // Which check refused it: a secret, a definition's flaw, or both (failOn is a severity here: code 1).
    const refusing = run.findings.filter((f) => failOn !== 'none' && core.atLeast(f.severity, failOn));
    if (refusing.some((f) => f.stage === 'secrets')) io.stderr(`${REFUSED.secrets}\n`);
    if (refusing.some((f) => f.stage !== 'secrets')) io.stderr(`${REFUSED.definitions}\n`);
    if (!flags.quiet) io.stderr(`${REFUSED.bypass}\n`);
  }
  return code;
}
