import { loadProbeChecks, probeCheckIds } from '../../checks/probe/registry.ts';
import {
  type CheckMeta,
  type Config,
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
import { RequestBuilder } from './builder.ts';
import { CanaryServer } from './canary.ts';
import { buildEvidence, type Redactor } from './evidence.ts';
import { BUDGET_EXHAUSTED, HttpClient, type Outgoing } from './http.ts';
import { Identities, LoginError } from './identities.ts';
import { loadEndpoints } from './inputs/index.ts';
import type {
  BuildOptions,
  Credentials,
  Endpoint,
  Exchange,
  IdentityConfig,
  ProbeCheck,
  ProbeContext,
  ProbeOptions,
  ProbeReport,
  ProbeRequest,
  ResourcePool,
} from './types.ts';

/** Defaults of a run: polite enough for a shared test deployment, fast enough for CI. */
export const DEFAULT_PROBE_OPTIONS: ProbeOptions = {
  rate: 0,
  concurrency: 8,
  budget: 5000,
  timeoutMs: 10_000,
  maxBodyBytes: 1024 * 1024,
  destructive: false,
};

/** A request's body as sent: `json` or `form` encoded with the content type that names it, else `body` as given. */
export function encodeBody(req: Pick<ProbeRequest, 'json' | 'form' | 'body'>): { body?: string; contentType?: string } {
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: 'application/json' };
  if (req.form) return { body: new URLSearchParams(req.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  return { body: req.body };
}

export interface ProbeProgress {
  phase: 'login' | 'crawl' | 'checks' | 'last' | 'done';
  /** Requests sent so far. */
  sent: number;
  budget: number;
  /** Active checks finished / total. */
  checksDone: number;
  checksTotal: number;
  /** Checks currently running. */
  running: string[];
}

export interface ProbeRunOptions {
  /** The running API: origin plus optional base path, e.g. `http://127.0.0.1:8080/`. */
  target: string | URL;
  openapi?: string;
  postman?: string;
  /** A Postman environment for the collection's variables. */
  environment?: string;
  har?: string;
  /** Endpoints given directly (tests, library users); added to the loaded ones. */
  endpoints?: Endpoint[];
  /** Identities; default: the config's `probe.identities`. */
  identities?: IdentityConfig[];
  config?: Config;
  cwd?: string;
  /** Run only these checks. */
  rules?: string[];
  /** Checks to use instead of the registry (tests). */
  checks?: ProbeCheck[];
  /** Limits; each field wins over the config's `probe` section. */
  run?: Partial<ProbeOptions>;
  /** Globs on path templates (`/admin/**`, or `DELETE /users/*`) never sent. */
  exclude?: string[];
  /** Fingerprints to leave out (the baseline). */
  baseline?: Set<string>;
  /** Stop sending after this many ms (the run still reports what it proved). */
  deadlineMs?: number;
  /** Active checks run side by side (default 4). */
  checkConcurrency?: number;
  /** Skip the crawl (tests of the engine). */
  crawl?: boolean;
  onProgress?: (p: ProbeProgress) => void;
}

const MAX_REPORTS_PER_CHECK = 1000;

/** Runs the probe checks against a running API. Never throws on bad input or a misbehaving target. */
export async function probe(options: ProbeRunOptions): Promise<RunResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? {};
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const suppressed = { inline: 0, baseline: 0, config: 0 };
  const result = (scanned: string[], checks: CheckMeta[]): RunResult =>
    finishRun({ command: 'probe', started, findings, checks, diagnostics, scanned, skipped: [], suppressed }, options.baseline);

  let target: URL;
  try {
    target = new URL(String(options.target));
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('only http and https targets');
  } catch (e) {
    diagnostics.push({ level: 'error', message: `bad target ${JSON.stringify(String(options.target))}: ${(e as Error).message}` });
    return result([], []);
  }
  target.search = '';
  target.hash = '';
  if (!target.pathname.endsWith('/')) target.pathname += '/';

  const cfg = config.probe ?? {};
  const run: ProbeOptions = {
    ...DEFAULT_PROBE_OPTIONS,
    ...pick({ rate: cfg.rate, concurrency: cfg.concurrency, budget: cfg.budget, timeoutMs: cfg.timeout }),
    ...pick(options.run ?? {}),
    destructive: false,
  };

  // Checks.
  const all = options.checks ?? (await loadRegistry(options.rules));
  const checks = all.filter((c) => ruleConfig(config, c.id).enabled && (!options.rules || options.rules.includes(c.id)));
  suppressed.config = all.length - checks.length;
  const metas = checks.map(probeMetaOf);

  // Endpoints.
  const scanned: string[] = [];
  const loaded = await loadEndpointsOf(options, target, cwd);
  diagnostics.push(...loaded.diagnostics);
  scanned.push(...loaded.files);
  if (loaded.diagnostics.some((d) => d.level === 'error') && !loaded.endpoints.length) return result(scanned, metas);
  const excludes = [...(cfg.exclude ?? []), ...(options.exclude ?? [])].map(globOnTemplate);
  const excluded = (method: string, path: string) => excludes.some((x) => x(method, path));
  const endpoints = [...loaded.endpoints, ...(options.endpoints ?? [])].filter((e) => !excluded(e.method, e.path));

  // Run state.
  const controller = new AbortController();
  const exchanges: Exchange[] = [];
  let seq = 0;
  const client = new HttpClient(target, run, () => controller.abort(new Error(BUDGET_EXHAUSTED)));
  const canary = new CanaryServer();
  const identityConfigs = options.identities ?? (cfg.identities as IdentityConfig[] | undefined) ?? [];
  const progress: ProbeProgress = { phase: 'login', sent: 0, budget: run.budget, checksDone: 0, checksTotal: 0, running: [] };
  const tick = () => {
    progress.sent = client.requests;
    options.onProgress?.(progress);
  };

  const passive = checks.filter((c) => c.observe);
  const builderRef: { current?: Builder } = {};
  const failed = new Set<string>();
  // Not core checkFailed: a probe check that throws in one phase (run, observe, done) may go on in the others.
  const reportCheckError = (check: ProbeCheck, where: string, e: unknown) => {
    if (failed.has(`${check.id}\0${where}`)) return;
    failed.add(`${check.id}\0${where}`);
    const msg = e instanceof Error ? e.message : String(e);
    diagnostics.push({ level: 'error', message: `check "${check.id}" failed in ${where}: ${msg}`, ruleId: check.id });
  };
  const contexts = new Map<string, ProbeContext>();

  const record = (ex: Exchange) => {
    exchanges.push(ex);
    // The builder learns ids from every exchange: objects the crawl created, ids in list responses.
    try {
      builderRef.current?.observe?.(ex);
    } catch (e) {
      if (!failed.has('\0builder')) {
        failed.add('\0builder');
        diagnostics.push({ level: 'warning', message: `request builder: ${(e as Error).message}` });
      }
    }
    for (const c of passive) {
      if (failed.has(`${c.id}\0observe`)) continue;
      const ctx = contexts.get(c.id);
      if (!ctx) continue;
      try {
        c.observe?.(ex, ctx);
      } catch (e) {
        reportCheckError(c, 'observe', e);
      }
    }
    tick();
  };

  /** One HTTP exchange, recorded. Identity credentials are added unless the request overrides them. */
  const sendRaw = async (req: ProbeRequest, as: string | null, endpoint: Endpoint | undefined, creds?: Credentials): Promise<Exchange> => {
    const method = (req.method || 'GET').toUpperCase();
    const headers: Record<string, string> = { 'user-agent': `rampart-probe/${VERSION}`, accept: 'application/json, */*;q=0.8' };
    if (creds) Object.assign(headers, creds.headers);
    const { body, contentType } = encodeBody(req);
    if (contentType) headers['content-type'] = contentType;
    for (const [k, v] of Object.entries(req.headers ?? {})) {
      if (v === undefined || v === null) continue;
      headers[k.toLowerCase()] = String(v);
    }
    let path = req.path;
    if (creds && Object.keys(creds.query).length && typeof path === 'string') path = addQuery(path, creds.query);
    const out: Outgoing = { method, path, headers, body };
    const res = await client.request(out);
    const ex: Exchange = {
      seq: 0,
      request: { ...req, method, url: res.url, sentHeaders: headers },
      identity: as ?? undefined,
      // Passive checks want to know the operation even when a check sent a hand-made request.
      endpoint:
        endpoint ?? (typeof req.path === 'string' && req.path.startsWith('/') ? findEndpoint(endpoints, { ...req, method }) : undefined),
      response: res.response,
      error: res.error,
    };
    if (res.sent || !res.error?.startsWith(BUDGET_EXHAUSTED)) {
      ex.seq = ++seq;
      record(ex);
    }
    return ex;
  };

  const identities = new Identities(identityConfigs, (req) => sendRaw(req, null, findEndpoint(endpoints, req)));
  const overrides = (req: ProbeRequest, creds: Credentials) => {
    const p = creds.tokenPlacement;
    if (!p || !req.headers) return false;
    const name = p.in === 'header' ? p.name : p.in === 'cookie' ? 'cookie' : '';
    return !!name && Object.keys(req.headers).some((k) => k.toLowerCase() === name);
  };

  const send = async (req: ProbeRequest, as: string | null, endpoint?: Endpoint): Promise<Exchange> => {
    if (as === null || as === undefined) return sendRaw(req, null, endpoint);
    const refused = (error: string): Exchange => ({
      seq: 0,
      request: { ...req, method: (req.method || 'GET').toUpperCase(), url: String(req.path), sentHeaders: {} },
      identity: as,
      endpoint,
      error,
    });
    if (!identities.has(as)) return refused(`unknown identity "${as}"`);
    let creds: Credentials;
    try {
      creds = await identities.credentials(as);
    } catch (e) {
      return refused(e instanceof LoginError ? e.message : String(e));
    }
    const ex = await sendRaw(req, as, endpoint, creds);
    // A 401 means the session ended, unless the request replaced the credentials, the operation is
    // public (a wrong password on a login endpoint) or it is a login request itself.
    if (
      ex.response?.status === 401 &&
      identities.hasLogin(as) &&
      !overrides(req, creds) &&
      ex.endpoint?.auth !== 'none' &&
      !identities.isLoginRequest(ex.request.method, ex.request.path) &&
      !controller.signal.aborted
    ) {
      if (await identities.relogin(as, creds.token)) {
        try {
          return await sendRaw(req, as, endpoint, await identities.credentials(as));
        } catch {
          return ex;
        }
      }
    }
    return ex;
  };

  // Request building: B's builder when present, a minimal one until then.
  const builder = new RequestBuilder(endpoints, send, identities.list());
  builderRef.current = builder;

  const redactor = (): Redactor => ({
    secrets: identities.secrets(),
    headerNames: identities.secretHeaderNames(),
    queryNames: identities.secretQueryNames(),
  });

  const makeContext = (check: ProbeCheck): ProbeContext => {
    const rc = ruleConfig(config, check.id);
    let count = 0;
    return {
      target,
      endpoints,
      identities: identities.list(),
      options: { ...check.defaultOptions, ...rc.options },
      run,
      signal: controller.signal,
      send,
      build: (endpoint, as, opts) => builder.build(endpoint, as, opts),
      credentials: (name) => identities.credentials(name),
      resources: builder.resources,
      canary,
      exchanges: () => exchanges,
      report: (r: ProbeReport) => {
        if (++count > MAX_REPORTS_PER_CHECK) return;
        const template = check.messages[r.messageId];
        if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
        const first = r.exchanges[0];
        const method = (r.endpoint?.method ?? r.method ?? first?.request.method ?? 'GET').toUpperCase();
        const path = r.endpoint?.path ?? r.path ?? (first ? first.request.path.split('?')[0] : '/');
        const location: HttpLocation = { kind: 'http', method, path };
        if (first?.request.url) location.url = stripQuery(first.request.url);
        const hash = sha256(r.fingerprintKey ?? '').slice(0, 16);
        const fingerprint = fingerprintOf(check.id, location, hash);
        if (seen.has(fingerprint)) return;
        seen.add(fingerprint);
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
          evidence: buildEvidence(r.exchanges, redactor(), r.identities, hash, identities.shellVars()),
          remediation: check.docs.fix,
          fingerprint,
        });
      },
    };
  };
  for (const c of checks) contexts.set(c.id, makeContext(c));

  const deadline = options.deadlineMs ? setTimeout(() => controller.abort(new Error('deadline reached')), options.deadlineMs) : undefined;
  deadline?.unref();
  let hardStop: NodeJS.Timeout | undefined;
  controller.signal.addEventListener('abort', () => {
    // Let in-flight requests end, then stop everything still queued.
    hardStop = setTimeout(() => void client.close(), 2000);
    hardStop.unref();
  });

  try {
    await canary.start();
    tick();

    // Reachability: one anonymous request to the base path; nothing else makes sense without an answer.
    const first = await sendRaw({ method: 'GET', path: target.pathname }, null, undefined);
    if (!first.response) {
      diagnostics.push({ level: 'error', message: `target ${target.href} is unreachable: ${first.error ?? 'no response'}` });
      return result(scanned, metas);
    }

    // Log every identity in. A failed login stops the run: checks comparing identities would
    // silently prove nothing, and a wrong config should fail loudly.
    progress.phase = 'login';
    let loginFailed = false;
    await Promise.all(
      identities.list().map(async (i) => {
        try {
          await identities.credentials(i.name);
        } catch (e) {
          loginFailed = true;
          diagnostics.push({ level: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      }),
    );
    if (loginFailed) return result(scanned, metas);
    if (!identityConfigs.length) {
      diagnostics.push({
        level: 'warning',
        message: 'no identities configured: every request is anonymous, so checks comparing users (BOLA, BFLA) prove nothing',
      });
    }
    scanned.push(target.href);

    if (options.crawl !== false) {
      progress.phase = 'crawl';
      tick();
      await crawl(
        endpoints,
        identities.list().map((i) => i.name),
        builder,
        send,
        controller.signal,
        run.concurrency,
      );
    }

    // Active checks.
    const normal = checks.filter((c) => c.run && (c.phase ?? 'normal') === 'normal');
    const last = checks.filter((c) => c.run && c.phase === 'last');
    progress.checksTotal = normal.length + last.length;
    const runOne = async (c: ProbeCheck) => {
      progress.running.push(c.id);
      tick();
      try {
        await c.run?.(contexts.get(c.id) as ProbeContext);
      } catch (e) {
        reportCheckError(c, 'run', e);
      } finally {
        progress.running.splice(progress.running.indexOf(c.id), 1);
        progress.checksDone++;
        tick();
      }
    };
    progress.phase = 'checks';
    await pool(normal, Math.max(1, options.checkConcurrency ?? 4), runOne);
    progress.phase = 'last';
    for (const c of last) await runOne(c);

    for (const c of checks) {
      if (!c.done) continue;
      try {
        c.done(contexts.get(c.id) as ProbeContext);
      } catch (e) {
        reportCheckError(c, 'done', e);
      }
    }
    if (controller.signal.aborted) {
      const why = (controller.signal.reason as Error | undefined)?.message ?? 'aborted';
      diagnostics.push({ level: 'warning', message: `the probe stopped early (${why}): some checks did not finish` });
    }
  } catch (e) {
    diagnostics.push({ level: 'error', message: `internal error of the probe engine: ${(e as Error)?.stack ?? String(e)}` });
  } finally {
    if (deadline) clearTimeout(deadline);
    if (hardStop) clearTimeout(hardStop);
    await client.close();
    await canary.close();
    progress.phase = 'done';
    tick();
  }
  return result(scanned, metas);
}

export function probeMetaOf(c: ProbeCheck): CheckMeta {
  const { run: _r, observe: _o, done: _d, phase: _p, ...meta } = c;
  return meta;
}

function pick<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function stripQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function addQuery(path: string, q: Record<string, string>): string {
  const i = path.indexOf('?');
  const params = new URLSearchParams(i < 0 ? '' : path.slice(i + 1));
  for (const [k, v] of Object.entries(q)) if (!params.has(k)) params.set(k, v);
  return `${i < 0 ? path : path.slice(0, i)}?${params.toString()}`;
}

/** Runs `fn` over `items`, at most `n` at a time. */
export async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

/** The endpoint whose template matches a concrete request, if any. */
export function findEndpoint(endpoints: Endpoint[], req: ProbeRequest): Endpoint | undefined {
  const path = req.path.split('?')[0];
  const method = req.method.toUpperCase();
  let best: Endpoint | undefined;
  let params = Number.POSITIVE_INFINITY;
  for (const e of endpoints) {
    if (e.method !== method || !templateRegex(e.path).test(path)) continue;
    // `/orders/export` before `/orders/{orderId}`: the most specific template wins.
    const n = e.path.split('{').length;
    if (n < params) {
      best = e;
      params = n;
    }
  }
  return best;
}

const templateCache = new Map<string, RegExp>();
function templateRegex(t: string): RegExp {
  let re = templateCache.get(t);
  if (!re) {
    re = new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}/]+\\?\}/g, '[^/]+')}/?$`);
    templateCache.set(t, re);
  }
  return re;
}

/**
 * An exclude glob on path templates: `*` is one segment (or part of one), `**` any depth; an optional
 * method first (`DELETE /users/*`).
 */
