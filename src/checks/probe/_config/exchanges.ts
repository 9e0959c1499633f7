import { randomBytes } from 'node:crypto';
import type { Endpoint, Exchange, ProbeContext, ProbeRequest, ProbeResponse } from '../../../engines/probe/types.ts';

/**
 * Small helpers shared by the headers, TLS, inventory, quota and conformance probe checks (group P4):
 * reading exchanges, replaying the crawl's requests, per-run state and soft-404 baselines.
 */

/** An origin no deployment allow-lists: an Access-Control-Allow-Origin equal to it was echoed from the request. */
export const PROBE_ORIGIN = 'https://rampart-probe.example';

/** A response header (names are lower case in exchanges). */
export function header(res: ProbeResponse | undefined, name: string): string | undefined {
  return res?.headers[name.toLowerCase()];
}

/** `METHOD /template` of an endpoint, for messages. */
export function label(e: Pick<Endpoint, 'method' | 'path'>): string {
  return `${e.method.toUpperCase()} ${e.path}`;
}

/** A random lower-case token, for decoys and paths that cannot exist. */
export function randomToken(bytes = 6): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * State a check keeps for one run. Checks are module singletons shared by every run (and by tests
 * running side by side), so state hangs off the run's context, never off the module.
 */
export function perRun<T>(make: () => T): (ctx: ProbeContext) => T {
  const states = new WeakMap<ProbeContext, T>();
  return (ctx) => {
    let s = states.get(ctx);
    if (s === undefined) {
      s = make();
      states.set(ctx, s);
    }
    return s;
  };
}

/** The request of an exchange as a new request (same method, path, headers and body). */
export function replayable(ex: Exchange, headers: Record<string, string> = {}): ProbeRequest {
  const r = ex.request;
  const req: ProbeRequest = { method: r.method, path: r.path };
  if (r.headers || Object.keys(headers).length) req.headers = { ...r.headers, ...headers };
  if (r.json !== undefined) req.json = r.json;
  else if (r.form) req.form = r.form;
  else if (r.body !== undefined) req.body = r.body;
  return req;
}

export function is2xx(res: ProbeResponse | undefined): res is ProbeResponse {
  return !!res && res.status >= 200 && res.status < 300;
}

/**
 * For each endpoint, the first exchange the run (the crawl) sent that answered 2xx, preferring one an
 * identity sent (its path holds ids of real objects). Only methods in `methods` (default: GET).
 */
export function successfulExchanges(ctx: ProbeContext, methods: string[] = ['GET']): Map<Endpoint, Exchange> {
  const out = new Map<Endpoint, Exchange>();
  for (const ex of ctx.exchanges()) {
    const e = ex.endpoint;
    if (!e || !methods.includes(e.method) || !is2xx(ex.response)) continue;
    const prev = out.get(e);
    if (!prev || (!prev.identity && ex.identity)) out.set(e, ex);
  }
  return out;
}

/** A JSON media type (`application/json`, `application/problem+json`...). */
export function isJsonType(contentType: string | undefined): boolean {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return t === 'application/json' || t.endsWith('+json');
}

/** The media type family of a response, to tell a JSON API answer from an HTML catch-all page. */
export function mediaFamily(res: ProbeResponse): 'json' | 'html' | 'other' {
  const t = (header(res, 'content-type') ?? '').toLowerCase();
  if (isJsonType(t)) return 'json';
  if (t.includes('html') || /^\s*<(!doctype|html)/i.test(res.body)) return 'html';
  return 'other';
}

/** A body with the request path (and its last segment) blanked, so two not-found pages compare equal. */
export function normalizeBody(body: string, path: string): string {
  const bare = path.split('?')[0] ?? path;
  const last = bare.split('/').filter(Boolean).pop();
  let out = body.split(bare).join('<path>');
  if (last && last.length >= 6) out = out.split(last).join('<seg>');
  return out.replace(/\d{10,}/g, '<n>').replace(/"(?:timestamp|time|date|requestId|request_id|traceId|trace_id)"\s*:\s*"[^"]*"/gi, '"<t>"');
}

export interface Baseline {
  status: number;
  body: string;
  family: 'json' | 'html' | 'other';
}

/** What the target answers for a path that cannot exist (`<dir>/rampart-<random>`), the soft-404 baseline. */
export async function notFoundBaseline(
  ctx: ProbeContext,
  dir: string,
  method = 'GET',
  as: string | null = null,
  suffix = '',
): Promise<{ baseline?: Baseline; exchange: Exchange }> {
  const path = `${dir.endsWith('/') ? dir : `${dir}/`}rampart-${randomToken()}${suffix}`;
  const exchange = await ctx.send({ method, path }, as);
  const res = exchange.response;
  if (!res) return { exchange };
  return { exchange, baseline: { status: res.status, body: normalizeBody(res.body, path), family: mediaFamily(res) } };
}

/** True when the response is the same page the target gives for any unknown path. */
export function looksLikeBaseline(ex: Exchange, baseline: Baseline | undefined): boolean {
  const res = ex.response;
  if (!res || !baseline) return false;
  return res.status === baseline.status && normalizeBody(res.body, ex.request.path) === baseline.body;
}

/**
 * Lower-case words of a path and operation id (plus summary and tags with `text`): `/auth/sign-in`
 * -> `auth`, `sign`, `in`, `signin`.
 */
export function endpointWords(e: Endpoint, text = false): Set<string> {
  const parts = [e.path.replace(/\{[^}]*\}/g, ' '), e.operationId ?? ''];
  if (text) parts.push(e.summary ?? '', ...e.tags);
  const all = parts.join(' ');
  const words = new Set<string>();
  const split = all
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (const w of split) words.add(w);
  for (let i = 0; i + 1 < split.length; i++) words.add(`${split[i]}${split[i + 1]}`);
  return words;
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
