import { probeCheckIds } from '../../checks/probe/registry.ts';
import { EXIT, exitCodeFor, type FailOn, loadConfig, type RunResult } from '../../core/index.ts';
import { type ProbeProgress, probe } from '../../engines/probe/engine.ts';
import type { IdentityConfig } from '../../engines/probe/types.ts';
import { PROTOCOL_PROBES, type ProtocolProbe, protocolChecks } from '../../engines/protocols/index.ts';
import { UsageError } from '../errors.ts';
import { defaultFormat, formatForOutput } from '../help.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { allRuleDefaults, baselineFromFlags, emitReport, parseRules } from '../prepare.ts';
import { type Colors, colors, diagnosticLine, findingsPhrase, Progress } from '../terminal.ts';

export interface ProbeFlags {
  target?: string;
  openapi?: string;
  postman?: string;
  environment?: string;
  har?: string;
  /** Beyond REST: one live endpoint of another protocol. */
  graphql?: string;
  grpc?: string;
  proto?: string[];
  websocket?: string;
  wsdl?: string;
  config?: string;
  rule?: string[];
  rate?: number;
  concurrency?: number;
  budget?: number;
  timeout?: number;
  exclude?: string[];
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  failOn?: FailOn;
  baseline?: string;
  format?: string;
  output?: string;
}

/** `rampart probe`: probe a running API, report, and turn the result into an exit code. */
export async function probeCommand(flags: ProbeFlags, io: CliIO): Promise<number> {
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();
  const protocols = PROTOCOL_PROBES.filter((p) => flags[p.flag] !== undefined);
  if (protocols.length > 1) throw new UsageError(`give one of ${protocols.map((p) => `--${p.flag}`).join(' or ')} per run`);
  if (flags.proto && !flags.grpc) throw new UsageError('--proto goes with --grpc (the .proto files of the gRPC service)');
  const protocol = protocols[0];
  if (protocol) return probeProtocol(protocol, flags[protocol.flag] as string, flags, io, format);
  const target = checkTarget(flags.target);
  const sources = [flags.openapi && '--openapi', flags.postman && '--postman', flags.har && '--har'].filter(Boolean);
  if (sources.length === 0)
    throw new UsageError(
      'probe needs the API description: --openapi FILE, --postman FILE or --har FILE (or --graphql URL, --grpc HOST:PORT, --websocket URL, --wsdl FILE|URL)',
    );
  if (sources.length > 1) throw new UsageError(`give one of --openapi, --postman or --har (got ${sources.join(' and ')})`);
  if (flags.environment && !flags.postman)
    throw new UsageError('--environment goes with --postman (a Postman environment for the collection)');
  for (const [flag, v] of [
    ['--openapi', flags.openapi],
    ['--postman', flags.postman],
    ['--environment', flags.environment],
    ['--har', flags.har],
  ] as const) {
    if (v === '') throw new UsageError(`${flag}: give a file name`);
  }
  for (const g of flags.exclude ?? []) if (!g.trim()) throw new UsageError('--exclude: give a glob on path templates, e.g. /admin/**');

  const { rules, config, failOn, baseline } = await probeSetup(flags, io, probeCheckIds());
  const progress = new Progress(io, flags.quiet === true, 'probing');
  let last: ProbeProgress | undefined;
  let result: RunResult;
  try {
    result = await (io.probe ?? probe)({
      target,
      openapi: flags.openapi,
      postman: flags.postman,
      environment: flags.environment,
      har: flags.har,
      config,
      cwd: io.cwd,
      rules,
      baseline,
      exclude: flags.exclude,
      run: { rate: flags.rate, concurrency: flags.concurrency, budget: flags.budget, timeoutMs: flags.timeout },
      onProgress: (p) => {
        last = p;
        const what =
          p.phase === 'checks' || p.phase === 'last' ? `${p.checksDone}/${p.checksTotal} checks ${p.running.join(', ')}` : p.phase;
        progress.file(`requests  ${what}`, Math.max(0, p.sent - 1), p.budget);
      },
    });
  } finally {
    progress.done();
  }

  const reached = result.scanned.includes(new URL(target).href) || result.scanned.some((s) => /^https?:/.test(s));
  return finishProbe(result, reached, target, last?.sent ?? 0, failOn, flags, io, format);
}

/**
 * What every probe run reads before it sends anything: `--rule` checked against the ids it can run, the
 * config (which may configure checks of any stage; options are checked against the checks' defaults),
 * the failing severity and the baseline.
 */
