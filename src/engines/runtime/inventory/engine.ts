/**
 * `rampart inventory`: streams HAR files, access logs and OTLP traces, turns URLs into path templates,
 * builds the endpoint inventory, compares it with the given OpenAPI definitions through the inventory
 * checks (shadow, zombie and unused endpoints), and can write an OpenAPI 3.1 draft of what traffic shows.
 */
import { resolve } from 'node:path';
import { loadInventoryChecks } from '../../../checks/runtime/registry.ts';
import {
  type CheckMeta,
  type Config,
  checkFailed,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  finishRun,
  formatMessage,
  type HttpLocation,
  ruleConfig,
  sha256,
} from '../../../core/index.ts';
import type { AccessLogFormat, FieldMapping } from '../../../formats/traffic/access-log.ts';
import { readTraffic, type TrafficKind } from '../../../formats/traffic/index.ts';
import { mediaType, TrafficError, type TrafficRecord } from '../../../formats/traffic/types.ts';
import { toDisplayPath } from '../../design/discover.ts';
import { EndpointAgg } from './aggregate.ts';
import { type DocumentedOperation, type LoadedDefinitions, loadDefinitions } from './definitions.ts';
import { buildOpenApiDraft } from './emit-openapi.ts';
import { type Hint, parseHint, Templater } from './template.ts';
import type { InventoryCheck, InventoryEndpoint, InventoryReport, InventoryResult } from './types.ts';

export interface InventoryOptions {
  har?: string[];
  accessLog?: string[];
  otlp?: string[];
  /** OpenAPI definitions to compare with. */
  openapi?: string[];
  /** Path hints: `/post/{id}` forces a parameter, `/post/^` keeps the segment literal. */
  hints?: string[];
  /** Build the OpenAPI 3.1 draft (`result.openapi`). */
  emitOpenApi?: boolean;
  /** Access logs: skip detection. */
  logFormat?: AccessLogFormat | 'auto';
  /** JSON-lines logs: where the fields are. */
  logFields?: FieldMapping;
  /** Keep images, scripts, styles, fonts and media in the inventory (default: left out). */
  includeStatic?: boolean;
  cwd?: string;
  config?: Config;
  rules?: string[];
  baseline?: Set<string>;
  /** Checks to run instead of the registry's (tests). */
  checks?: InventoryCheck[];
  onFile?: (file: string, index: number, total: number) => void;
}

const STATIC_EXT =
  /\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|css|js|mjs|map|woff2?|ttf|otf|eot|mp4|webm|mp3|ogg|wav|m4a|mov|avi|flv|swf|pdf|zip|gz|tgz|wasm)$/i;
const STATIC_TYPES = new Set(['image', 'font', 'stylesheet', 'script', 'media', 'manifest', 'texttrack', 'imageset']);

/** Images, scripts, styles, fonts and media: not API endpoints. */
export function isStaticAsset(r: TrafficRecord): boolean {
  if (r.resourceType && STATIC_TYPES.has(r.resourceType)) return true;
  if (r.method !== 'GET' && r.method !== 'HEAD') return false;
  if (STATIC_EXT.test(r.path)) return true;
  const ct = r.responseBody?.mimeType ?? mediaType(r.responseHeaders?.find(([n]) => n === 'content-type')?.[1]);
  if (!ct) return false;
  return (
    ct.startsWith('image/') ||
    ct.startsWith('font/') ||
    ct.startsWith('video/') ||
    ct.startsWith('audio/') ||
    ct === 'text/css' ||
    ct === 'application/javascript' ||
    ct === 'text/javascript' ||
    ct === 'application/x-javascript' ||
    ct === 'application/font-woff' ||
    ct === 'application/wasm'
  );
}

function metaOf(c: InventoryCheck): CheckMeta {
  const { run: _run, input: _input, needsDefinitions: _n, ...meta } = c;
  return meta;
}

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

