import type { Credentials, Exchange, Identity, IdentityConfig, LoginFlow, ProbeRequest } from './types.ts';

/**
 * The identities of a run: static credentials or a login flow declared as data. Secrets stay here;
 * checks see names and roles, and `credentials()` for the JWT checks that forge tokens.
 */

/** Sends a login request anonymously (the engine records it like any other exchange). */
export type LoginSender = (req: ProbeRequest) => Promise<Exchange>;

interface State {
  config: IdentityConfig;
  identity: Identity;
  creds?: Credentials;
  /** When to log in again, shortly before the current token expires (ms since epoch). */
  refreshAt?: number;
  /** Tokens that already caused a re-login after a 401 (each token at most once). */
  reloggedFor: Set<string>;
  /** Every token a login gave this identity (evidence may show an older one). */
  issued: string[];
  pending?: Promise<Credentials>;
  failed?: string;
}

export class LoginError extends Error {}

export class Identities {
  private readonly states = new Map<string, State>();
  private readonly sendLogin: LoginSender;
  /** Every secret value seen (static or obtained at login), for redaction. */
  private readonly secretValues = new Set<string>();

  constructor(configs: IdentityConfig[], sendLogin: LoginSender) {
    this.sendLogin = sendLogin;
    for (const c of configs) {
      const admin = c.admin ?? c.role === 'admin';
      this.states.set(c.name, {
        config: c,
        identity: { name: c.name, role: c.role ?? (admin ? 'admin' : 'user'), admin },
        reloggedFor: new Set(),
        issued: [],
      });
      for (const v of staticSecrets(c)) this.addSecret(v);
    }
  }

  list(): Identity[] {
    return [...this.states.values()].map((s) => s.identity);
  }

  has(name: string): boolean {
    return this.states.has(name);
  }

  hasLogin(name: string): boolean {
    return !!this.states.get(name)?.config.login;
  }

  /** True when `method path` is the login request of some identity (a 401 there is a wrong password, not an expired token). */
  isLoginRequest(method: string, path: string): boolean {
    const p = path.split('?')[0];
    for (const s of this.states.values()) {
      const r = s.config.login?.request;
      if (r && (r.method ?? 'POST').toUpperCase() === method.toUpperCase() && r.path.split('?')[0] === p) return true;
    }
    return false;
  }

  /** The config (for redaction of API key names, say). */
  configs(): IdentityConfig[] {
    return [...this.states.values()].map((s) => s.config);
  }

  /** Secret strings to hide in evidence, longest first. */
  secrets(): string[] {
    return [...this.secretValues].sort((a, b) => b.length - a.length);
  }

  /** Names of query parameters that carry credentials (API keys, tokens in query). */
  secretQueryNames(): string[] {
    const names = new Set<string>();
    for (const s of this.states.values()) {
      if (s.config.apiKey?.in === 'query') names.add(s.config.apiKey.name);
      if (s.config.login?.use?.in === 'query') names.add(s.config.login.use.name);
    }
    return [...names];
  }

  /** Names of headers that carry credentials besides authorization and cookie. */
  secretHeaderNames(): string[] {
    const names = new Set<string>();
    for (const s of this.states.values()) {
      if (s.config.apiKey?.in === 'header') names.add(s.config.apiKey.name.toLowerCase());
      if (s.config.login?.use?.in === 'header') names.add(s.config.login.use.name.toLowerCase());
      for (const h of Object.keys(s.config.headers ?? {})) names.add(h.toLowerCase());
    }
    return [...names];
  }

