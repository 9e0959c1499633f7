import { STATUS_CODES } from 'node:http';
import type { Evidence } from '../../core/index.ts';
import type { Exchange } from './types.ts';

/**
 * Evidence of a probe finding: the request and response as HTTP text with every credential redacted,
 * and a curl command that replays the request with credentials as shell variables (`$ALICE_TOKEN`).
 */

/** What to hide: identity secrets (longest first) and the header/query names that carry credentials. */
export interface Redactor {
  /** Known secret strings: static credentials, tokens obtained at login. */
  secrets: string[];
  /** Extra header names (lower case) whose values are credentials (API keys). */
  headerNames: string[];
  /** Query parameter names whose values are credentials. */
  queryNames: string[];
}

export const EMPTY_REDACTOR: Redactor = { secrets: [], headerNames: [], queryNames: [] };

/** Bytes of a response body kept in evidence. */
export const EVIDENCE_BODY_BYTES = 4096;

const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
]);
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const SECRET_FIELD =
  /("(?:[\w-]*(?:token|secret|password|passwd|api[_-]?key|apikey|authorization|session[_-]?id|private[_-]?key)[\w-]*)"\s*:\s*")((?:[^"\\]|\\.){4,})(")/gi;

/**
 * `abcd…(32 chars)`: enough to recognise a value, never the value. Short values show less (a quarter
 * of them at most), so a 6-character password is not mostly printed.
 */
export function mask(value: string): string {
  return `${value.slice(0, Math.min(4, Math.floor(value.length / 4)))}…(${value.length} chars)`;
}

/** A secret as it may appear in a URL or form body too (percent-encoded), longest first. */
function variants(secrets: string[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    out.add(s);
    const enc = encodeURIComponent(s);
    if (enc !== s) out.add(enc);
    const form = new URLSearchParams({ s }).toString().slice(2);
    if (form !== s) out.add(form);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function replaceSecrets(text: string, r: Redactor): string {
  let out = text;
  for (const s of variants(r.secrets)) if (out.includes(s)) out = out.split(s).join(mask(s));
  return out;
}

/** Redacts credentials in free text (bodies, URLs): known secrets, JWTs, values of secret-looking JSON fields. */
export function redactText(text: string, r: Redactor): string {
  let out = replaceSecrets(text, r);
  out = out.replace(JWT, (m) => mask(m));
  out = out.replace(SECRET_FIELD, (_m, a: string, v: string, z: string) => (v.includes('…(') ? `${a}${v}${z}` : `${a}${mask(v)}${z}`));
  return out;
}

function redactCookies(value: string): string {
  return value
    .split(/;\s*/)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const v = part.slice(eq + 1);
      return v.length ? `${part.slice(0, eq)}=${v.includes('…(') ? v : mask(v)}` : part;
    })
    .join('; ');
}

export function redactHeader(name: string, value: string, r: Redactor): string {
  const n = name.toLowerCase();
  if (n === 'cookie') return redactCookies(value);
  if (n === 'set-cookie') {
    return value
      .split('\n')
      .map((line) => {
        const [first, ...attrs] = line.split(';');
        return [redactCookies(first ?? ''), ...attrs].join(';');
      })
      .join('\n');
  }
  if (n === 'authorization' || n === 'proxy-authorization') {
    const m = /^(\S+\s+)(.+)$/.exec(value);
    return m ? `${m[1]}${mask(m[2])}` : mask(value);
  }
  if (CREDENTIAL_HEADERS.has(n) || r.headerNames.includes(n)) return mask(value);
  return redactText(value, r);
}

/** The URL (or path) with credential query parameters masked. */
export function redactUrl(url: string, r: Redactor): string {
  const q = url.indexOf('?');
  if (q < 0) return redactText(url, r);
  const head = url.slice(0, q);
  const names = new Set(r.queryNames);
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((p) => {
      const eq = p.indexOf('=');
      if (eq < 0) return p;
      let name = p.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {}
      if (names.has(name) || /^(access_token|api[_-]?key|apikey|token|jwt|key|secret|password)$/i.test(name)) {
        const v = p.slice(eq + 1);
        return v ? `${p.slice(0, eq)}=${encodeURIComponent(mask(safeDecode(v)))}` : p;
      }
      return p;
    });
  return redactText(`${head}?${parts.join('&')}`, r);
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

function cut(body: string, max = EVIDENCE_BODY_BYTES): { text: string; cut: boolean } {
  if (Buffer.byteLength(body) <= max) return { text: body, cut: false };
  // Cut on a character boundary.
  const buf = Buffer.from(body).subarray(0, max);
  let text = buf.toString('utf8');
  if (text.endsWith('\uFFFD')) text = text.slice(0, -1);
  return { text, cut: true };
}

/** The request as HTTP/1.1 text, credentials redacted. */
export function requestText(ex: Exchange, r: Redactor): string {
  const url = safeUrl(ex.request.url);
  const path = url ? url.pathname + url.search : ex.request.path;
  const lines = [`${ex.request.method} ${redactUrl(path, r)} HTTP/1.1`];
  if (url) lines.push(`host: ${url.host}`);
  for (const [k, v] of Object.entries(ex.request.sentHeaders)) if (k !== 'host') lines.push(`${k}: ${redactHeader(k, v, r)}`);
  const body = bodyOf(ex);
  let text = lines.join('\n');
  if (body !== undefined) {
    const c = cut(body);
    text += `\n\n${redactText(c.text, r)}${c.cut ? `\n… (${Buffer.byteLength(body)} bytes, cut)` : ''}`;
  }
  return text;
}

/** The response as HTTP/1.1 text (body cut to ~4 KiB), credentials redacted; the error when there was none. */
export function responseText(ex: Exchange, r: Redactor): string | undefined {
  const res = ex.response;
  if (!res) return ex.error ? `(no response: ${ex.error})` : undefined;
  const lines = [`HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`.trimEnd()];
  for (const [k, v] of Object.entries(res.headers)) {
    if (k === 'set-cookie') for (const line of v.split('\n')) lines.push(`${k}: ${redactHeader(k, line, r)}`);
    else lines.push(`${k}: ${redactHeader(k, v, r)}`);
  }
  let text = lines.join('\n');
  if (res.body) {
    const c = cut(res.body);
    // Say where the probe stopped reading: "cut at 1048576 bytes" tells a huge answer from a broken one.
    const limit = res.truncated ? ` ${ex.error ? 'after' : 'by the probe body limit at'} ${Buffer.byteLength(res.body)} bytes` : '';
    text += `\n\n${redactText(c.text, r)}${c.cut || res.truncated ? `\n… (body cut${limit})` : ''}`;
  }
  if (ex.error) text += `\n(${ex.error})`;
  return text;
}

function bodyOf(ex: Exchange): string | undefined {
  const req = ex.request;
  if (req.json !== undefined) return JSON.stringify(req.json);
  if (req.form) return new URLSearchParams(req.form).toString();
  return req.body;
}

function safeUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

/** POSIX single quotes: safe for any text (the gRPC and WebSocket reproducers quote with it too). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `ALICE` from `alice`, `BOB_SMITH` from `bob-smith`. */
export function shellName(identity: string | undefined): string {
  const n = (identity ?? 'anonymous').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[A-Z_]/.test(n) ? n : `_${n}`;
}

/**
 * Replaces each occurrence of a known secret in `text` by a shell variable; returns a shell word
 * (single-quoted literal parts joined with "$VAR" parts).
 */
function shellWord(text: string, vars: Map<string, string>): string {
  const secrets = [...vars.keys()].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  if (!secrets.length) return shellQuote(text);
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    let at = -1;
    let which = '';
    for (const s of secrets) {
      const i = rest.indexOf(s);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        which = s;
      }
    }
    if (at < 0) break;
    if (at > 0) parts.push(shellQuote(rest.slice(0, at)));
    parts.push(`"$${vars.get(which)}"`);
    rest = rest.slice(at + which.length);
  }
  if (rest || !parts.length) parts.push(shellQuote(rest));
  return parts.join('');
}