export async function inventory(opts: InventoryOptions): Promise<InventoryResult> {
  const started = Date.now();
  const cwd = opts.cwd ?? process.cwd();
  const config = opts.config ?? {};
  const diagnostics: Diagnostic[] = [];
  const scanned: string[] = [];
  const trafficFiles: string[] = [];
  const suppressed = { inline: 0, baseline: 0, config: 0 };

  const hints: Hint[] = [];
  for (const h of opts.hints ?? []) {
    try {
      hints.push(parseHint(h));
    } catch (e) {
      diagnostics.push({ level: 'error', message: `--hint: ${(e as Error).message}` });
    }
  }

  let defs: LoadedDefinitions = { operations: [], hosts: new Set(), files: [], diagnostics: [] };
  if (opts.openapi?.length) {
    defs = loadDefinitions(opts.openapi, cwd);
    diagnostics.push(...defs.diagnostics);
    scanned.push(...defs.files);
  }
  // Flattened templates of the definitions → the operations declared at that template.
  const docTemplates: string[] = [];
  const opsAt: DocumentedOperation[][] = [];
  const templateIndex = new Map<string, number>();
  for (const op of defs.operations) {
    for (const t of op.templates) {
      let i = templateIndex.get(t);
      if (i === undefined) {
        i = docTemplates.length;
        templateIndex.set(t, i);
        docTemplates.push(t);
        opsAt.push([]);
      }
      opsAt[i].push(op);
    }
  }
  const templater = new Templater({ documented: docTemplates, hints });

  const fixed = new Map<string, { agg: EndpointAgg; template: string; from: InventoryEndpoint['templateFrom']; doc?: number }>();
  const pending = new Map<string, { agg: EndpointAgg; key: string; hinted: boolean }>();
  let records = 0;
  let staticSkipped = 0;
  const hosts = defs.hosts;

  const inputs: { kind: TrafficKind; file: string }[] = [
    ...(opts.har ?? []).map((file) => ({ kind: 'har' as const, file })),
    ...(opts.accessLog ?? []).map((file) => ({ kind: 'access-log' as const, file })),
    ...(opts.otlp ?? []).map((file) => ({ kind: 'otlp' as const, file })),
  ];
  let index = 0;
  for (const input of inputs) {
    const abs = resolve(cwd, input.file);
    const display = toDisplayPath(abs, cwd);
    opts.onFile?.(display, index++, inputs.length);
    let read = 0;
    try {
      const stream = readTraffic(input.kind, abs, display, {
        format: opts.logFormat,
        fields: opts.logFields,
        onNote: (n) => diagnostics.push({ level: n.level, message: n.message, file: display, line: n.line, column: n.column }),
      });
      for await (const r of stream) {
        read++;
        records++;
        if (r.method === '-' || r.method === 'CONNECT') continue;
        if (!opts.includeStatic && isStaticAsset(r)) {
          staticSkipped++;
          continue;
        }
        const inScope = hosts.size === 0 || r.host === undefined || hosts.has(r.host);
        const a = templater.assign(r.path, r.route);
        if (a.fixed) {
          const k = `${r.method} ${a.template}`;
          let e = fixed.get(k);
          if (!e) {
            e = {
              agg: new EndpointAgg(r.method),
              template: a.template,
              from: a.documented !== undefined ? 'definition' : 'route',
              doc: a.documented,
            };
            fixed.set(k, e);
          }
          e.agg.add(r, inScope);
        } else {
          const k = `${r.method} ${a.key}`;
          let e = pending.get(k);
          if (!e) {
            e = { agg: new EndpointAgg(r.method), key: a.key, hinted: a.key.includes('\u0002') || a.key.includes('\u0001=') };
            pending.set(k, e);
          }
          e.agg.add(r, inScope);
        }
      }
      scanned.push(display);
      trafficFiles.push(display);
    } catch (e) {
      // A reader's bug loses this file, not the run.
      if (e instanceof TrafficError) diagnostics.push({ level: 'error', message: e.message, file: e.file, line: e.line, column: e.column });
      else
        diagnostics.push({
          level: 'error',
          message: `internal error while reading this file: ${(e as Error)?.message ?? String(e)}`,
          file: display,
        });
      if (read > 0) {
        scanned.push(display);
        trafficFiles.push(display);
      }
    }
  }

  // Second pass: pre-templates → templates, aggregates of the same endpoint folded together.
  const finals = templater.finalize(new Set([...pending.values()].map((p) => p.key)));
  const endpoints = new Map<string, { agg: EndpointAgg; template: string; from: InventoryEndpoint['templateFrom']; doc?: number }>();
  for (const [k, e] of fixed) endpoints.set(k, e);
  for (const p of pending.values()) {
    const template = finals.get(p.key) as string;
    const k = `${p.agg.method} ${template}`;
    const have = endpoints.get(k);
    if (have) have.agg.absorb(p.agg);
    else endpoints.set(k, { agg: p.agg, template, from: p.hinted ? 'hint' : 'guess' });
  }

  // Scope: traffic on the definitions' hosts. None at all (a capture of localhost against a definition
  // naming api.example.com): compare everything.
  let anyInScope = false;
  for (const e of endpoints.values()) if (e.agg.inScope) anyInScope = true;
  if (!anyInScope && hosts.size > 0 && endpoints.size > 0) {
    for (const e of endpoints.values()) e.agg.inScope = true;
    diagnostics.push({
      level: 'note',
      message: `no traffic went to the hosts of the definitions (${[...hosts].slice(0, 3).join(', ')}); all traffic is compared with them`,
    });
  }

  // Documented operation of each endpoint, and requests per operation.
  const seenCount = new Map<DocumentedOperation, number>();
  const endpointsOfOp = new Map<DocumentedOperation, InventoryEndpoint[]>();
  const list: InventoryEndpoint[] = [];
  const route = new Map<string, number>();
  for (const e of endpoints.values()) {
    let doc = e.doc;
    if (doc === undefined && e.from === 'route') {
      // A server route names its parameters its own way: compare shapes.
      const shape = e.template.replace(/\{[^}]+\}/g, '{}');
      if (!route.size) for (const [i, t] of docTemplates.entries()) route.set(t.replace(/\{[^}]+\}/g, '{}'), i);
      doc = route.get(shape);
    }
    const method = e.agg.method;
    const ops = doc === undefined ? [] : opsAt[doc];
    const op = ops.find((o) => o.method === method) ?? (method === 'HEAD' ? ops.find((o) => o.method === 'GET') : undefined);
    const template = doc !== undefined ? docTemplates[doc] : e.template;
    const agg = e.agg;
    const ep: InventoryEndpoint = {
      method,
      path: template,
      templateFrom: doc !== undefined ? 'definition' : e.from,
      hosts: [...agg.hosts].sort(),
      count: agg.count,
      status: Object.fromEntries(Object.entries(agg.status).sort(([a], [b]) => (a < b ? -1 : 1))),
      answered: agg.answered,
      firstSeen: iso(agg.first),
      lastSeen: iso(agg.last),
      credentials: { requests: agg.credentialed, kinds: [...agg.credentialKinds].sort() },
      sensitive: { request: [...agg.sensitiveReq].sort(), response: [...agg.sensitiveRes].sort() },
      inScope: agg.inScope,
      sources: [...agg.sources],
      sample: agg.sampleView(),
    };
    if (agg.websocket) ep.websocket = true;
    if (op) {
      ep.documented = {
        file: op.file,
        line: op.line,
        column: op.column,
        path: op.path,
        operationId: op.operationId,
        deprecated: op.deprecated,
      };
      if (agg.inScope) {
        seenCount.set(op, (seenCount.get(op) ?? 0) + agg.count);
        endpointsOfOp.set(op, [...(endpointsOfOp.get(op) ?? []), ep]);
      }
    }
    list.push(ep);
    aggOf.set(ep, agg);
  }
  list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));

  // Checks.
  const all = opts.checks ?? (await loadInventoryChecks(opts.rules));
  const checks = all.filter((c) => ruleConfig(config, c.id).enabled && (!opts.rules || opts.rules.includes(c.id)));
  suppressed.config = all.length - checks.length;
  const findings: Finding[] = [];
  const seenFp = new Set<string>();
  for (const check of checks) {
    if (check.needsDefinitions && defs.operations.length === 0) continue;
    const rc = ruleConfig(config, check.id);
    const options = { ...(check.defaultOptions ?? {}), ...(rc.options ?? {}) };
    try {
      check.run({
        endpoints: list,
        operations: defs.operations,
        hasDefinitions: defs.operations.length > 0,
        seen: (op) => seenCount.get(op) ?? 0,
        endpointsOf: (op) => endpointsOfOp.get(op) ?? [],
        options,
        report: (r) => {
          const f = toFinding(check, r, rc.severity);
          if (seenFp.has(f.fingerprint)) return;
          seenFp.add(f.fingerprint);
          findings.push(f);
        },
      });
    } catch (e) {
      diagnostics.push(checkFailed(check.id, e));
    }
  }

  const result: InventoryResult = {
    ...finishRun(
      { command: 'inventory', started, findings, checks: checks.map(metaOf), diagnostics, scanned, skipped: [], suppressed },
      opts.baseline,
    ),
    inventory: list,
    trafficFiles,
    definitionFiles: defs.files,
    stats: { records, endpoints: list.length, staticSkipped, files: inputs.length },
  };
  if (opts.emitOpenApi) result.openapi = buildOpenApiDraft(list, (ep) => aggOf.get(ep));
  result.durationMs = Date.now() - started;
  return result;
}

