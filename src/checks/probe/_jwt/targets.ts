import { randomBytes } from 'node:crypto';
import type { Credentials, Endpoint, Exchange, ProbeContext, ProbeRequest } from '../../../engines/probe/types.ts';
import { decodeJwt } from './jwt.ts';

/**
 * Where the authentication checks replay forged or broken credentials: secured endpoints, i.e. those
 * where an identity's genuine credentials got a 2xx and an anonymous request got 401/403 (taken from
 * the crawl, or sent once when the crawl has none). A forged token that gets a 2xx there is proof.
 */

export interface Target {
  endpoint: Endpoint;
  /** The identity whose genuine credentials got the 2xx. */
  identity: string;
  creds: Credentials;
  /** The genuine request without credentials, ready to replay with other ones. */
  request: ProbeRequest;
  genuine: Exchange;
  anonymous: Exchange;
}

export interface TargetOptions {
  /** At most this many targets (GET first). */
  max: number;
  /** Only identities whose token is a JWT. */
  jwt?: boolean;
  /** Only this identity's credentials. */
  identity?: string;
  /** Methods replayed (default GET and HEAD: replays never create or change anything). */
  methods?: readonly string[];
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-auth-token']);
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH'];
const SAFE_METHODS = ['GET', 'HEAD'];

/** Bodies of 2xx answers that still say no (some APIs answer 200 `{"error":"unauthorized"}`). */
const AUTH_ERROR =
  /\b(?:unauthori[sz]ed|unauthenticated|not authenticated|authentication (?:required|failed)|login required|forbidden|access denied|permission denied|invalid (?:token|credentials|signature|jwt|session)|(?:token|jwt|session) (?:has )?(?:expired|invalid|missing)|missing (?:token|credentials|authorization))\b/i;

export function status(x: Exchange | undefined): number {
  return x?.response?.status ?? 0;
}

export function is2xx(x: Exchange | undefined): boolean {
  const s = status(x);
  return s >= 200 && s <= 299;
}

export function isRefused(x: Exchange | undefined): boolean {
  const s = status(x);
  return s === 401 || s === 403;
}

function mediaFamily(x: Exchange): string {
  const ct = (x.response?.headers['content-type'] ?? '').toLowerCase();
  if (ct.includes('json')) return 'json';
  if (ct.includes('html')) return 'html';
  return 'other';
}

/**
 * True when the server let the request through: a 2xx whose body is not an authentication error and,
 * when the genuine exchange is given, of the same kind (JSON vs an HTML login page).
 */
export function accepted(x: Exchange, genuine?: Exchange): boolean {
  const r = x.response;
  if (!r || !is2xx(x)) return false;
  if (r.body.length < 2000 && AUTH_ERROR.test(r.body)) return false;
  if (genuine?.response && mediaFamily(genuine) !== mediaFamily(x) && mediaFamily(x) === 'html') return false;
  return true;
}

export function sameEndpoint(x: Exchange, e: Endpoint): boolean {
  return x.endpoint === e || (x.endpoint?.method === e.method && x.endpoint?.path === e.path);
}

function hasCredentialHeader(h: Record<string, string> | undefined, extra: ReadonlySet<string>): boolean {
  if (!h) return false;
  return Object.keys(h).some((k) => CREDENTIAL_HEADERS.has(k.toLowerCase()) || extra.has(k.toLowerCase()));
}

/** The request of an exchange without credentials: what the builder made. */
export function replayable(x: Exchange, drop: ReadonlySet<string> = new Set()): ProbeRequest {
  const { method, path, headers, json, form, body } = x.request;
  const req: ProbeRequest = { method, path };
  if (headers) {
    const kept = Object.fromEntries(
      Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase()) && !drop.has(k.toLowerCase())),
    );
    if (Object.keys(kept).length) req.headers = kept;
  }
  if (json !== undefined) req.json = json;
  if (form !== undefined) req.form = form;
  if (body !== undefined) req.body = body;
  return req;
}

export function setQuery(path: string, name: string, value: string): string {
  const q = path.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
  params.set(name, value);
  return `${q < 0 ? path : path.slice(0, q)}?${params.toString()}`;
}