/**
 * A curl command that replays the exchange's request. Credentials of the identity become shell
 * variables (`$ALICE_TOKEN`, `$ALICE_COOKIE`, `$ALICE_API_KEY`); other known secrets `$SECRET_1`...
 */
export function curlCommand(ex: Exchange, r: Redactor, identitySecrets: Map<string, string> = new Map()): string {
  const vars = new Map<string, string>(identitySecrets);
  let n = 0;
  for (const s of r.secrets) if (!vars.has(s)) vars.set(s, `SECRET_${++n}`);
  // Percent-encoded in a URL or form body, a secret is still a secret (the variable holds it raw).
  for (const [s, name] of [...vars]) {
    for (const v of variants([s])) if (!vars.has(v)) vars.set(v, name);
  }
  const req = ex.request;
  const args = ['curl', '-i', '-sS'];
  if (req.method !== 'GET') args.push('-X', req.method);
  args.push(shellWord(req.url, vars));
  for (const [k, v] of Object.entries(req.sentHeaders)) {
    if (k === 'host' || k === 'content-length' || k === 'user-agent' || k === 'connection') continue;
    args.push('-H', shellWord(`${k}: ${v}`, vars));
  }
  const body = bodyOf(ex);
  if (body !== undefined) args.push('--data-raw', shellWord(body, vars));
  return args.join(' ');
}

/** Evidence for a finding from its exchanges (the first is the proof shown in full). */
export function buildEvidence(
  exchanges: Exchange[],
  r: Redactor,
  identities: string[] | undefined,
  hash: string,
  identitySecrets?: Map<string, string>,
): Evidence {
  const first = exchanges[0];
  const ev: Evidence = { hash };
  if (first) {
    ev.snippet = `${first.request.method} ${redactUrl(first.request.path, r)}${first.response ? ` -> ${first.response.status}` : first.error ? ` -> ${first.error}` : ''}`;
    ev.request = requestText(first, r);
    ev.response = responseText(first, r);
    ev.curl = curlCommand(first, r, identitySecrets);
  }
  const ids = identities ?? [...new Set(exchanges.map((e) => e.identity).filter((x): x is string => !!x))];
  if (ids.length) ev.identities = ids;
  return ev;
}
