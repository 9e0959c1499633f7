import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { loadRuntimeCheck, runtimeCheckIds } from '../../checks/runtime/registry.ts';
import { EXIT, exitCodeFor, type FailOn, loadConfig } from '../../core/index.ts';
import { serializeDraft } from '../../engines/runtime/inventory/emit-openapi.ts';
import { inventory } from '../../engines/runtime/inventory/engine.ts';
import type { InventoryEndpoint, InventoryResult } from '../../engines/runtime/inventory/types.ts';
import { SENSITIVE_LABELS } from '../../engines/runtime/sensitive.ts';
import { ACCESS_LOG_FORMATS, type AccessLogFormat, FIELD_NAMES, type FieldMapping } from '../../formats/traffic/access-log.ts';
import { render } from '../../reporters/index.ts';
import { UsageError } from '../errors.ts';
import { defaultFormat, formatForOutput } from '../help.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { allRuleDefaults, baselineFromFlags, parseRules, writeOutputFile } from '../prepare.ts';
import { type Colors, colors, diagnosticLine, findingsPhrase, Progress } from '../terminal.ts';

export const INVENTORY_DESCRIPTION = `Build the inventory of the endpoints real traffic reaches, and compare it with your OpenAPI definitions. Traffic comes from HAR captures (browser dev tools, Charles, Fiddler, Insomnia, mitmproxy; UTF-8 BOM, HAR 1.3, base64 bodies and WebSocket messages are handled), access logs (nginx/Apache common, combined and vhost forms, W3C/IIS, AWS ALB/ELB, Caddy and Cloudflare JSON, JSON lines with --log-fields; the format is detected per file) and OpenTelemetry OTLP/JSON traces (HTTP server spans; http.route is taken as the template). Files are streamed: memory stays flat whatever their size. Concrete URLs become path templates: numbers, UUIDs, ObjectIds, hashes, dates, emails, slugs and opaque tokens are parameters; words and versions (v2, 2023-10-17) stay; the definitions' templates win; --hint forces or forbids a parameter. For each endpoint: hosts, requests, status classes, first and last seen, the credentials requests carried and the sensitive data kinds (card numbers, IBANs, emails, JWTs, US SSNs, phone numbers) seen in requests and responses. With --openapi, findings (OWASP API9:2023): shadow endpoints (in traffic, not documented), zombie endpoints (an older version still answering while a newer one is documented, or a deprecated operation still called) and documented endpoints never seen. Evidence is a sample request with credentials, cookies and sensitive values redacted. --emit-openapi FILE writes an OpenAPI 3.1 draft of what traffic shows.`;

export function inventoryHelpAfter(): string {
  return `
Examples:
  rampart inventory --har capture.har --openapi openapi.yaml
  rampart inventory --access-log /var/log/nginx/access.log* --openapi api.yaml --format sarif -o inventory.sarif
  rampart inventory --otlp traces.json --emit-openapi observed.yaml
  rampart inventory --access-log app.jsonl --log-fields method=req.method,url=req.url,status=res.statusCode
  rampart inventory --har a.har --hint '/post/{slug}' --hint '/docs/^'

Hints: /post/{id} makes the segment after /post a parameter named id; /post/^ keeps it literal; * leaves a
segment to guessing. A hint applies to every path that starts like it.
`;
}

export interface InventoryFlags {
  har?: string[];
  accessLog?: string[];
  otlp?: string[];
  openapi?: string[];
  hint?: string[];
  emitOpenapi?: string;
  logFormat?: AccessLogFormat | 'auto';
  logFields?: FieldMapping;
  includeStatic?: boolean;
  config?: string;
  rule?: string[];
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  failOn?: FailOn;
  baseline?: string;
  format?: string;
  output?: string;
}

function collect(v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), v];
}

/** `method=req.method,url=req.url` → mapping, each key checked. */
export function parseLogFields(v: string, prev?: FieldMapping): FieldMapping {
  const out: FieldMapping = { ...prev };
  for (const part of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq).trim();
    const path = eq === -1 ? '' : part.slice(eq + 1).trim();
    if (!(FIELD_NAMES as readonly string[]).includes(key))
      throw new UsageError(`--log-fields ${part}: unknown field "${key}" (fields: ${FIELD_NAMES.join(', ')})`);
    if (!path) throw new UsageError(`--log-fields ${part}: give the JSON path, e.g. ${key}=req.${key}`);
    out[key as keyof FieldMapping] = path;
  }
  return out;
}

