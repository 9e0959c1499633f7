import { wsProbeChecks } from '../../checks/websocket/registry.ts';
import {
  checkFailed,
  checkMetaOf,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  finishRun,
  formatMessage,
  type HttpLocation,
  type RunResult,
  ruleConfig,
  sha256,
} from '../../core/index.ts';
import { VERSION } from '../../version.ts';
import { DEFAULT_PROBE_OPTIONS, encodeBody } from '../probe/engine.ts';
import { type Redactor, redactUrl } from '../probe/evidence.ts';
import { HttpClient } from '../probe/http.ts';
import { Identities, LoginError } from '../probe/identities.ts';
import type { Exchange, IdentityConfig, ProbeOptions } from '../probe/types.ts';
import type { ProtocolProbe, ProtocolProbeOptions } from '../protocols/types.ts';
import { sessionEvidence } from './evidence.ts';
import { failedSession, openSession } from './session.ts';
import type { ConnectOptions, Frame, WsProbeCheck, WsProbeContext, WsReport, WsSession } from './types.ts';

/** Sent when a check has no message of its own: most socket APIs answer a ping or an unknown type. */
export const DEFAULT_MESSAGE = '{"type":"ping"}';
/** Longest wait for an answer to one message. */
const MAX_REPLY_MS = 2000;
/** Answers that refuse rather than serve: they are not data. */
const REFUSAL =
  /unauthori[sz]ed|forbidden|not authenticated|unauthenticated|authentication required|login required|access denied|invalid (?:token|session|credentials)|not logged in/i;
/** Query parameter names that carry credentials, redacted in evidence besides the identities' own. */
const TOKEN_QUERY_NAMES = ['token', 'access_token', 'auth', 'jwt', 'api_key', 'apikey', 'session'];

export const webSocketProbe: ProtocolProbe = {
  flag: 'websocket',
  checks: async () => (await wsProbeChecks()).map(checkMetaOf),
  probe: probeWebSocket,
};

function parseTarget(given: string): URL | string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return `--websocket ${given}: not a URL; give the socket's URL, e.g. ws://127.0.0.1:8080/socket`;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url = new URL(url.href.replace(/^http/, 'ws'));
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `--websocket ${given}: must be a ws:// or wss:// URL`;
  if (url.username || url.password)
    return '--websocket: credentials in the URL are not sent; declare identities under probe.identities in the config';
  url.hash = '';
  return url;
}

function usesCookie(c: IdentityConfig): boolean {
  return !!c.cookie || c.apiKey?.in === 'cookie' || c.login?.use?.in === 'cookie';
}

function usesQuery(c: IdentityConfig): boolean {
  return c.apiKey?.in === 'query' || c.login?.use?.in === 'query';
}

/** The Cookie header only: what a browser attaches to a cross-site upgrade. */
function cookiesOnly(headers: Record<string, string>): Record<string, string> {
  return headers.cookie ? { cookie: headers.cookie } : {};
}