function setCookie(cookie: string | undefined, name: string, value: string): string {
  const parts = (cookie ?? '').split(/;\s*/).filter((p) => p && !p.startsWith(`${name}=`));
  return [...parts, `${name}=${value}`].join('; ');
}

/** Current credentials of every identity (or of those with a JWT), skipping identities that cannot log in. */
export async function credentialsOf(ctx: ProbeContext, jwtOnly = false): Promise<Map<string, Credentials>> {
  const out = new Map<string, Credentials>();
  for (const id of ctx.identities) {
    try {
      const c = await ctx.credentials(id.name);
      if (jwtOnly && !decodeJwt(c.token)) continue;
      out.set(id.name, c);
    } catch {
      // An identity that cannot log in has no credentials to forge from.
    }
  }
  return out;
}

/** `base` sent with the identity's credentials, its token replaced by `token` (sent anonymously: nothing genuine leaks in). */
export function withToken(base: ProbeRequest, creds: Credentials, token: string): ProbeRequest {
  const place = creds.tokenPlacement ?? { in: 'header', name: 'authorization', prefix: 'Bearer ' };
  const headers: Record<string, string> = { ...base.headers };
  for (const [k, v] of Object.entries(creds.headers)) headers[k.toLowerCase()] = v;
  let path = base.path;
  for (const [k, v] of Object.entries(creds.query)) if (!(place.in === 'query' && k === place.name)) path = setQuery(path, k, v);
  if (place.in === 'header') headers[place.name.toLowerCase()] = `${place.prefix}${token}`;
  else if (place.in === 'cookie') headers.cookie = setCookie(headers.cookie, place.name, `${place.prefix}${token}`);
  else path = setQuery(path, place.name, `${place.prefix}${token}`);
  return { ...base, path, headers };
}

/** `base` with every credential the identity sends (headers, cookies, query keys) replaced by `garbage`. */
export function withGarbage(base: ProbeRequest, creds: Credentials, garbage: string): ProbeRequest {
  const headers: Record<string, string> = { ...base.headers };
  for (const [k, v] of Object.entries(creds.headers)) {
    const name = k.toLowerCase();
    if (name === 'cookie') {
      headers.cookie = v
        .split(/;\s*/)
        .filter(Boolean)
        .map((p) => (p.includes('=') ? `${p.slice(0, p.indexOf('='))}=${garbage}` : p))
        .join('; ');
    } else if (name === 'authorization' || name === 'proxy-authorization') {
      const m = /^(\S+)\s+\S/.exec(v);
      headers[name] = m ? `${m[1]} ${garbage}` : garbage;
    } else headers[name] = garbage;
  }
  let path = base.path;
  for (const k of Object.keys(creds.query)) path = setQuery(path, k, garbage);
  return { ...base, path, headers };
}

/** Names of the headers an identity's credentials travel in (lower case). */
export function credentialHeaderNames(creds: Iterable<Credentials>): Set<string> {
  const out = new Set<string>();
  for (const c of creds) {
    for (const k of Object.keys(c.headers)) out.add(k.toLowerCase());
    if (c.tokenPlacement?.in === 'header') out.add(c.tokenPlacement.name.toLowerCase());
  }
  return out;
}

/** True for an exchange sent without any credentials (no identity, no credential header set by a check). */
export function isPlainAnonymous(x: Exchange, credHeaders: ReadonlySet<string> = new Set()): boolean {
  return x.identity === undefined && !hasCredentialHeader(x.request.headers, credHeaders);
}

/** True for an exchange sent with an identity's own credentials (no header override by a check). */
export function isPlainIdentity(x: Exchange, credHeaders: ReadonlySet<string> = new Set()): boolean {
  return x.identity !== undefined && !hasCredentialHeader(x.request.headers, credHeaders);
}

function methodRank(m: string): number {
  const i = METHOD_ORDER.indexOf(m);
  return i < 0 ? METHOD_ORDER.length : i;
}

/**
 * Secured endpoints to replay credentials against: GET first, in definition order. Taken from the
 * exchanges so far; for GET endpoints the crawl did not reach, one identity request and one anonymous
 * request are sent (bounded by `max`).
 */