  /**
   * Shell variable names for each identity's secrets, for curl commands: `$ALICE_TOKEN`,
   * `$ALICE_BASIC`, `$ALICE_API_KEY`, `$ALICE_COOKIE`, `$ALICE_PASSWORD`.
   */
  shellVars(): Map<string, string> {
    const vars = new Map<string, string>();
    const put = (v: string | undefined, name: string) => {
      if (v && v.length >= 4 && !vars.has(v)) vars.set(v, name);
    };
    for (const s of this.states.values()) {
      const n = s.config.name
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .replace(/^(?=[0-9])/, '_');
      const c = s.config;
      put(s.creds?.token, `${n}_TOKEN`);
      for (const t of s.issued) put(t, `${n}_TOKEN`);
      put(c.bearer, `${n}_TOKEN`);
      if (c.basic) put(Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64'), `${n}_BASIC`);
      if (c.basic) put(c.basic.password, `${n}_PASSWORD`);
      put(c.apiKey?.value, `${n}_API_KEY`);
      if (c.cookie) put(c.cookie, `${n}_COOKIE`);
      let i = 0;
      for (const v of Object.values(c.headers ?? {})) put(v.replace(/^(Bearer|Basic|Token)\s+/i, ''), `${n}_HEADER${i++ ? `_${i}` : ''}`);
      for (const [k, v] of Object.entries(c.vars ?? {}))
        if (/pass|secret|token|key|otp|pin/i.test(k)) put(v, `${n}_${k.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`);
    }
    return vars;
  }

  /** Why the identity cannot be used, once its login failed. */
  failure(name: string): string | undefined {
    return this.states.get(name)?.failed;
  }

  /** Current credentials, logging in first (or again when the token expired). Throws LoginError. */
  async credentials(name: string): Promise<Credentials> {
    const s = this.states.get(name);
    if (!s) throw new LoginError(`unknown identity "${name}"`);
    if (s.failed) throw new LoginError(s.failed);
    if (!s.config.login) {
      s.creds ??= staticCredentials(s.config);
      return s.creds;
    }
    if (s.creds && (s.refreshAt === undefined || Date.now() < s.refreshAt)) return s.creds;
    return this.login(s);
  }

  /**
   * A request as `name` got 401 with `token`: log in again, once per token. Returns true when fresh
   * credentials are available (the caller retries once).
   */
  async relogin(name: string, token: string | undefined): Promise<boolean> {
    const s = this.states.get(name);
    if (!s?.config.login || s.failed) return false;
    if (s.pending) {
      await s.pending.catch(() => undefined);
      return !s.failed && s.creds?.token !== token;
    }
    if (s.creds?.token !== token) return !!s.creds; // someone already logged in again
    const key = token ?? '';
    if (s.reloggedFor.has(key)) return false;
    s.reloggedFor.add(key);
    try {
      await this.login(s);
      return true;
    } catch {
      return false;
    }
  }

  private login(s: State): Promise<Credentials> {
    s.pending ??= this.doLogin(s).finally(() => {
      s.pending = undefined;
    });
    return s.pending;
  }

  private async doLogin(s: State): Promise<Credentials> {
    const flow = s.config.login as LoginFlow;
    const vars = s.config.vars ?? {};
    const req = fill(flow.request, vars) as ProbeRequest;
    req.method = (req.method ?? 'POST').toUpperCase();
    const what = `identity ${s.config.name}: login ${req.method} ${req.path.split('?')[0]}`;
    const fail = (why: string): never => {
      s.failed = `${what} ${why}`;
      s.creds = undefined;
      throw new LoginError(s.failed);
    };
    const ex = await this.sendLogin(req);
    const res = ex.response;
    if (!res) return fail(`failed: ${ex.error ?? 'no response'}`);
    if (res.status < 200 || res.status >= 300) return fail(`answered ${res.status}`);
    const token = extractToken(flow, res.body, res.headers);
    if (token === undefined) return fail(`answered ${res.status} but the token was not found (${describeSource(flow.token)})`);
    this.addSecret(token);
    s.issued.push(token);
    const use = flow.use ?? { in: 'header' as const, name: 'authorization' };
    const prefix = use.prefix ?? (use.in === 'header' && use.name.toLowerCase() === 'authorization' ? 'Bearer ' : '');
    const base = staticCredentials({ ...s.config, login: undefined });
    const creds: Credentials = {
      headers: { ...base.headers },
      query: { ...base.query },
      token,
      tokenPlacement: { in: use.in, name: use.in === 'header' ? use.name.toLowerCase() : use.name, prefix },
    };
    if (use.in === 'header') creds.headers[use.name.toLowerCase()] = `${prefix}${token}`;
    else if (use.in === 'cookie') creds.headers.cookie = joinCookies(creds.headers.cookie, `${use.name}=${prefix}${token}`);
    else creds.query[use.name] = `${prefix}${token}`;
    const now = Date.now();
    const exp = flow.expiresIn !== undefined ? now + flow.expiresIn * 1000 : jwtExp(token);
    // Log in again a little before the token expires: 5 s, or a tenth of a short lifetime.
    s.refreshAt = exp === undefined ? undefined : exp - Math.min(5000, Math.max(0, exp - now) / 10);
    s.creds = creds;
    return creds;
  }

  private addSecret(v: string | undefined): void {
    if (v && v.length >= 4) this.secretValues.add(v);
  }
}

function staticSecrets(c: IdentityConfig): string[] {
  const out: string[] = [];
  if (c.bearer) out.push(c.bearer);
  if (c.basic) out.push(c.basic.password, Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64'));
  if (c.apiKey) out.push(c.apiKey.value);
  if (c.cookie) {
    for (const part of c.cookie.split(';')) {
      const v = part.slice(part.indexOf('=') + 1).trim();
      if (v) out.push(v);
    }
  }
  for (const v of Object.values(c.headers ?? {})) out.push(v.replace(/^(Bearer|Basic|Token)\s+/i, ''));
  for (const [k, v] of Object.entries(c.vars ?? {})) if (/pass|secret|token|key|otp|pin/i.test(k)) out.push(v);
  return out;
}

export function staticCredentials(c: IdentityConfig): Credentials {
  const creds: Credentials = { headers: {}, query: {} };
  for (const [k, v] of Object.entries(c.headers ?? {})) creds.headers[k.toLowerCase()] = v;
  if (c.cookie) creds.headers.cookie = joinCookies(creds.headers.cookie, c.cookie);
  if (c.apiKey) {
    if (c.apiKey.in === 'header') creds.headers[c.apiKey.name.toLowerCase()] = c.apiKey.value;
    else if (c.apiKey.in === 'query') creds.query[c.apiKey.name] = c.apiKey.value;
    else creds.headers.cookie = joinCookies(creds.headers.cookie, `${c.apiKey.name}=${c.apiKey.value}`);
  }
  if (c.basic) creds.headers.authorization = `Basic ${Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64')}`;
  if (c.bearer) {
    creds.headers.authorization = `Bearer ${c.bearer}`;
    creds.token = c.bearer;
    creds.tokenPlacement = { in: 'header', name: 'authorization', prefix: 'Bearer ' };
  } else {
    const auth = creds.headers.authorization;
    const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
    if (m) {
      creds.token = m[1];
      creds.tokenPlacement = { in: 'header', name: 'authorization', prefix: auth.slice(0, auth.length - m[1].length) };
    }
  }
  return creds;
}

function joinCookies(a: string | undefined, b: string): string {
  return a ? `${a}; ${b}` : b;
}

/** Replaces `{{name}}` in every string of `v` (deeply) with `vars[name]`. */
export function fill(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string') return v.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, k: string) => (k in vars ? vars[k] : m));
  if (Array.isArray(v)) return v.map((x) => fill(x, vars));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fill(x, vars);
    return out;
  }
  return v;
}

export function extractToken(flow: LoginFlow, body: string, headers: Record<string, string>): string | undefined {
  const t = flow.token;
  switch (t.from) {
    case 'json': {
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch {
        return undefined;
      }
      const v = jsonPointer(data, t.pointer ?? '');
      return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
    }
    case 'header': {
      const v = headers[(t.name ?? 'authorization').toLowerCase()];
      return v ? v.replace(/^Bearer\s+/i, '') : undefined;
    }
    case 'cookie': {
      for (const line of (headers['set-cookie'] ?? '').split('\n')) {
        const first = line.split(';')[0] ?? '';
        const eq = first.indexOf('=');
        if (eq > 0 && first.slice(0, eq).trim() === t.name) return first.slice(eq + 1).trim() || undefined;
      }
      return undefined;
    }
    case 'regex': {
      if (!t.pattern) return undefined;
      const m = new RegExp(t.pattern).exec(body);
      return m ? (m[1] ?? m[0]) : undefined;
    }
  }
}

function describeSource(t: LoginFlow['token']): string {
  switch (t.from) {
    case 'json':
      return `JSON pointer ${t.pointer ?? ''}`;
    case 'header':
      return `header ${t.name ?? 'authorization'}`;
    case 'cookie':
      return `cookie ${t.name}`;
    case 'regex':
      return `regex ${t.pattern}`;
  }
}

export function jsonPointer(data: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? data : (data as Record<string, unknown>)?.[''];
  let cur = data;
  for (const raw of pointer.replace(/^#/, '').split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** The `exp` of a JWT, in ms since epoch, when the token is one. */
export function jwtExp(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
