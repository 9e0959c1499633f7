import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { CONFIG_FILES, EXIT, exitCodeFor, type FailOn, loadConfig } from '../../core/index.ts';
import { ChangedSinceError } from '../../engines/scan/changed.ts';
import { type ScanResult, type StageProgress, scan } from '../../engines/scan/engine.ts';
import { enableLinearRegexFallback } from '../../engines/secrets/user-rules.ts';
import { UsageError } from '../errors.ts';
import { defaultFormat, formatForOutput, formatNames } from '../help.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { allRuleDefaults, baselineFromFlags, type CommonFlags, emitReport, shownPath } from '../prepare.ts';
import { type Colors, colors, diagnosticLine, findingsPhrase, Progress } from '../terminal.ts';

/** The flags every scanning command shares, and scan's own. */
export interface ScanFlags extends Pick<CommonFlags, 'config' | 'quiet' | 'verbose' | 'color' | 'failOn' | 'baseline'> {
  target?: string;
  openapi?: string;
  /** Live endpoints of other protocols; each wins over the config's `targets`. */
  graphql?: string;
  grpc?: string;
  websocket?: string;
  wsdl?: string;
  history?: boolean;
  changedSince?: string;
  /** `--no-record` sets it false. */
  record?: boolean;
  format?: string;
  output?: string;
  /** `--report sarif=rampart.sarif`: more reports of the same run. */
  report?: { format: string; file: string }[];
}

/** `--report FORMAT=FILE`, repeatable: CI wants SARIF and Markdown of one run. */
function parseReport(v: string, prev: ScanFlags['report']): NonNullable<ScanFlags['report']> {
  const m = /^([a-z]+)=(.+)$/.exec(v);
  if (!m) throw new UsageError(`--report ${v}: write it FORMAT=FILE, e.g. sarif=rampart.sarif`);
  if (!formatNames().includes(m[1]))
    throw new UsageError(`--report ${v}: unknown format ${m[1]} (choose one of: ${formatNames().join(', ')})`);
  return [...(prev ?? []), { format: m[1], file: m[2] }];
}

export const SCAN_DESCRIPTION = `Scan a project with every stage that applies, in parallel, as one run with one report and one exit code (for CI and pre-push). It finds in DIR: API definitions (OpenAPI 2.0/3.x and the other languages \`rampart audit\` reads) to audit; every file (Postman collections and environments included) for hard-coded secrets, and with --history every commit of git history; with --target (or \`target:\` in the config) the running API to probe, from --openapi or the one definition found; live GraphQL, gRPC, WebSocket and SOAP endpoints named under \`targets:\`; traffic (\`traffic:\` globs: HAR, access logs, OTLP) for the endpoint inventory; logs (\`logs:\` globs). The config is DIR/rampart.config.yaml (\`rampart init\` writes one), else the working directory's. --changed-since REF reports only findings in files changed since REF (pull requests); live findings are kept. Every full scan is recorded in the findings history (.rampart/history.db) unless --no-record.`;

export function scanHelpAfter(): string {
  return `
Examples:
  rampart scan                                      # this directory: definitions, secrets
  rampart scan . --target http://127.0.0.1:8080 --openapi api/openapi.yaml
  rampart scan --changed-since origin/main --format sarif -o rampart.sarif
  rampart scan --history --fail-on medium           # also every commit of git history
  rampart init                                      # write a commented rampart.config.yaml first

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, config or input error.
`;
}

