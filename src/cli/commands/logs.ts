import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import { EXIT, exitCodeFor, type FailOn, loadConfig, ruleConfig } from '../../core/index.ts';
import { attackOptionsFrom, LOG_CHECKS } from '../../engines/runtime/logs/checks.ts';
import { DetectWorker } from '../../engines/runtime/logs/detect-thread.ts';
import { fileInput, type LogInput, type LogScanner, type LogsResult, scanLogs } from '../../engines/runtime/logs/engine.ts';
import { followChunks } from '../../engines/runtime/logs/follow.ts';
import { LIVE_INTERVAL_MS, renderLive } from '../../engines/runtime/logs/live.ts';
import { render } from '../../reporters/index.ts';
import { UsageError } from '../errors.ts';
import { defaultFormat, formatForOutput } from '../help.ts';
import { type CliIO, colorEnabled, inCI } from '../io.ts';
import { allRuleDefaults, baselineFromFlags, shownPath, writeOutputFile } from '../prepare.ts';
import { colors, findingsPhrase } from '../terminal.ts';
import { readStdin } from './secrets.ts';

export const LOGS_DESCRIPTION = `Scan text or JSON logs, from files or standard input (-), line by line, for sensitive data that should not be logged: card numbers (Luhn), IBANs (mod-97), national ids with their check digits (US SSN, UK NINO, Canadian SIN, French NIR, Spanish DNI/NIE, Italian codice fiscale, Dutch BSN, Indian Aadhaar, Brazilian CPF), emails, phone numbers, JWTs, Authorization headers, cookies, passwords in URLs and query strings, and every secret kind \`rampart secrets\` knows. Context words raise confidence. One finding per kind and source, with a count and the first lines (OWASP API8:2023, CWE-532). Access-log lines (format detected per source) also give attack signals over sliding windows per client: brute force, enumeration, injection payloads (SQL, XSS, traversal, command, SSRF), scanners and error spikes; injection payloads in logged request bodies are reported from any log. On a terminal a status line shows lines read, lines per second and findings so far. --redact writes every line back to stdout with sensitive values masked (same lines, same order; findings go to stderr or --output). --follow keeps reading a growing file until Ctrl-C.`;

/** Inputs from this size on are scanned with a second thread. */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;
/** Standard input has no size: the second thread starts once this many lines came (about 16 MB). */
const WORKER_STDIN_LINES = 50_000;

export interface LogsFlags {
  redact?: boolean;
  follow?: boolean;
  attacks?: boolean;
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  failOn?: FailOn;
  baseline?: string;
  format?: string;
  output?: string;
}

/** Declares `rampart logs` on a command that already has the report options (see program.ts). */
export function defineLogsCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  return cmd
    .summary('find sensitive data and attack signals in logs; --redact masks them in a pipeline')
    .description(LOGS_DESCRIPTION)
    .argument('[files...]', 'log files, plain or .gz; - for standard input (default: -)')
    .option('--redact', 'write the log to stdout with sensitive values masked (the report goes to stderr or --output)')
    .option('--follow', 'keep reading the file as it grows, until Ctrl-C (one file)')
    .option('--no-attacks', 'do not look for attack signals in access-log lines')
    .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in the current directory)')
    .option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)')
    .option('-v, --verbose', 'also print the summary line')
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  rampart logs /var/log/nginx/access.log
  app | rampart logs --redact - > clean.log
  rampart logs --follow app.log --format json -o findings.json