function parseLogFormat(v: string): AccessLogFormat | 'auto' {
  if (v !== 'auto' && !(ACCESS_LOG_FORMATS as readonly string[]).includes(v))
    throw new UsageError(`--log-format ${v}: must be auto or one of ${ACCESS_LOG_FORMATS.join(', ')}`);
  return v as AccessLogFormat | 'auto';
}

/** Declares `rampart inventory` on a command that already has the report options (see program.ts). */
export function defineInventoryCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  return cmd
    .summary('inventory the endpoints real traffic reaches: shadow and zombie endpoints against the definitions')
    .description(INVENTORY_DESCRIPTION)
    .addOption(new Option('--har <file...>', 'HAR captures (repeatable)').argParser(collect))
    .addOption(new Option('--access-log <file...>', 'access logs, plain or .gz (repeatable)').argParser(collect))
    .addOption(
      new Option('--otlp <file...>', 'OpenTelemetry OTLP/JSON trace exports, one document or one per line (repeatable)').argParser(collect),
    )
    .addOption(new Option('--openapi <file...>', 'OpenAPI 2.0/3.x definitions to compare traffic with (repeatable)').argParser(collect))
    .addOption(
      new Option(
        '--hint <template...>',
        'path hints: /post/{id} forces a parameter, /post/^ keeps the segment literal (repeatable)',
      ).argParser(collect),
    )
    .option('--emit-openapi <file>', 'write an OpenAPI 3.1 draft of the observed API (.yaml/.yml: YAML, else JSON)')
    .addOption(
      new Option('--log-format <name>', `access-log format: auto (default) or ${ACCESS_LOG_FORMATS.join(', ')}`).argParser(parseLogFormat),
    )
    .addOption(
      new Option(
        '--log-fields <map>',
        `JSON-lines logs: where the fields are, e.g. method=req.method,url=req.url,status=res.statusCode (fields: ${FIELD_NAMES.join(', ')})`,
      ).argParser((v: string, prev?: FieldMapping) => parseLogFields(v, prev)),
    )
    .option('--include-static', 'keep images, scripts, styles, fonts and media in the inventory (default: left out)')
    .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in the current directory)')
    .addOption(new Option('-r, --rule <id...>', 'run only these checks: ids separated by commas (`rampart rules`)').argParser(collect))
    .addOption(new Option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)').conflicts('verbose'))
    .option('-v, --verbose', 'every endpoint in the table (default: the first 100), and notes about the inputs')
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText('after', () => inventoryHelpAfter())
    .action(async (flags: InventoryFlags) => {
      result.code = await inventoryCommand(flags, io);
    });
}