const aggOf = new WeakMap<InventoryEndpoint, EndpointAgg>();

function toFinding(check: InventoryCheck, r: InventoryReport, severityOverride?: Finding['severity']): Finding {
  const template = check.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown message id "${r.messageId}"`);
  const message = formatMessage(template, r.data);
  const location: HttpLocation = { kind: 'http', method: r.method.toUpperCase(), path: r.path };
  const ep = r.endpoint;
  // Only a full URL: a log without hosts gives a bare path, which the template already says.
  if (ep && /^[a-z][a-z0-9+.-]*:\/\//i.test(ep.sample.url)) location.url = ep.sample.url;
  const bits: string[] = [];
  if (ep) {
    bits.push(`${ep.count} request${ep.count === 1 ? '' : 's'}`);
    if (ep.firstSeen) bits.push(ep.firstSeen === ep.lastSeen ? `at ${ep.firstSeen}` : `from ${ep.firstSeen} to ${ep.lastSeen}`);
    bits.push(`first sample at ${ep.sample.source}:${ep.sample.line}`);
  }
  if (r.operation)
    bits.push(
      `declared at ${r.operation.file}:${r.operation.line}:${r.operation.column}${r.operation.operationId ? ` (${r.operation.operationId})` : ''}`,
    );
  const key = r.fingerprintKey ?? r.messageId;
  const hash = sha256(key).slice(0, 16);
  return {
    ruleId: check.id,
    stage: 'runtime',
    severity: severityOverride ?? r.severity ?? check.severity,
    confidence: check.confidence,
    title: check.title,
    message,
    owasp: check.owasp,
    cwe: check.cwe,
    location,
    evidence: {
      snippet: bits.join('; '),
      hash,
      ...(ep ? { request: ep.sample.request, response: ep.sample.response } : {}),
    },
    remediation: check.docs.fix,
    fingerprint: fingerprintOf(check.id, location, hash),
  };
}