`,
    )
    .action(async (files: string[], flags: LogsFlags) => {
      result.code = await logsCommand(files, flags, io);
    });
}

export async function logsCommand(files: string[], flags: LogsFlags, io: CliIO): Promise<number> {
  const list = files.length ? files : ['-'];
  if (list.some((f) => f.trim() === '')) throw new UsageError('logs: give a file name');
  if (flags.follow && (list.length !== 1 || list[0] === '-')) throw new UsageError('--follow: give exactly one file (not -)');

  // Large files: a second thread detects while this one parses requests (two cores, same order). Started
  // now, it loads the secret rules while this thread loads its own and the config (started after them,
  // it kept this thread waiting for its first answer); `enable` tells it which rules are on.
  let bytes = 0;
  for (const f of list) {
    try {
      if (f !== '-') bytes += statSync(resolve(io.cwd, f)).size;
    } catch {}
  }
  const early = !flags.follow && bytes >= WORKER_MIN_BYTES ? new DetectWorker({ bodies: flags.attacks !== false }) : undefined;
  try {
    return await logsRun(list, flags, io, bytes, early);
  } finally {
    await early?.close();
  }
}

async function logsRun(list: string[], flags: LogsFlags, io: CliIO, bytes: number, early: DetectWorker | undefined): Promise<number> {
  const toFile = flags.output !== undefined && flags.output !== '-';
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();

  const secretRules = await loadSecretRules();
  const defaults = new Map<string, Record<string, unknown> | undefined>();
  for (const c of LOG_CHECKS) defaults.set(c.id, c.defaultOptions ?? {});
  for (const r of secretRules) defaults.set(r.id, {});
  const named = Object.keys(loadConfig(flags.config, io.cwd).config.rules ?? {});
  const { config, file: configFile } = loadConfig(flags.config, io.cwd, { rules: await allRuleDefaults(named, defaults) });
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  const baseline = baselineFromFlags(flags.baseline, config.baseline, configFile, io);
  const attackOptions = attackOptionsFrom((id) => ruleConfig(config, id).options);

  const stdin = list.includes('-');
  const enabled = secretRules.map((r) => (ruleConfig(config, r.id).enabled ? 1 : 0));
  early?.enable(enabled);
  const worker = early ?? (!flags.follow && stdin ? { enabled } : undefined);
  const workerAfterLines = bytes >= WORKER_MIN_BYTES ? 0 : WORKER_STDIN_LINES;

  const abort = new AbortController();
  const onSigint = () => abort.abort();
  const inputs: LogInput[] = [];
  for (const f of list) {
    if (f === '-') {
      const stdin = await (io.readStdin ?? readStdin)();
      inputs.push({ source: '-', chunks: typeof stdin === 'string' ? textChunks(stdin) : stdin });
    } else {
      const abs = resolve(io.cwd, f);
      const shown = shownPath(abs, io.cwd);
      inputs.push(flags.follow ? { source: shown, chunks: followChunks(abs, abort.signal) } : fileInput(abs, shown));
    }
  }

  // --redact: lines go to stdout in batches (the texts of the engine's batches); nothing else does.
  let out: string[] = [];
  let outChars = 0;
  const flush = () => {
    if (out.length) io.stdout(`${out.join('\n')}\n`);
    out = [];
    outChars = 0;
  };
  if (flags.follow) process.on('SIGINT', onSigint);
  // The live view shares the terminal with nothing: not with redacted lines on it, not in CI.
  const live = io.stderrIsTTY && !flags.quiet && !inCI(io.env) && !(flags.redact && io.stdoutIsTTY) ? new LiveView(io) : undefined;
  let result: LogsResult;
  try {
    result = await scanLogs(inputs, {
      secretRules,
      config,
      baseline,
      attacks: flags.attacks !== false,
      attackOptions,
      worker,
      workerAfterLines,
      onProgress: live && ((scanner) => live.update(scanner)),
      onRedactedText: flags.redact
        ? (text) => {
            // Written before it grows past 48 K characters: a string of 128 KiB or more is allocated
            // apart by V8, and joining batches into such strings made --redact 30% slower.
            const full = outChars + text.length > 48 * 1024;
            if (full) flush();
            out.push(text);
            outChars += text.length;
            if (flags.follow) flush();
            // A pipe to a slower reader: wait until it took the lines (memory stays flat).
            return full || flags.follow ? io.stdoutDrained?.() : undefined;
          }
        : undefined,
    });
  } finally {
    if (flags.follow) process.off('SIGINT', onSigint);
    live?.clear();
  }
  flush();

  const err = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  for (const d of result.diagnostics) io.stderr(`rampart: ${d.file ? `${d.file}: ` : ''}${d.message}\n`);
  if (result.diagnostics.some((d) => d.level === 'error') && result.stats.lines === 0) return EXIT.usage;

  const { stats, ...forReport } = result;
  const reportToStderr = !toFile && flags.redact === true;
  const report = render(format, forReport, {
    color: !toFile && colorEnabled(io, flags.color, reportToStderr ? io.stderrIsTTY : io.stdoutIsTTY),
    verbose: flags.verbose,
    cwd: io.cwd,
  });
  if (toFile) writeOutputFile(resolve(io.cwd, flags.output as string), flags.output as string, report);
  else if (reportToStderr) {
    if (!flags.quiet) io.stderr(report);
  } else io.stdout(report);

  const code = exitCodeFor(result, failOn);
  if (!flags.quiet && (toFile || flags.verbose || format !== 'console')) {
    let line = `rampart: ${findingsPhrase(result, err)}; ${stats.lines} line${stats.lines === 1 ? '' : 's'} (${stats.sensitiveLines} with sensitive data, ${stats.requests} requests) in ${(result.durationMs / 1000).toFixed(1)} s`;
    if (toFile) line += `; report written to ${flags.output}`;
    io.stderr(`${line}\n`);
  }
  return code;
}

/** One status line on stderr, redrawn at most every LIVE_INTERVAL_MS, erased before the report. */
class LiveView {
  private last = 0;
  private shown = false;
  private readonly io: CliIO;
  constructor(io: CliIO) {
    this.io = io;
  }

  update(scanner: LogScanner): void {
    const now = Date.now();
    if (now - this.last < LIVE_INTERVAL_MS) return;
    this.last = now;
    this.io.stderr(`\r\x1b[2K${renderLive(scanner.live(), this.io.columns)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }
}

async function* textChunks(text: string): AsyncGenerator<string> {
  yield text;
}
