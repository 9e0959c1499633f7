import { BaselineError, exitCodeFor, type RunResult, readBaseline } from '../../core/index.ts';
import { UsageError } from '../errors.ts';
import { defaultFormat, formatForOutput } from '../help.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { type CommonFlags, emitReport, type Prepared, prepare } from '../prepare.ts';
import { type Colors, colors, diagnosticLine, Progress, summaryLine } from '../terminal.ts';

export interface AuditFlags extends CommonFlags {
  format?: string;
  output?: string;
}

/** `rampart audit`: run, report, and turn the result into an exit code. */
export async function auditCommand(inputs: string[], flags: AuditFlags, io: CliIO): Promise<number> {
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();
  const p = await prepare(flags, io);
  let baseline: Set<string> | undefined;
  if (p.baseline) baseline = loadBaselineSet(p);

  const result = await runAudit(inputs, p, flags, io, baseline);
  const err = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  const toFile = flags.output !== undefined && flags.output !== '-';
  // The console report shows input problems (and, with --verbose, skipped files) itself; other formats
  // carry them as data, so a human also gets them on stderr.
  const consoleOnStdout = !toFile && format === 'console';
  if (!consoleOnStdout) printDiagnostics(result, flags, io, err);

  await emitReport(format, result, flags, io, toFile);

  let code = exitCodeFor(result, p.failOn);
  if (result.scanned.length === 0 && code !== 2) {
    io.stderr(`rampart: ${nothingFound(inputs, result)}\n`);
    code = 2;
  }
  // A human reading the console report on stdout already has its summary; anyone else gets one line.
  if (!flags.quiet && (toFile || format !== 'console')) {
    io.stderr(`${summaryLine(result, err, { output: toFile ? flags.output : undefined, failOn: p.failOn, exitCode: code })}\n`);
  }
  return code;
}

export function loadBaselineSet(p: Prepared): Set<string> {
  const b = p.baseline as NonNullable<Prepared['baseline']>;
  try {
    return readBaseline(b.abs);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    const msg = e.message.replace(b.abs, b.shown);
    const hint = msg.includes('no such file')
      ? `; create it with \`rampart baseline create <inputs> --baseline ${b.shown}\`${b.fromConfig ? ' (the path comes from the config)' : ''}`
      : '';
    throw new UsageError(`${msg}${hint}`);
  }
}

/** Runs the engine with a progress line on terminals. */
export async function runAudit(
  inputs: string[],
  p: Prepared,
  flags: CommonFlags,
  io: CliIO,
  baseline: Set<string> | undefined,
): Promise<RunResult> {
  const progress = new Progress(io, flags.quiet === true);
  try {
    return await io.audit(inputs, {
      config: p.config,
      cwd: io.cwd,
      limits: p.limits,
      baseline,
      rules: p.rules,
      checks: p.checks,
      onFile: (file, index, total) => progress.file(file, index, total),
    });
  } finally {
    progress.done();
  }
}

/** Input problems on stderr (errors always, warnings unless --quiet); with --verbose, what was skipped and why. */
export function printDiagnostics(result: RunResult, flags: CommonFlags, io: CliIO, c: Colors): void {
  for (const d of result.diagnostics) {
    if (d.level === 'error' || !flags.quiet) io.stderr(`${diagnosticLine(d, c)}\n`);
  }
  if (flags.verbose && !flags.quiet) {
    for (const s of result.skipped) io.stderr(`${c.dim(`rampart: skipped ${s.file}: ${s.reason}`)}\n`);
    const checks = result.checks.length;
    io.stderr(
      `${c.dim(
        `rampart: audited ${result.scanned.length} definition${result.scanned.length === 1 ? '' : 's'} with ${checks} check${checks === 1 ? '' : 's'} in ${result.durationMs} ms` +
          (result.suppressed.config ? `; ${result.suppressed.config} check(s) turned off by config` : ''),
      )}\n`,
    );
  }
}

export function nothingFound(inputs: string[], result: RunResult): string {
  const where = inputs.length === 1 ? inputs[0] : `${inputs.length} inputs`;
  const skipped = result.skipped.length;
  return skipped
    ? `no OpenAPI definition found in ${where}: ${skipped} file${skipped === 1 ? ' was' : 's were'} skipped (--verbose says why)`
    : `no OpenAPI definition found in ${where}`;
}