/** Declares `rampart scan` on a command that already has the report options (see program.ts). */
export function defineScanCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  return cmd
    .summary('scan a project with every stage that applies: one report, one exit code (CI, pre-push)')
    .description(SCAN_DESCRIPTION)
    .argument('[dir]', 'the project directory (default: .)')
    .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in DIR, else in the working directory)')
    .option('-t, --target <url>', 'the running API to probe, e.g. http://127.0.0.1:8080 (config: target)')
    .option(
      '--openapi <file>',
      'the OpenAPI definition of the API to probe (default: target.openapi in the config, else the only one found)',
    )
    .option('--graphql <url>', 'also probe this GraphQL endpoint (config: targets.graphql)')
    .option('--grpc <host:port>', 'also probe this gRPC server (config: targets.grpc)')
    .option('--websocket <url>', 'also probe this WebSocket endpoint (config: targets.websocket)')
    .option('--wsdl <file|url>', 'also probe the SOAP service this WSDL describes (config: targets.wsdl)')
    .option('--history', 'also scan every commit of git history for secrets (config: scan.gitHistory)')
    .option('--changed-since <ref>', 'report only findings in files changed since this git ref (and commits since it), e.g. origin/main')
    .option('--no-record', 'do not record this scan in the findings history (config: scan.record)')
    .addOption(
      new Option(
        '--report <format=file>',
        'also write the report in this format to this file (repeatable), e.g. markdown=rampart.md',
      ).argParser(parseReport),
    )
    .option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)')
    .option('-v, --verbose', 'also list input problems and skipped files')
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText('after', () => scanHelpAfter())
    .action(async (dir: string | undefined, flags: ScanFlags) => {
      result.code = await scanCommand(dir ?? '.', flags, io);
    });
}

/** The config of a scan: --config, else DIR's, else the working directory's. */
function configFor(dir: string, flags: ScanFlags, io: CliIO, env?: Record<string, string | undefined>) {
  const inDir = CONFIG_FILES.some((f) => existsSync(resolve(dir, f)));
  const at = flags.config === undefined && inDir ? dir : io.cwd;
  return (rules?: Awaited<ReturnType<typeof allRuleDefaults>>) => loadConfig(flags.config, at, { rules, env });
}