/** `rampart inventory`: read traffic, report, and turn the result into an exit code. */
export async function inventoryCommand(flags: InventoryFlags, io: CliIO): Promise<number> {
  const format = flags.format ?? formatForOutput(flags.output) ?? defaultFormat();
  const traffic = [...(flags.har ?? []), ...(flags.accessLog ?? []), ...(flags.otlp ?? [])];
  if (traffic.length === 0) throw new UsageError('inventory needs traffic: --har FILE, --access-log FILE or --otlp FILE');
  for (const [flag, v] of [
    ['--har', flags.har],
    ['--access-log', flags.accessLog],
    ['--otlp', flags.otlp],
    ['--openapi', flags.openapi],
  ] as const) {
    if (v?.some((f) => f.trim() === '')) throw new UsageError(`${flag}: give a file name`);
  }
  if (flags.emitOpenapi === '') throw new UsageError('--emit-openapi: give a file name');

  // One config serves every command: options of any check are checked against that check's defaults.
  const runtimeIds = runtimeCheckIds();
  const inventoryIds: string[] = [];
  const defaults = new Map<string, Record<string, unknown> | undefined>();
  for (const id of runtimeIds) {
    const c = await loadRuntimeCheck(id);
    defaults.set(id, c.defaultOptions ?? {});
    if (c.input === 'inventory') inventoryIds.push(id);
  }
  const rules = parseRules(flags.rule, inventoryIds, { noun: 'check', lister: '`rampart rules`' });
  const named = Object.keys(loadConfig(flags.config, io.cwd).config.rules ?? {});
  const { config, file: configFile } = loadConfig(flags.config, io.cwd, { rules: await allRuleDefaults(named, defaults) });
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'high';
  const baseline = baselineFromFlags(flags.baseline, config.baseline, configFile, io);

  const progress = new Progress(io, flags.quiet === true, 'reading');
  let result: InventoryResult;
  try {
    result = await inventory({
      har: flags.har,
      accessLog: flags.accessLog,
      otlp: flags.otlp,
      openapi: flags.openapi,
      hints: flags.hint,
      emitOpenApi: flags.emitOpenapi !== undefined,
      logFormat: flags.logFormat,
      logFields: flags.logFields,
      includeStatic: flags.includeStatic,
      cwd: io.cwd,
      config,
      rules,
      baseline,
      onFile: (file, i, total) => progress.file(file, i, total),
    });
  } finally {
    progress.done();
  }

  const err = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
  const hintErrors = result.diagnostics.filter((d) => d.level === 'error' && d.message.startsWith('--hint'));
  if (hintErrors.length) throw new UsageError(hintErrors[0].message);
  const defErrors = result.diagnostics.filter(
    (d) => d.level === 'error' && d.file !== undefined && result.definitionFiles.includes(d.file),
  );
  const unreadDefs = (flags.openapi?.length ?? 0) > result.definitionFiles.length;
  if (result.trafficFiles.length === 0 || unreadDefs || defErrors.length) {
    // Nothing to compare: the errors are the whole story.
    for (const d of result.diagnostics) if (d.level === 'error') io.stderr(`rampart: ${diagnosticText(d)}\n`);
    if (result.trafficFiles.length === 0)
      io.stderr(`rampart: no traffic could be read from ${traffic.length === 1 ? traffic[0] : `${traffic.length} files`}\n`);
    return EXIT.usage;
  }

  const toFile = flags.output !== undefined && flags.output !== '-';
  const consoleOnStdout = !toFile && format === 'console';
  // The console report lists input problems itself; other formats carry them as data, so a human also
  // gets them on stderr.
  if (!consoleOnStdout) {
    for (const d of result.diagnostics) {
      if (d.level === 'error' || (!flags.quiet && (d.level === 'warning' || flags.verbose))) io.stderr(`${diagnosticLine(d, err)}\n`);
    }
  }

  if (flags.emitOpenapi) {
    const abs = resolve(io.cwd, flags.emitOpenapi);
    writeOutputFile(abs, flags.emitOpenapi, serializeDraft(result.openapi ?? {}, flags.emitOpenapi), 'the OpenAPI draft');
    if (!flags.quiet) {
      const n = Object.keys((result.openapi?.paths as object) ?? {}).length;
      io.stderr(`rampart: OpenAPI 3.1 draft with ${n} path${n === 1 ? '' : 's'} written to ${flags.emitOpenapi}\n`);
    }
  }

  const { openapi: _draft, trafficFiles: _t, definitionFiles: _d, ...forReport } = result;
  let report = render(format, forReport, {
    color: !toFile && colorEnabled(io, flags.color, io.stdoutIsTTY),
    verbose: flags.verbose,
    cwd: io.cwd,
  });
  const out = colors(!toFile && colorEnabled(io, flags.color, io.stdoutIsTTY));
  if (format === 'console') report = `${inventoryTable(result.inventory, out, flags.verbose === true, io.columns)}\n${report}`;
  else if (format === 'markdown') report = `${report.trimEnd()}\n\n${inventoryMarkdown(result.inventory)}`;
  if (toFile) writeOutputFile(resolve(io.cwd, flags.output as string), flags.output as string, report, 'the report');
  else io.stdout(report);

  const code = exitCodeFor(result, failOn);
  if (!flags.quiet && (!consoleOnStdout || flags.verbose)) {
    const s = result.stats;
    let line = `rampart: ${findingsPhrase(result, err)}; ${s.endpoints} endpoint${s.endpoints === 1 ? '' : 's'} from ${s.records} request${s.records === 1 ? '' : 's'} in ${(result.durationMs / 1000).toFixed(1)} s`;
    if (s.staticSkipped) line += ` (${s.staticSkipped} static asset${s.staticSkipped === 1 ? '' : 's'} left out)`;
    if (toFile) line += `; report written to ${flags.output}`;
    if (code === 1) line += ` (exit 1: at or above --fail-on ${failOn})`;
    io.stderr(`${line}\n`);
  }
  return code;
}