export async function probeWebSocket(opts: ProtocolProbeOptions): Promise<RunResult> {
  const started = Date.now();
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  const scanned: string[] = [];
  const suppressed = { inline: 0, baseline: 0, config: 0 };
  const all = await wsProbeChecks();
  const checks = all.filter((c) => ruleConfig(opts.config, c.id).enabled && (!opts.rules || opts.rules.includes(c.id)));
  suppressed.config = all.length - checks.length;
  const finish = () =>
    finishRun(
      { command: 'probe', started, findings, checks: checks.map(checkMetaOf), diagnostics, scanned, skipped: [], suppressed },
      opts.baseline,
    );

  const parsed = parseTarget(opts.target);
  if (typeof parsed === 'string') {
    diagnostics.push({ level: 'error', message: parsed });
    return finish();
  }
  const target: URL = parsed;
  const defined = Object.fromEntries(Object.entries(opts.run).filter(([, v]) => v !== undefined)) as Partial<ProbeOptions>;
  const run: ProbeOptions = { ...DEFAULT_PROBE_OPTIONS, ...defined };
  const replyMs = Math.min(run.timeoutMs, MAX_REPLY_MS);
  const httpOrigin = new URL(`${target.protocol === 'wss:' ? 'https' : 'http'}://${target.host}`);
  const abort = new AbortController();
  let spent = 0;
  const spend = (): boolean => {
    if (spent >= run.budget) {
      abort.abort();
      return false;
    }
    spent++;
    opts.onProgress?.({ sent: spent, budget: run.budget, what: `${target.pathname}` });
    return true;
  };

  // Login flows run over HTTP against the socket's own origin, through the probe's scoped client.
  const http = new HttpClient(httpOrigin, run);
  const identities = new Identities(opts.identities, async (req): Promise<Exchange> => {
    const headers: Record<string, string> = { 'user-agent': `rampart-probe/${VERSION}`, ...(req.headers ?? {}) };
    const { body, contentType } = encodeBody(req);
    if (contentType) headers['content-type'] = contentType;
    spent++;
    const res = await http.request({ method: req.method.toUpperCase(), path: req.path, headers, body });
    return { seq: spent, request: { ...req, url: res.url, sentHeaders: headers }, response: res.response, error: res.error };
  });
  const redactor = (): Redactor => ({
    secrets: identities.secrets(),
    headerNames: identities.secretHeaderNames(),
    queryNames: [...identities.secretQueryNames(), ...TOKEN_QUERY_NAMES],
  });
  const sessions = new Set<WsSession>();
  // --rate spaces connections; frames inside one are the checks' own business (a flood is the test).
  let nextConnection = 0;
  const pace = async () => {
    if (!run.rate) return;
    const wait = nextConnection - Date.now();
    nextConnection = Math.max(Date.now(), nextConnection) + 1000 / run.rate;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };

  const connect = async (o: ConnectOptions): Promise<WsSession> => {
    const url = new URL(target);
    if (o.tlsPort !== undefined) {
      // Same host, another port: never with credentials, which belong to the target as given.
      if (o.as) throw new Error('a TLS twin is probed anonymously only');
      url.protocol = 'wss:';
      url.port = String(o.tlsPort);
    }
    const headers: Record<string, string> = { 'user-agent': `rampart-probe/${VERSION}` };
    const origin = o.origin === undefined ? httpOrigin.origin : o.origin;
    if (origin !== null) headers.origin = origin;
    let failure: string | undefined;
    if (o.as) {
      try {
        const creds = await identities.credentials(o.as);
        const mode = o.credentials ?? 'all';
        if (mode === 'all') {
          Object.assign(headers, creds.headers);
          for (const [k, v] of Object.entries(creds.query)) url.searchParams.set(k, v);
        } else if (mode === 'cookie') Object.assign(headers, cookiesOnly(creds.headers));
      } catch (e) {
        failure = e instanceof LoginError ? e.message : String(e);
      }
    }
    for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
    const identity = o.as ?? undefined;
    if (failure) return failedSession({ url: url.href, headers, identity }, failure);
    if (abort.signal.aborted || !spend()) return failedSession({ url: url.href, headers, identity }, 'request budget exhausted');
    await pace();
    const s = await openSession({ url: url.href, headers, timeoutMs: run.timeoutMs, identity, spend });
    sessions.add(s);
    return s;
  };

  // Reachability: one anonymous connection. A refused upgrade still reached the endpoint.
  const first = await connect({ as: null });
  await first.close();
  if (first.upgrade.status === 0) {
    diagnostics.push({
      level: 'error',
      message: `cannot reach ${redactUrl(target.href, redactor())}: ${first.error ?? 'no answer to the upgrade'}`,
    });
    await http.close();
    return finish();
  }
  scanned.push(redactUrl(target.href, redactor()));

  const location: HttpLocation = { kind: 'http', method: 'GET', path: target.pathname || '/', url: redactUrl(target.href, redactor()) };
  const ordered = [...checks.filter((c) => c.phase !== 'last'), ...checks.filter((c) => c.phase === 'last')];
  for (const check of ordered) {
    if (abort.signal.aborted) {
      diagnostics.push({ level: 'warning', message: `request budget exhausted: check skipped`, ruleId: check.id });
      continue;
    }
    const ctx = contextFor(check);
    try {
      await check.run(ctx);
    } catch (e) {
      diagnostics.push(checkFailed(check.id, e));
    } finally {
      await Promise.all([...sessions].map((s) => s.close()));
      sessions.clear();
    }
  }
  await http.close();
  return finish();

  function contextFor(check: WsProbeCheck): WsProbeContext {
    const rc = ruleConfig(opts.config, check.id);
    const options = { ...check.defaultOptions, ...rc.options };
    const message = typeof options.message === 'string' ? options.message : DEFAULT_MESSAGE;
    const configs = identities.configs();
    const ctx: WsProbeContext = {
      target,
      options,
      identities: identities.list(),
      cookieIdentities: () => configs.filter(usesCookie).map((c) => c.name),
      queryIdentities: () => configs.filter(usesQuery).map((c) => c.name),
      async tokenIdentities() {
        const out: { name: string; token: string }[] = [];
        for (const c of configs) {
          if (usesQuery(c)) continue;
          const token = await identities.credentials(c.name).then(
            (cr) => cr.token,
            () => undefined,
          );
          if (token) out.push({ name: c.name, token });
        }
        return out;
      },
      replyMs,
      signal: abort.signal,
      connect,
      async connectAccepted() {
        for (const c of configs) {
          const s = await connect({ as: c.name });
          if (s.upgrade.status === 101 && s.open) return s;
          await s.close();
        }
        const s = await connect({ as: null });
        if (s.upgrade.status === 101 && s.open) return s;
        await s.close();
        return undefined;
      },
      async exchange(s, text = message) {
        const before = s.frames.length;
        if (!s.send(text)) return [];
        const got: Frame[] = await s.receive(replyMs, before);
        return got.filter((f) => !REFUSAL.test(f.data));
      },
      remaining: () => Math.max(0, run.budget - spent),
      report(r: WsReport) {
        const template = check.messages[r.messageId];
        if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
        const hash = sha256(r.fingerprintKey ?? r.messageId).slice(0, 16);
        findings.push({
          ruleId: check.id,
          stage: 'probe',
          severity: rc.severity ?? r.severity ?? check.severity,
          confidence: r.confidence ?? check.confidence,
          title: check.title,
          message: formatMessage(template, r.data),
          owasp: check.owasp,
          cwe: check.cwe,
          location,
          evidence: sessionEvidence(r.sessions, redactor(), hash, identities.shellVars(), r.identities),
          remediation: check.docs.fix,
          fingerprint: fingerprintOf(check.id, location, hash),
        });
      },
      note(m) {
        diagnostics.push({ level: 'note', message: m, ruleId: check.id });
      },
    };
    return ctx;
  }
}