function checkTarget(t: string): void {
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    throw new UsageError(`--target ${t}: not a URL; give the running API's base URL, e.g. http://127.0.0.1:8080`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new UsageError(`--target ${t}: must be an http:// or https:// URL`);
  if (url.username || url.password)
    throw new UsageError('--target: credentials in the URL are not sent; declare probe.identities in the config');
}

/** `--graphql URL` and the like: live endpoints of other protocols given on the command line. */
function protocolTargets(flags: ScanFlags, cwd: string): Record<string, string> | undefined {
  const given: Record<string, string> = {};
  for (const flag of ['graphql', 'grpc', 'websocket', 'wsdl'] as const) {
    const v = flags[flag];
    if (v === undefined) continue;
    if (v.trim() === '') throw new UsageError(`--${flag}: give the endpoint`);
    // A WSDL file is relative to where the command runs; the config's paths are relative to the config.
    given[flag] = flag === 'wsdl' && !/^https?:\/\//.test(v) ? resolve(cwd, v) : v;
  }
  return Object.keys(given).length ? given : undefined;
}

/** `rampart scan`: every stage, one report, one exit code. */
export async function scanCommand(dirArg: string, flags: ScanFlags, io: CliIO): Promise<number> {
  enableLinearRegexFallback();
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();
  const dir = resolve(io.cwd, dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dirArg}: no such directory`);
  if (flags.target !== undefined) checkTarget(flags.target);
  if (flags.openapi === '') throw new UsageError('--openapi: give a file name');

  // Credentials (${ENV} in identities) are read only when something will be probed.
  const first = configFor(dir, flags, io)().config;
  const given = protocolTargets(flags, io.cwd);
  const probing = flags.target !== undefined || first.target !== undefined || first.targets !== undefined || given !== undefined;
  const load = configFor(dir, flags, io, probing ? io.env : undefined);
  const loaded = load(await allRuleDefaults(Object.keys(first.rules ?? {})));
  const configFile = loaded.file;
  const config = given ? { ...loaded.config, targets: { ...loaded.config.targets, ...given } } : loaded.config;
  if (flags.openapi !== undefined && flags.target === undefined && config.target === undefined) {
    throw new UsageError('--openapi goes with --target or target: in the config (the definition of the running API to probe)');
  }
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  const baseline = baselineFromFlags(flags.baseline, config.baseline, configFile, io);

  const progress = new StagesProgress(io, flags.quiet === true);
  let result: ScanResult;
  try {
    result = await scan({
      dir,
      cwd: io.cwd,
      config,
      configFile,
      target: flags.target,
      openapi: flags.openapi,
      gitHistory: flags.history,
      changedSince: flags.changedSince,
      baseline,
      record:
        flags.record !== false && config.scan?.record !== false
          ? { file: config.scan?.historyFile && configFile ? resolve(configFile, '..', config.scan.historyFile) : undefined }
          : false,
      onProgress: (p) => progress.update(p),
    });
  } catch (e) {
    if (e instanceof ChangedSinceError) throw new UsageError(e.message);
    throw e;
  } finally {
    progress.done();
  }

  const err = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  const toFile = flags.output !== undefined && flags.output !== '-';
  if (toFile || format !== 'console') {
    for (const d of result.diagnostics) if (d.level === 'error' || !flags.quiet) io.stderr(`${diagnosticLine(d, err)}\n`);
  }
  if (flags.verbose && !flags.quiet) for (const s of result.skipped) io.stderr(`${err.dim(`rampart: skipped ${s.file}: ${s.reason}`)}\n`);

  const { stages: _stages, recorded: _recorded, unchanged: _unchanged, ...forReport } = result;
  await emitReport(format, forReport, flags, io, toFile);
  for (const r of flags.report ?? []) await emitReport(r.format, forReport, { output: r.file }, io, true);

  let code = exitCodeFor(result, failOn);
  if (result.scanned.length === 0 && code === EXIT.ok) {
    io.stderr(`rampart: nothing to scan in ${shownPath(dir, io.cwd)}\n`);
    code = EXIT.usage;
  }
  if (!flags.quiet) {
    const reports = flags.report?.map((r) => r.file);
    for (const line of scanSummary(result, err, { output: toFile ? flags.output : undefined, reports, failOn, exitCode: code })) {
      io.stderr(`${line}\n`);
    }
  }
  return code;
}

/** The stages, the findings, the history: what a developer reads after `rampart scan`. */
export function scanSummary(
  result: ScanResult,
  c: Colors,
  extra: { output?: string; reports?: string[]; failOn: string; exitCode: number },
): string[] {
  const stages = result.stages.map((s) => {
    const time = `${(s.durationMs / 1000).toFixed(1)} s`;
    if (s.failed) return `${s.stage} ${c.red('failed')}`;
    return `${s.stage} ${s.findings} (${s.what}, ${time})`;
  });
  const lines = [`rampart: stages: ${stages.join(' · ')}`];
  const bits = [findingsPhrase(result, c)];
  if (result.suppressed.baseline) bits.push(`${result.suppressed.baseline} in baseline`);
  if (result.suppressed.inline) bits.push(`${result.suppressed.inline} ignored inline`);
  if (result.unchanged) bits.push(`${result.unchanged} in unchanged files left out`);
  const errors = result.diagnostics.filter((d) => d.level === 'error').length;
  if (errors) bits.push(c.red(`${errors} error${errors === 1 ? '' : 's'}`));
  let line = `rampart: ${bits.join('; ')}`;
  const files = [extra.output, ...(extra.reports ?? [])].filter(Boolean);
  if (files.length) line += `; report${files.length > 1 ? 's' : ''} written to ${files.join(', ')}`;
  if (extra.exitCode === 1) line += ` (exit 1: at or above --fail-on ${extra.failOn})`;
  lines.push(line);
  if (result.recorded) lines.push(`History: +${result.recorded.newCount} new, -${result.recorded.fixedCount} fixed`);
  return lines;
}

/** One progress line for all stages running side by side. */
class StagesProgress {
  private readonly line: Progress;
  private readonly stages = new Map<string, StageProgress>();
  constructor(io: CliIO, quiet: boolean) {
    this.line = new Progress(io, quiet, 'scan');
  }

  update(p: StageProgress): void {
    this.stages.set(p.stage, p);
    // The engine announces every stage (done 0) before any runs: draw once there is something to show.
    if (p.done === 0 && !p.finished) return;
    const all = [...this.stages.values()];
    const finished = all.filter((s) => s.finished).length;
    const parts = all.map((s) => (s.finished ? `${s.stage} done` : `${s.stage} ${s.done}${s.total ? `/${s.total}` : ''} ${s.unit}`));
    this.line.file(`stages done · ${parts.join(' · ')}`, finished - 1, all.length);
  }

  done(): void {
    this.line.done();
  }
}
