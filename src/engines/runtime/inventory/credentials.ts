/**
 * Credentials a request carried (Authorization schemes, API-key headers, session cookies, tokens in the
 * query, a logged user), and the redacted text of a request for evidence: credential values, cookies and
 * sensitive data never appear, only their names, kind and length.
 */
import type { Header, TrafficRecord } from '../../../formats/traffic/types.ts';
import { maskSensitive } from '../sensitive.ts';

export type CredentialKind = 'bearer' | 'basic' | 'digest' | 'auth-scheme' | 'api-key-header' | 'session-cookie' | 'query-token' | 'user';

export interface CredentialSeen {
  kind: CredentialKind;
  /** Header, cookie or query parameter name; the scheme for `auth-scheme`. */
  name?: string;
  /** The bearer token is a JWT. */
  jwt?: boolean;
}

const KEY_HEADER =
  /^(?:x-)?(?:api[-_]?key|apikey|auth[-_]?token|access[-_]?token|session[-_]?token|token|secret|client[-_]?secret|subscription[-_]?key|goog-api-key|amz-security-token|ocp-apim-subscription-key|functions-key)$/;
const QUERY_SECRET =
  /^(?:api[-_]?key|apikey|access[-_]?token|auth[-_]?token|token|id[-_]?token|refresh[-_]?token|jwt|session(?:[-_]?id)?|sid|password|passwd|pwd|secret|client[-_]?secret|x-amz-security-token|x-amz-credential|x-goog-credential)$/i;
/** Names that are credentials only when the value is long enough to be one (`key=AIza…`, `sig=…`). */
const QUERY_MAYBE = /^(?:key|sig|signature|x-amz-signature|x-goog-signature|code|auth)$/i;
const SESSION_COOKIE =
  /sess|^sid$|^s?id$|auth|token|jwt|remember|login|^connect\.sid$|^_?session|jsessionid|phpsessid|asp\.net_sessionid|laravel_session|^__host-|^__secure-/i;

/** Query parameter names whose values are never shown. */
export function isSecretParam(name: string, value = ''): boolean {
  return QUERY_SECRET.test(name) || (QUERY_MAYBE.test(name) && value.length >= 16);
}

function cookieNames(v: string): string[] {
  return v
    .split(';')
    .map((p) => p.split('=')[0].trim())
    .filter(Boolean);
}

