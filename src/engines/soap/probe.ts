import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { soapProbeChecks } from '../../checks/soap/registry.ts';
import {
  type CheckMeta,
  checkFailed,
  checkMetaOf,
  type Diagnostic,
  type Finding,
  finishRun,
  type RunResult,
  ruleConfig,
} from '../../core/index.ts';
import { DEFAULT_LIMITS, formatSize } from '../../formats/structured.ts';
import { VERSION } from '../../version.ts';
import { CanaryServer } from '../probe/canary.ts';
import { DEFAULT_PROBE_OPTIONS, encodeBody } from '../probe/engine.ts';
import { buildEvidence, EMPTY_REDACTOR, type Redactor } from '../probe/evidence.ts';
import { HttpClient, type HttpResult, type Outgoing } from '../probe/http.ts';
import { Identities } from '../probe/identities.ts';
import type { Credentials, Exchange, ProbeOptions, ProbeRequest } from '../probe/types.ts';
import type { ProtocolProbe, ProtocolProbeOptions } from '../protocols/types.ts';
import { readWsdl } from './audit.ts';
import { soapHeaders } from './envelope.ts';
import { soapFinding } from './finding.ts';
import type { SoapOperation, SoapProbeCheck, SoapProbeContext, SoapTarget } from './types.ts';
import { bindingOperations, type Wsdl } from './wsdl.ts';

/**
 * `rampart probe --wsdl FILE|URL`: reads the WSDL, keeps the endpoints inside the scope (the WSDL URL's
 * origin, or --target, or the first endpoint's origin for a file) and runs the SOAP probe checks
 * against them through the probe engine's HTTP client (one origin, budget, rate, timeouts, no
 * redirects) and its loopback canary.
 */

export interface SoapProbeOptions extends ProtocolProbeOptions {
  /** Checks to use instead of the registry (tests). */
  checks?: SoapProbeCheck[];
}

const MAX_REPORTS_PER_CHECK = 200;

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function originOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

function toExchange(seq: number, out: Outgoing, r: HttpResult): Exchange {
  return {
    seq,
    request: { method: out.method, path: out.path, headers: out.headers, body: out.body, url: r.url, sentHeaders: out.headers },
    response: r.response,
    error: r.error,
  };
}

/** The operations of an endpoint the probe can call: a SOAP binding and an input it can build. */
function targetsOf(wsdl: Wsdl, scope: string, diagnostics: Diagnostic[], file: string): SoapTarget[] {
  const out: SoapTarget[] = [];
  for (const e of wsdl.endpoints) {
    const binding = wsdl.bindings.find((b) => b.name === e.bindingName);
    if (!binding?.soapVersion || !e.address) continue;
    const origin = originOf(e.address);
    if (origin !== scope) {
      diagnostics.push({
        level: 'warning',
        message: `endpoint "${e.serviceName}/${e.name}" at ${JSON.stringify(e.address.trim())} is outside the probe's scope ${scope}: not contacted`,
        file,
        line: e.element.start.line,
        column: e.element.start.column,
      });
      continue;
    }
    const operations: SoapOperation[] = [];
    for (const { abstract, bound } of bindingOperations(wsdl, binding)) {
      if (!abstract.input) continue;
      operations.push({
        name: abstract.name,
        action: bound?.soapAction?.trim() || undefined,
        style: bound?.style ?? 'document',
        input: bound?.style === 'rpc' && bound.rpcNamespace ? { ...abstract.input, ns: bound.rpcNamespace } : abstract.input,
        outputLocal: abstract.outputLocal,
      });
    }
    const url = new URL(e.address.trim());
    if (out.some((t) => t.url.href === url.href && t.soapVersion === binding.soapVersion)) continue;
    out.push({ endpoint: e, binding, url, soapVersion: binding.soapVersion, operations });
  }
  return out;
}