async function probeSetup(flags: ProbeFlags, io: CliIO, ids: string[]) {
  const rules = parseRules(flags.rule, ids, { noun: 'check', lister: '`rampart rules --stage probe`' });
  const named = Object.keys(loadConfig(flags.config, io.cwd, { env: io.env }).config.rules ?? {});
  const defaults = await allRuleDefaults(named);
  const { config, file: configFile } = loadConfig(flags.config, io.cwd, { rules: defaults, env: io.env });
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  const baseline = baselineFromFlags(flags.baseline, config.baseline, configFile, io);
  return { rules, config, failOn, baseline };
}

/** `rampart probe --graphql URL` and the other protocols: their engine, the same config, report and exit code. */
async function probeProtocol(protocol: ProtocolProbe, given: string, flags: ProbeFlags, io: CliIO, format: string): Promise<number> {
  if (given === '') throw new UsageError(`--${protocol.flag}: give the endpoint`);
  const ids = [...probeCheckIds(), ...(await protocolChecks('probe')).map((c) => c.id)];
  const { rules, config, failOn, baseline } = await probeSetup(flags, io, ids);
  const progress = new Progress(io, flags.quiet === true, 'probing');
  let sent = 0;
  let result: RunResult;
  try {
    result = await protocol.probe({
      target: given,
      scope: flags.target,
      proto: flags.proto,
      config,
      cwd: io.cwd,
      rules,
      baseline,
      identities: (config.probe?.identities as IdentityConfig[] | undefined) ?? [],
      run: { rate: flags.rate, concurrency: flags.concurrency, budget: flags.budget, timeoutMs: flags.timeout },
      onProgress: (p) => {
        sent = p.sent;
        progress.file(`requests  ${p.what}`, Math.max(0, p.sent - 1), p.budget);
      },
    });
  } finally {
    progress.done();
  }
  return finishProbe(result, result.scanned.length > 0, given, sent, failOn, flags, io, format);
}

/** Errors, the report, the summary line and the exit code of a probe run. */
async function finishProbe(
  result: RunResult,
  reached: boolean,
  target: string,
  sent: number,
  failOn: FailOn,
  flags: ProbeFlags,
  io: CliIO,
  format: string,
): Promise<number> {
  const err = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  const toFile = flags.output !== undefined && flags.output !== '-';
  const consoleOnStdout = !toFile && format === 'console';
  if (!reached) {
    // Nothing was probed: the error is the whole story.
    for (const d of result.diagnostics) {
      if (d.level !== 'error') continue;
      const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
      io.stderr(`rampart: ${where}${d.message}\n`);
    }
    return EXIT.usage;
  }
  if (!consoleOnStdout) {
    for (const d of result.diagnostics) if (d.level === 'error' || !flags.quiet) io.stderr(`${diagnosticLine(d, err)}\n`);
  }
  await emitReport(format, result, flags, io, toFile);

  const code = exitCodeFor(result, failOn);
  if (!flags.quiet && (toFile || format !== 'console' || flags.verbose)) {
    io.stderr(`${summary(result, err, target, sent, { output: toFile ? flags.output : undefined, failOn, exitCode: code })}\n`);
  }
  return code;
}

function checkTarget(t: string | undefined): string {
  if (t === undefined || t === '') throw new UsageError('probe needs --target URL, the running API, e.g. --target http://127.0.0.1:8080');
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    throw new UsageError(`--target ${t}: not a URL; give the API's base URL, e.g. http://127.0.0.1:8080/api`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target ${t}: must be an http:// or https:// URL`);
  if (url.username || url.password) {
    throw new UsageError(`--target: credentials in the URL are not sent; declare identities under probe.identities in the config`);
  }
  return url.href;
}

function summary(
  result: RunResult,
  c: Colors,
  target: string,
  requests: number,
  extra: { output?: string; failOn: string; exitCode: number },
): string {
  const bits = [
    `${findingsPhrase(result, c)} on ${target} (${requests} request${requests === 1 ? '' : 's'}, ${(result.durationMs / 1000).toFixed(1)} s)`,
  ];
  if (result.suppressed.baseline) bits.push(`${result.suppressed.baseline} in baseline`);
  const errors = result.diagnostics.filter((d) => d.level === 'error').length;
  if (errors) bits.push(c.red(`${errors} error${errors === 1 ? '' : 's'}`));
  let line = `rampart: ${bits.join('; ')}`;
  if (extra.output) line += `; report written to ${extra.output}`;
  if (extra.exitCode === 1) line += ` (exit 1: at or above --fail-on ${extra.failOn})`;
  return line;
}