export async function findTargets(ctx: ProbeContext, opts: TargetOptions): Promise<Target[]> {
  const all = await credentialsOf(ctx, opts.jwt);
  const creds = opts.identity === undefined ? all : new Map([...all].filter(([name]) => name === opts.identity));
  if (creds.size === 0) return [];
  const credHeaders = credentialHeaderNames(all.values());
  const methods = opts.methods ?? SAFE_METHODS;
  const history = ctx.exchanges();
  const endpoints = ctx.endpoints
    .filter((e) => e.auth !== 'none' && methods.includes(e.method))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => methodRank(a.e.method) - methodRank(b.e.method) || a.i - b.i)
    .map((x) => x.e);
  const out: Target[] = [];
  // Endpoints the crawl did not settle: the genuine request and/or the same request without credentials are sent once.
  const unsettled: { endpoint: Endpoint; genuine?: Exchange }[] = [];
  for (const endpoint of endpoints) {
    if (out.length >= opts.max) break;
    const xs = history.filter((x) => x.response && sameEndpoint(x, endpoint));
    const mine = xs.filter((x) => isPlainIdentity(x, credHeaders) && creds.has(x.identity as string));
    // Identities in the config's order, so the run is deterministic whatever the crawl's concurrency.
    const genuine = [...creds.keys()].map((n) => mine.find((x) => x.identity === n && accepted(x))).find(Boolean);
    const anonymous = xs.find((x) => isPlainAnonymous(x, credHeaders));
    if (anonymous && !isRefused(anonymous)) continue;
    if (genuine && anonymous) {
      const identity = genuine.identity as string;
      out.push({ endpoint, identity, creds: creds.get(identity)!, request: replayable(genuine, credHeaders), genuine, anonymous });
    } else if (genuine || (mine.length === 0 && !anonymous && endpoint.method === 'GET')) {
      unsettled.push({ endpoint, genuine });
    }
  }
  const names = [...creds.keys()];
  for (const u of unsettled) {
    if (out.length >= opts.max || ctx.signal.aborted) break;
    let genuine = u.genuine;
    for (const name of genuine ? [] : names) {
      const req = await ctx.build(u.endpoint, name);
      if (!req) continue;
      const x = await ctx.send(req, name, u.endpoint);
      if (accepted(x)) genuine = x;
      break;
    }
    if (!genuine) continue;
    const identity = genuine.identity as string;
    const request = replayable(genuine, credHeaders);
    const anonymous = await ctx.send(request, null, u.endpoint);
    if (isRefused(anonymous)) out.push({ endpoint: u.endpoint, identity, creds: creds.get(identity)!, request, genuine, anonymous });
  }
  return out;
}

/** Sends `target`'s request with a forged token in place of the identity's genuine one. */
export function sendWithToken(ctx: ProbeContext, t: Target, token: string): Promise<Exchange> {
  return ctx.send(withToken(t.request, t.creds, token), null, t.endpoint);
}

/** The endpoint whose template matches a concrete path (query ignored). */
export function endpointFor(endpoints: readonly Endpoint[], method: string, path: string): Endpoint | undefined {
  const p = path.split('?')[0] as string;
  const segs = p.split('/');
  let best: Endpoint | undefined;
  let bestStatic = -1;
  for (const e of endpoints) {
    if (e.method !== method) continue;
    const t = e.path.split('/');
    if (t.length !== segs.length) continue;
    let statics = 0;
    let ok = true;
    for (let i = 0; i < t.length && ok; i++) {
      const seg = t[i] as string;
      if (/^\{[^}]+\}$/.test(seg)) continue;
      if (seg === segs[i]) statics++;
      else ok = false;
    }
    if (ok && statics > bestStatic) {
      best = e;
      bestStatic = statics;
    }
  }
  return best;
}

/** An opaque random token no server issued: `rampart-invalid-<hex>`. */
export function garbageToken(): string {
  return `rampart-invalid-${randomBytes(12).toString('hex')}`;
}

/** Three base64url segments that are not JSON: what no JWT decoder can read. */
export function malformedJwt(): string {
  return `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(`rampart-${randomBytes(6).toString('hex')}`).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
}