export async function probeWsdl(opts: SoapProbeOptions): Promise<RunResult> {
  const started = Date.now();
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  const scanned: string[] = [];
  const suppressed = { inline: 0, baseline: 0, config: 0 };
  const all = opts.checks ?? (await soapProbeChecks());
  const checks = all.filter((c) => ruleConfig(opts.config, c.id).enabled && (!opts.rules || opts.rules.includes(c.id)));
  suppressed.config = all.length - checks.length;
  const metas: CheckMeta[] = checks.map(checkMetaOf);
  const done = () =>
    finishRun({ command: 'probe', started, findings, checks: metas, diagnostics, scanned, skipped: [], suppressed }, opts.baseline);

  const cfg = opts.config.probe ?? {};
  const run: ProbeOptions = {
    ...DEFAULT_PROBE_OPTIONS,
    ...defined({ rate: cfg.rate, concurrency: cfg.concurrency, budget: cfg.budget, timeoutMs: cfg.timeout }),
    ...defined(opts.run),
    destructive: false,
  };
  const scopeFlag = opts.scope ? originOf(opts.scope) : undefined;
  if (opts.scope && !scopeFlag) {
    diagnostics.push({ level: 'error', message: `--target ${opts.scope}: must be an http:// or https:// URL` });
    return done();
  }

  // The WSDL itself: a file, or a URL fetched through a client bound to that URL's origin.
  let text: string;
  let label = opts.target;
  let scope: string | undefined;
  const clients: HttpClient[] = [];
  const newClient = (origin: string) => {
    const c = new HttpClient(new URL(origin), run);
    clients.push(c);
    return c;
  };
  let seq = 0;
  try {
    if (isUrl(opts.target)) {
      const url = new URL(opts.target);
      scope = url.origin;
      if (scopeFlag && scopeFlag !== scope) {
        diagnostics.push({ level: 'error', message: `--wsdl ${opts.target} is outside --target ${scopeFlag}: not fetched` });
        return done();
      }
      const out: Outgoing = { method: 'GET', path: url.pathname + url.search, headers: { accept: 'application/wsdl+xml, text/xml, */*' } };
      const r = await newClient(scope).request(out);
      seq++;
      if (r.response?.status !== 200) {
        diagnostics.push({
          level: 'error',
          message: `cannot fetch the WSDL at ${opts.target}: ${r.response ? `HTTP ${r.response.status}` : (r.error ?? 'no answer')}`,
        });
        return done();
      }
      if (r.response.truncated) {
        diagnostics.push({ level: 'error', message: `the WSDL at ${opts.target} is larger than the probe's body limit`, file: label });
        return done();
      }
      text = r.response.body;
    } else {
      const abs = resolve(opts.cwd, opts.target);
      const size = statSync(abs).size;
      if (size > DEFAULT_LIMITS.maxFileBytes) {
        diagnostics.push({
          level: 'error',
          message: `file is ${formatSize(size)}, above the ${formatSize(DEFAULT_LIMITS.maxFileBytes)} limit`,
          file: label,
        });
        return done();
      }
      text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    diagnostics.push({
      level: 'error',
      message: code === 'ENOENT' ? 'no such file' : `cannot read the WSDL (${code ?? String(e)})`,
      file: label,
    });
    await Promise.all(clients.map((c) => c.close()));
    return done();
  }

  const { wsdl, diagnostic } = readWsdl(text, label);
  if (!wsdl) {
    if (diagnostic) diagnostics.push(diagnostic);
    await Promise.all(clients.map((c) => c.close()));
    return done();
  }
  label = isUrl(opts.target) ? opts.target : label;
  scope ??= scopeFlag ?? originOf(wsdl.endpoints.find((e) => originOf(e.address))?.address);
  const targets = scope ? targetsOf(wsdl, scope, diagnostics, label) : [];
  if (!scope || !targets.length) {
    diagnostics.push({
      level: 'error',
      message: `no SOAP endpoint to probe${scope ? ` within ${scope}` : ''}: the WSDL declares no soap:address / endpoint address${scope ? ' on that origin' : ' with an http(s) URL'}`,
      file: label,
    });
    await Promise.all(clients.map((c) => c.close()));
    return done();
  }

  const client = clients[0] ?? newClient(scope);
  const canary = new CanaryServer();
  const stop = new AbortController();
  const sent = () => clients.reduce((n, c) => n + c.requests, 0);
  let current = '';
  const progress = () => opts.onProgress?.({ sent: sent(), budget: run.budget, what: current });
  const send = async (out: Outgoing): Promise<Exchange | undefined> => {
    if (stop.signal.aborted) return undefined;
    const withAgent = { ...out, headers: { 'user-agent': `rampart-probe/${VERSION}`, ...out.headers } };
    const r = await client.request(withAgent);
    progress();
    if (!r.sent) {
      if (r.error && !stop.signal.aborted) diagnostics.push({ level: 'warning', message: `stopped sending: ${r.error}` });
      stop.abort();
      return undefined;
    }
    return toExchange(++seq, withAgent, r);
  };
  const who = await signIn(opts, send, diagnostics);
  const redactor: Redactor = who.redactor;
  const withCreds = (out: Outgoing): Outgoing => {
    if (!who.creds) return out;
    const q = new URLSearchParams(who.creds.query).toString();
    const path = q ? `${out.path}${out.path.includes('?') ? '&' : '?'}${q}` : out.path;
    return { ...out, path, headers: { ...out.headers, ...who.creds.headers } };
  };
  const reached = new Set<string>();
  const tried = new Set<string>();
  const note = (t: SoapTarget, ex: Exchange | undefined) => {
    if (ex) tried.add(t.url.href);
    if (ex?.response) reached.add(t.url.href);
    return ex;
  };

  try {
    await canary.start();
    for (const check of checks) {
      if (stop.signal.aborted) break;
      current = check.id;
      progress();
      const rc = ruleConfig(opts.config, check.id);
      let count = 0;
      const ctx: SoapProbeContext = {
        wsdl,
        targets,
        options: { ...check.defaultOptions, ...rc.options },
        canary,
        signal: stop.signal,
        call: async (t, c) =>
          note(
            t,
            await send(
              withCreds({
                method: 'POST',
                path: t.url.pathname + t.url.search,
                headers: soapHeaders(t.soapVersion, c.action),
                body: c.body,
              }),
            ),
          ),
        // Anonymous on purpose: the ?wsdl check asks what anyone gets.
        get: async (t, pathAndQuery) => note(t, await send({ method: 'GET', path: pathAndQuery, headers: { accept: '*/*' } })),
        report(r) {
          if (++count > MAX_REPORTS_PER_CHECK) return;
          const method = r.method ?? 'POST';
          const location = { kind: 'http' as const, method, path: r.target.url.pathname, url: r.target.url.href };
          const signedBy = who.name && method !== 'GET' ? [who.name] : undefined;
          findings.push(
            soapFinding(check, rc, r, location, {
              evidence: (hash) => buildEvidence(r.exchanges, redactor, signedBy, hash, who.shellVars),
            }),
          );
        },
      };
      try {
        await check.run(ctx);
      } catch (e) {
        diagnostics.push(checkFailed(check.id, e));
      }
    }
  } finally {
    await canary.close();
    await Promise.all(clients.map((c) => c.close()));
  }
  // An endpoint no check needed to call still counts as probed; one that never answered does not.
  for (const t of targets) {
    if (reached.has(t.url.href) || !tried.has(t.url.href)) scanned.push(t.url.href);
    else diagnostics.push({ level: 'error', message: `no answer from the SOAP endpoint ${t.url.href}` });
  }
  return done();
}

/**
 * The first identity of the config signs the SOAP requests (static credentials or its login flow),
 * so services behind HTTP authentication are probed past it. Its secrets are redacted from evidence.
 */
async function signIn(
  opts: ProtocolProbeOptions,
  send: (out: Outgoing) => Promise<Exchange | undefined>,
  diagnostics: Diagnostic[],
): Promise<{ name?: string; creds?: Credentials; redactor: Redactor; shellVars?: Map<string, string> }> {
  const first = opts.identities[0];
  if (!first) return { redactor: EMPTY_REDACTOR };
  const ids = new Identities([first], async (req: ProbeRequest) => {
    const headers: Record<string, string> = { ...req.headers };
    const { body, contentType } = encodeBody(req);
    if (contentType) headers['content-type'] = contentType;
    const ex = await send({ method: req.method, path: req.path, headers, body });
    return ex ?? { seq: 0, request: { ...req, url: req.path, sentHeaders: headers }, error: 'not sent' };
  });
  const redactor = { secrets: ids.secrets(), headerNames: ids.secretHeaderNames(), queryNames: ids.secretQueryNames() };
  try {
    const creds = await ids.credentials(first.name);
    return { name: first.name, creds, redactor: { ...redactor, secrets: ids.secrets() }, shellVars: ids.shellVars() };
  } catch (e) {
    diagnostics.push({
      level: 'warning',
      message: `identity "${first.name}" could not log in (${(e as Error).message}): probing anonymously`,
    });
    return { redactor };
  }
}

function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const wsdlProbe: ProtocolProbe = {
  flag: 'wsdl',
  checks: async () => (await soapProbeChecks()).map(checkMetaOf),
  probe: (opts) => probeWsdl(opts),
};