function diagnosticText(d: { file?: string; line?: number; column?: number; message: string }): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  return `${where}${d.message}`;
}

// ------------------------------------------------------------------------------------------- tables

const MAX_ROWS = 100;

function statusText(s: Record<string, number>): string {
  return Object.keys(s)
    .sort()
    .map((k) => `${k}:${s[k]}`)
    .join(' ');
}

function docText(e: InventoryEndpoint, anyDocs: boolean): string {
  if (!anyDocs) return '';
  if (!e.inScope) return 'other host';
  if (!e.documented) return 'undocumented';
  return e.documented.deprecated ? 'deprecated' : 'documented';
}

function sensitiveText(e: InventoryEndpoint): string {
  const parts: string[] = [];
  if (e.sensitive.request.length) parts.push(`req: ${e.sensitive.request.join(',')}`);
  if (e.sensitive.response.length) parts.push(`res: ${e.sensitive.response.join(',')}`);
  return parts.join(' ');
}

/** The inventory as a terminal table (the first MAX_ROWS rows unless verbose). */
export function inventoryTable(list: InventoryEndpoint[], c: Colors, verbose: boolean, columns = 120): string {
  if (list.length === 0) return 'Endpoint inventory: no endpoint seen.\n';
  const anyDocs = list.some((e) => e.documented);
  const rows = verbose ? list : list.slice(0, MAX_ROWS);
  const pathWidth = Math.max(24, Math.min(Math.max(...rows.map((e) => e.path.length)), columns - 60));
  const methodWidth = Math.min(10, Math.max(6, ...rows.map((e) => e.method.length)));
  const lines = [c.bold(`Endpoint inventory (${list.length} endpoint${list.length === 1 ? '' : 's'})`)];
  lines.push(c.dim(`${'METHOD'.padEnd(methodWidth)} ${'PATH'.padEnd(pathWidth)} ${'REQS'.padStart(6)}  STATUS / AUTH / DATA`));
  for (const e of rows) {
    const path = e.path.length > pathWidth ? `${e.path.slice(0, pathWidth - 1)}…` : e.path.padEnd(pathWidth);
    const doc = docText(e, anyDocs);
    const docShown = doc === 'undocumented' ? c.yellow(doc) : doc === 'deprecated' ? c.red(doc) : c.dim(doc);
    const auth = e.credentials.requests ? `auth ${e.credentials.requests}/${e.count}` : c.dim('no auth');
    const data = sensitiveText(e);
    lines.push(
      `${(e.method.length > methodWidth ? `${e.method.slice(0, methodWidth - 1)}…` : e.method).padEnd(methodWidth)} ${path} ${String(e.count).padStart(6)}  ${statusText(e.status)}  ${auth}${data ? `  ${c.magenta(data)}` : ''}${doc ? `  ${docShown}` : ''}`,
    );
  }
  if (rows.length < list.length)
    lines.push(c.dim(`… and ${list.length - rows.length} more (--verbose shows all, --format json lists all)`));
  return `${lines.join('\n')}\n`;
}

function md(s: string): string {
  return s.replace(/[|\\`*_<>[\]]/g, (ch) => `\\${ch}`);
}

export function inventoryMarkdown(list: InventoryEndpoint[]): string {
  const lines = ['## Endpoint inventory', ''];
  if (list.length === 0) return `${lines.join('\n')}No endpoint seen.\n`;
  lines.push('| Method | Path | Requests | Status | Credentials | Sensitive data | Definition | First seen | Last seen |');
  lines.push('|---|---|---:|---|---|---|---|---|---|');
  const anyDocs = list.some((e) => e.documented);
  for (const e of list) {
    const kinds = [...new Set([...e.sensitive.request, ...e.sensitive.response])].map((k) => SENSITIVE_LABELS[k]).join(', ');
    lines.push(
      `| ${md(e.method)} | \`${e.path.replace(/`/g, "'")}\` | ${e.count} | ${md(statusText(e.status))} | ${md(e.credentials.kinds.join(', ') || 'none')} | ${md(kinds)} | ${docText(e, anyDocs)} | ${e.firstSeen ?? ''} | ${e.lastSeen ?? ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