export function globOnTemplate(glob: string): (method: string, path: string) => boolean {
  const m = /^([A-Za-z]+)\s+(\/.*)$/.exec(glob.trim());
  const method = m ? m[1].toUpperCase() : undefined;
  const pattern = m ? m[2] : glob.trim();
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      src += '.*';
      i++;
    } else if (ch === '*') src += '[^/]*';
    else if (ch === '?') src += '[^/]';
    else src += ch.replace(/[.+^$(){}|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${src}$`);
  return (meth, path) => (!method || method === meth.toUpperCase()) && re.test(path);
}

// ---------------------------------------------------------------------------------------------------
// The crawl: one valid request per endpoint per identity (and anonymously), creates first, never DELETE.

interface Builder {
  readonly resources: ResourcePool;
  observe?(ex: Exchange): void;
  build(endpoint: Endpoint, as: string | null, opts?: BuildOptions): Promise<ProbeRequest | undefined>;
}

type Sender = (req: ProbeRequest, as: string | null, endpoint?: Endpoint) => Promise<Exchange>;

async function crawl(endpoints: Endpoint[], names: string[], builder: Builder, send: Sender, signal: AbortSignal, concurrency: number) {
  const who: (string | null)[] = [...names, null];
  const rank = (m: string) => (m === 'POST' ? 0 : m === 'GET' || m === 'HEAD' || m === 'OPTIONS' ? 1 : 2);
  const groups = [0, 1, 2].map((r) => endpoints.filter((e) => e.method !== 'DELETE' && rank(e.method) === r));
  for (const group of groups) {
    const tasks = group.flatMap((e) => who.map((as) => ({ e, as })));
    await pool(tasks, Math.max(1, concurrency), async ({ e, as }) => {
      if (signal.aborted) return;
      // PUT/PATCH only on objects this identity created: the builder fills ids with `as`'s own objects.
      if ((e.method === 'PUT' || e.method === 'PATCH') && as === null) return;
      let req: ProbeRequest | undefined;
      try {
        req = await builder.build(e, as);
      } catch {
        req = undefined;
      }
      if (!req || signal.aborted) return;
      await send(req, as, e);
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Registry and endpoint loading.

async function loadRegistry(rules: string[] | undefined): Promise<ProbeCheck[]> {
  return loadProbeChecks(probeCheckIds().filter((id) => !rules || rules.includes(id)));
}

interface Loaded {
  endpoints: Endpoint[];
  diagnostics: Diagnostic[];
  files: string[];
}

async function loadEndpointsOf(options: ProbeRunOptions, target: URL, cwd: string): Promise<Loaded> {
  const src = { openapi: options.openapi, postman: options.postman, environment: options.environment, har: options.har };
  if (!src.openapi && !src.postman && !src.har) return { endpoints: [], diagnostics: [], files: [] };
  return loadEndpoints(src, target, cwd);
}
