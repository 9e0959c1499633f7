import { dirname, resolve } from 'node:path';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import {
  BaselineError,
  type Config,
  ConfigError,
  closest,
  EXIT,
  exitCodeFor,
  type FailOn,
  loadConfig,
  type RunResult,
  readBaseline,
  writeBaseline,
} from '../../core/index.ts';
import { compileSecretsConfig, enableLinearRegexFallback } from '../../engines/secrets/user-rules.ts';
import { UsageError } from '../errors.ts';
import { defaultFormat, formatForOutput } from '../help.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { emitReport, shownPath } from '../output.ts';
import { parseRules } from '../rule-flag.ts';
import { type Colors, colors, diagnosticLine, findingsPhrase, Progress } from '../terminal.ts';

export interface SecretsFlags {
  config?: string;
  rule?: string[];
  maxFileSize?: number;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  failOn?: FailOn;
  baseline?: string;
  format?: string;
  output?: string;
  /** `--no-ignore` sets it false. */
  ignore?: boolean;
  history?: boolean;
  staged?: boolean;
  /** Scanning threads (default: up to 2 when there is enough text). */
  threads?: number;
  /** Write every current finding to this baseline file instead of failing on them. */
  writeBaseline?: string;
  since?: string;
  branch?: string;
  /** Send each verifiable secret found to its issuer's API to learn whether it is live (off by default). */
  verify?: boolean;
}

/** Standard input for the `-` input, as a stream of chunks (scanned as they arrive). */
export async function readStdin(): Promise<AsyncIterable<Buffer | string>> {
  if (process.stdin.isTTY) {
    throw new UsageError('- reads standard input, but it is a terminal: pipe something in, e.g. `cat build.log | rampart secrets -`');
  }
  return process.stdin;
}

/** `rampart secrets`: scan, report, and turn the result into an exit code. */
export async function secretsCommand(inputs: string[], flags: SecretsFlags, io: CliIO): Promise<number> {
  // User patterns and allowlists may backtrack: fall back to the linear engine rather than hang.
  enableLinearRegexFallback();
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();
  if (flags.staged && (flags.history || flags.since !== undefined || flags.branch !== undefined)) {
    throw new UsageError('--staged scans what is about to be committed: it cannot be combined with --history, --since or --branch');
  }
  const history = flags.history || flags.since !== undefined || flags.branch !== undefined;
  const list = inputs.length ? inputs : ['.'];
  if ((history || flags.staged) && list.filter((i) => i !== '-').length > 1) {
    throw new UsageError(`${flags.staged ? '--staged' : '--history'} takes one repository directory (got ${list.length} inputs)`);
  }

  const { config, file: configFile } = loadConfig(flags.config, io.cwd);
  const builtIn = await loadSecretRules();
  // Errors in the secrets section (a bad pattern) name the key, before anything runs.
  const user = compileSecretsConfig(config.secrets, configFile ? shownPath(configFile, io.cwd) : undefined);
  const known = [...builtIn.map((r) => r.id), ...user.rules.map((r) => r.id)];
  await checkRuleIds(config, known, configFile ? shownPath(configFile, io.cwd) : 'config');
  const only = parseRules(flags.rule, known, { noun: 'secret rule', lister: '`rampart rules --stage secrets`' });
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  // Writing a baseline records every current finding: an older baseline must not hide any.
  const baseline = flags.writeBaseline !== undefined ? undefined : loadBaselineFor(flags, config, configFile, io);

  const progress = new Progress(io, flags.quiet === true, 'scanning');
  let result: RunResult;
  try {
    result = await (io.secrets ?? (await import('../../engines/secrets/engine.ts')).scanSecrets)(list, {
      cwd: io.cwd,
      config,
      configFile,
      baseline,
      // Not `rules: builtIn`: rules loaded from the registry by the engine may go to scanning threads.
      only,
      noIgnore: flags.ignore === false,
      maxFileBytes: flags.maxFileSize,
      workers: flags.threads,
      stdin: io.readStdin ?? readStdin,
      history: history ? { since: flags.since, branch: flags.branch } : undefined,
      staged: flags.staged,
      verify: flags.verify === true,
      onFile: (f, i, n) => progress.file(f, i, n),
    });
  } finally {
    progress.done();
  }

  const err = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  if (flags.writeBaseline !== undefined) return writeSecretsBaseline(flags.writeBaseline, result, flags, io, err);
  const toFile = flags.output !== undefined && flags.output !== '-';
  const consoleOnStdout = !toFile && format === 'console';
  if (!consoleOnStdout) printProblems(result, flags, io, err);
  else if (flags.verbose && !flags.quiet) printVerbose(result, io, err);

  await emitReport(format, result, flags, io, toFile);

  const code = exitCodeFor(result, failOn);
  if (!flags.quiet && (toFile || format !== 'console')) {
    io.stderr(`${summary(result, err, { output: toFile ? flags.output : undefined, failOn, exitCode: code })}\n`);
  }
  if (result.scanned.length === 0 && code === EXIT.ok && !flags.quiet) {
    const skipped = result.skipped.length;
    io.stderr(
      `rampart: no text file to scan in ${list.join(' ')}${skipped ? `: ${skipped} file${skipped === 1 ? ' was' : 's were'} skipped (--verbose says why)` : ''}\n`,
    );
  }
  return code;
}

