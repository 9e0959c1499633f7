/**
 * `rampart logs` once its inputs are known (logs.ts declares the command and starts the detecting
 * thread before this module and what it needs load): rules, config, the scan, the report.
 */
import { resolve } from 'node:path';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import { EXIT, exitCodeFor, type FailOn, loadConfig, ruleConfig } from '../../core/index.ts';
import { attackOptionsFrom, LOG_CHECKS } from '../../engines/runtime/logs/checks.ts';
import type { DetectWorker } from '../../engines/runtime/logs/detect-thread.ts';
import { fileInput, type LogInput, type LogScanner, type LogsResult, scanLogs } from '../../engines/runtime/logs/engine.ts';
import { followChunks } from '../../engines/runtime/logs/follow.ts';
import { LIVE_INTERVAL_MS, renderLive } from '../../engines/runtime/logs/live.ts';
import { renderLazily } from '../../reporters/lazy.ts';
import { defaultFormat, formatForOutput } from '../help.ts';
import { type CliIO, colorEnabled, inCI } from '../io.ts';
import { allRuleDefaults, baselineFromFlags, shownPath, writeOutputFile } from '../prepare.ts';
import { colors, findingsPhrase } from '../terminal.ts';
import type { LogsFlags } from './logs.ts';
import { readStdin } from './secrets.ts';

/** Standard input has no size: the second thread starts once this many lines came (about 16 MB). */
const WORKER_STDIN_LINES = 50_000;

export async function logsRun(list: string[], flags: LogsFlags, io: CliIO, early: DetectWorker | undefined): Promise<number> {
  const toFile = flags.output !== undefined && flags.output !== '-';
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();

  const named = Object.keys(loadConfig(flags.config, io.cwd).config.rules ?? {});
  const defaults = new Map<string, Record<string, unknown> | undefined>();
  for (const c of LOG_CHECKS) defaults.set(c.id, c.defaultOptions ?? {});
  // The secret rules (a few hundred modules) are loaded on this thread only if it detects
  // itself or the config names them; else the detecting thread has them all on, and this thread loads
  // them only for a batch that thread could not answer.
  const loadHere = !early || named.some((id) => !defaults.has(id));
  const secretRules = loadHere ? await loadSecretRules() : undefined;
  for (const r of secretRules ?? []) defaults.set(r.id, {});
  const { config, file: configFile } = loadConfig(flags.config, io.cwd, { rules: await allRuleDefaults(named, defaults) });
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  const baseline = baselineFromFlags(flags.baseline, config.baseline, configFile, io);
  const attackOptions = attackOptionsFrom((id) => ruleConfig(config, id).options);

  const stdin = list.includes('-');
  const enabled = secretRules?.map((r) => (ruleConfig(config, r.id).enabled ? 1 : 0));
  if (enabled) early?.enable(enabled);
  const worker = early ?? (!flags.follow && stdin ? { enabled } : undefined);
  const workerAfterLines = early ? 0 : WORKER_STDIN_LINES;

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
      loadSecretRules: secretRules ? undefined : loadSecretRules,
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
  const report = await renderLazily(format, forReport, {
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