function queryPairs(q: string | undefined): [string, string][] {
  if (!q) return [];
  const out: [string, string][] = [];
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    out.push([decode(rawName), decode(rawValue)]);
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function credentialsOf(r: TrafficRecord): CredentialSeen[] {
  const out: CredentialSeen[] = [];
  for (const [name, value] of r.requestHeaders ?? []) {
    if (name === 'authorization' || name === 'proxy-authorization') {
      const sp = value.indexOf(' ');
      const scheme = (sp === -1 ? value : value.slice(0, sp)).toLowerCase();
      const token = sp === -1 ? '' : value.slice(sp + 1).trim();
      if (scheme === 'bearer') out.push({ kind: 'bearer', jwt: /^eyJ[\w-]+\.[\w-]+\./.test(token) });
      else if (scheme === 'basic') out.push({ kind: 'basic' });
      else if (scheme === 'digest') out.push({ kind: 'digest' });
      else if (value && value !== 'REDACTED') out.push({ kind: 'auth-scheme', name: sp === -1 ? 'token' : scheme });
    } else if (KEY_HEADER.test(name)) out.push({ kind: 'api-key-header', name });
    else if (name === 'cookie') {
      for (const c of cookieNames(value)) if (SESSION_COOKIE.test(c)) out.push({ kind: 'session-cookie', name: c });
    }
  }
  for (const [name, value] of queryPairs(r.query)) if (value && isSecretParam(name, value)) out.push({ kind: 'query-token', name });
  if (r.user && !out.length) out.push({ kind: 'user' });
  return out;
}

/** A label for the inventory: `bearer (JWT)`, `api key header x-api-key`, `session cookie sid`. */
export function credentialLabel(c: CredentialSeen): string {
  switch (c.kind) {
    case 'bearer':
      return c.jwt ? 'bearer JWT' : 'bearer token';
    case 'basic':
      return 'basic auth';
    case 'digest':
      return 'digest auth';
    case 'auth-scheme':
      return `authorization ${c.name}`;
    case 'api-key-header':
      return `header ${c.name}`;
    case 'session-cookie':
      return `cookie ${c.name}`;
    case 'query-token':
      return `query ${c.name}`;
    case 'user':
      return 'logged user';
  }
}

const SHOWN_HEADERS = new Set(['host', 'content-type', 'accept', 'origin', 'user-agent', 'x-requested-with']);

/** `https://h/p?api_key=[redacted]&q=x` with sensitive values masked. */
export function redactedUrl(r: TrafficRecord): string {
  const origin = r.host ? `${r.scheme ?? 'http'}://${r.host}` : '';
  const path = maskSensitive(safeDecodePath(r.path).split('/').map(maskSecretSegment).join('/'));
  const pairs = queryPairs(r.query);
  const q = pairs
    .map(([n, v]) => {
      if (isSecretParam(n, v) && v) return `${enc(n)}=[redacted]`;
      const shown = maskSensitive(v);
      return v === '' ? enc(n) : `${enc(n)}=${enc(shown.length > 64 ? `${shown.slice(0, 60)}…` : shown)}`;
    })
    .join('&');
  return `${origin}${encodePath(path)}${q ? `?${q}` : ''}`;
}

/**
 * Path segments that may be secrets (reset and share tokens, webhook keys, `bot<id>:<token>`): long and
 * random-looking ones are cut to a prefix and their length.
 */
function maskSecretSegment(seg: string): string {
  if (seg.length < 20 || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg)) return seg;
  if (/^eyJ/.test(seg)) return seg; // JWTs are masked by maskSensitive
  const digits = (seg.match(/\d/g) ?? []).length;
  const letters = (seg.match(/[A-Za-z]/g) ?? []).length;
  const mixedCase = /[a-z]/.test(seg) && /[A-Z]/.test(seg);
  if (digits >= 2 && letters >= 4 && (mixedCase || seg.length >= 32) && !/[-_]{1}[a-z]+[-_][a-z]+/.test(seg))
    return `${seg.slice(0, 4)}…[${seg.length} chars]`;
  return seg;
}

function enc(s: string): string {
  return encodeURIComponent(s)
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']')
    .replace(/%E2%80%A6/g, '…')
    .replace(/%40/g, '@')
    .replace(/%2C/g, ',');
}

function safeDecodePath(p: string): string {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

function encodePath(p: string): string {
  return p.replace(/[\s"<>]/g, (c) => encodeURIComponent(c)).replace(/…\[(\d+)%20chars\]/g, '…[$1 chars]');
}

function redactHeader([name, value]: Header): string | undefined {
  const title = name.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
  if (name === 'authorization' || name === 'proxy-authorization') {
    const sp = value.indexOf(' ');
    const scheme = sp === -1 ? '' : `${value.slice(0, sp)} `;
    return `${title}: ${scheme}[redacted, ${value.length - scheme.length} chars]`;
  }
  if (name === 'cookie')
    return `${title}: ${cookieNames(value)
      .map((c) => `${c}=[redacted]`)
      .join('; ')}`;
  if (KEY_HEADER.test(name)) return `${title}: [redacted, ${value.length} chars]`;
  if (SHOWN_HEADERS.has(name)) return `${title}: ${maskSensitive(value).slice(0, 200)}`;
  return undefined;
}

/** The request as evidence text: request line, a few headers (credentials redacted), and where it was seen. */
export function redactedRequest(r: TrafficRecord): string {
  const lines = [`${r.method} ${redactedUrl(r)}`];
  for (const h of r.requestHeaders ?? []) {
    const shown = redactHeader(h);
    if (shown) lines.push(shown);
  }
  if (!r.requestHeaders && r.user) lines.push(`(user: ${r.user.length > 2 ? `${r.user[0]}***` : '***'})`);
  return lines.join('\n');
}

/** `HTTP 200` plus the content type, never the body. */
export function redactedResponse(r: TrafficRecord): string | undefined {
  if (r.status === undefined) return undefined;
  const ct = r.responseHeaders?.find(([n]) => n === 'content-type')?.[1] ?? r.responseBody?.mimeType;
  return `HTTP ${r.status}${ct ? `\nContent-Type: ${ct}` : ''}`;
}