/** `rules:` may name design checks and secret rules alike; anything else is a typo. */
async function checkRuleIds(config: Config, secretIds: string[], shown: string): Promise<void> {
  const ids = Object.keys(config.rules ?? {});
  if (!ids.length) return;
  // Every stage's check ids, loaded only when the config names rules (most runs, a hook's, do not).
  const [{ designCheckIds }, { probeCheckIds }, { runtimeCheckIds }, { protocolChecks }, { LOG_CHECKS }] = await Promise.all([
    import('../../checks/design/registry.ts'),
    import('../../checks/probe/registry.ts'),
    import('../../checks/runtime/registry.ts'),
    import('../../engines/protocols/index.ts'),
    import('../../engines/runtime/logs/checks.ts'),
  ]);
  const all = [
    ...designCheckIds(),
    ...probeCheckIds(),
    ...runtimeCheckIds(),
    ...LOG_CHECKS.map((c) => c.id),
    ...(await protocolChecks()).map((c) => c.id),
    ...secretIds,
  ];
  for (const id of ids) {
    if (all.includes(id)) continue;
    const hint = closest(id, all);
    throw new ConfigError(
      `${shown}: rules.${id}: unknown rule${hint ? ` (did you mean "${hint}"?)` : ''}; \`rampart rules\` lists them all`,
      shown,
      `rules.${id}`,
    );
  }
}

function loadBaselineFor(flags: SecretsFlags, config: Config, configFile: string | undefined, io: CliIO): Set<string> | undefined {
  let abs: string;
  let fromConfig = false;
  if (flags.baseline !== undefined) {
    if (flags.baseline === '') throw new UsageError('--baseline: give a file name');
    abs = resolve(io.cwd, flags.baseline);
  } else if (config.baseline) {
    abs = resolve(configFile ? dirname(configFile) : io.cwd, config.baseline);
    fromConfig = true;
  } else return undefined;
  const shown = shownPath(abs, io.cwd);
  try {
    return readBaseline(abs);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    const msg = e.message.replace(abs, shown);
    const hint = msg.includes('no such file')
      ? `; create it with \`rampart secrets <inputs> --write-baseline ${shown}\`${fromConfig ? ' (the path comes from the config)' : ''}`
      : '';
    throw new UsageError(`${msg}${hint}`);
  }
}

function printProblems(result: RunResult, flags: SecretsFlags, io: CliIO, c: Colors): void {
  for (const d of result.diagnostics) {
    if (d.level === 'error' || !flags.quiet) io.stderr(`${diagnosticLine(d, c)}\n`);
  }
  if (flags.verbose && !flags.quiet) printVerbose(result, io, c);
}

/** With --verbose: what was skipped and why, and what ran. */
function printVerbose(result: RunResult, io: CliIO, c: Colors): void {
  for (const s of result.skipped) io.stderr(`${c.dim(`rampart: skipped ${s.file}: ${s.reason}`)}\n`);
  const n = result.scanned.length;
  const rules = result.checks.length;
  io.stderr(
    `${c.dim(
      `rampart: scanned ${n} input${n === 1 ? '' : 's'} with ${rules} secret rule${rules === 1 ? '' : 's'} in ${result.durationMs} ms` +
        (result.suppressed.config ? `; ${result.suppressed.config} secret(s) allowed by config` : ''),
    )}\n`,
  );
}

function summary(result: RunResult, c: Colors, extra: { output?: string; failOn: string; exitCode: number }): string {
  const files = result.scanned.filter((s) => !/^(?:git history|staged changes) /.test(s)).length;
  const git = result.scanned.filter((s) => /^(?:git history|staged changes) /.test(s));
  const where = [files || !git.length ? `${files} file${files === 1 ? '' : 's'}` : '', ...git].filter(Boolean).join(' and ');
  const bits = [`${findingsPhrase(result, c)} in ${where}`];
  if (result.suppressed.baseline) bits.push(`${result.suppressed.baseline} in baseline`);
  if (result.suppressed.inline) bits.push(`${result.suppressed.inline} ignored inline`);
  if (result.suppressed.config) bits.push(`${result.suppressed.config} allowed by config`);
  const errors = result.diagnostics.filter((d) => d.level === 'error').length;
  if (errors) bits.push(c.red(`${errors} error${errors === 1 ? '' : 's'}`));
  let line = `rampart: ${bits.join('; ')}`;
  if (extra.output) line += `; report written to ${extra.output}`;
  if (extra.exitCode === 1) line += ` (exit 1: at or above --fail-on ${extra.failOn})`;
  return line;
}

/** `--write-baseline FILE`: accept today's findings; later runs with `--baseline FILE` report only new ones. */
function writeSecretsBaseline(file: string, result: RunResult, flags: SecretsFlags, io: CliIO, c: Colors): number {
  if (file === '') throw new UsageError('--write-baseline: give a file name');
  printProblems(result, flags, io, c);
  if (result.scanned.length === 0 && result.diagnostics.some((d) => d.level === 'error')) return EXIT.usage;
  const abs = resolve(io.cwd, file);
  let written: ReturnType<typeof writeBaseline>;
  try {
    written = writeBaseline(abs, result.findings);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot write the baseline (${code ?? String(e)})`);
  }
  const n = written.findings.length;
  if (!flags.quiet) {
    io.stderr(
      `rampart: wrote ${n} finding${n === 1 ? '' : 's'} to ${shownPath(abs, io.cwd)}; commit it, and run \`rampart secrets ... --baseline ${shownPath(abs, io.cwd)}\` to report only new secrets (accepted ones still need rotating)\n`,
    );
  }
  return EXIT.ok;
}
