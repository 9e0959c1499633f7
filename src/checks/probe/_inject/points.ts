import { randomBytes } from 'node:crypto';
import type { Endpoint, EndpointParameter, Exchange, ProbeContext, ProbeRequest } from '../../../engines/probe/types.ts';

/**
 * Injection points of the injection checks (group P3): every query, path and header parameter and every
 * string field of the JSON body of an endpoint, each with the value a valid request carries. A payload
 * is sent by asking `ctx.build` for the same valid request with the payload patched in, so ids, required
 * fields and credentials stay right and only the one value changes.
 */

export type Place = 'query' | 'path' | 'header' | 'body' | 'form';

export interface InjectionPoint {
  place: Place;
  /** Parameter name, form field name, or the JSON body field as a dotted path (`address.city`, `items.0.note`). */
  name: string;
  /** Keys from the body's root to the field (body fields only). */
  keys?: (string | number)[];
  /** The value the valid request carries, as a string. */
  original: string;
  /** The parameter as the definition declares it (not for body fields). */
  parameter?: EndpointParameter;
  /** False for an optional parameter the valid request left out (`original` is then made up). */
  inBase: boolean;
}

/** One endpoint prepared for injection: who calls it, the valid request, its answer and its points. */
export interface Target {
  endpoint: Endpoint;
  as: string | null;
  base: ProbeRequest;
  /** The valid request sent as is: what a harmless value gets back. */
  baseline: Exchange;
  points: InjectionPoint[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Never injected into: DELETE would remove the probe's own objects on every payload (and creates again). */
const SKIPPED_METHODS = new Set(['DELETE', 'HEAD', 'OPTIONS', 'TRACE']);
/** Headers the engine owns (credentials, content negotiation): changing them tests the engine, not the API. */
const ENGINE_HEADERS = new Set(['authorization', 'content-type', 'accept', 'content-length', 'host', 'cookie', 'user-agent']);
const MAX_BODY_DEPTH = 4;

/** `METHOD /template` of an endpoint, for messages. */
export function label(e: Pick<Endpoint, 'method' | 'path'>): string {
  return `${e.method.toUpperCase()} ${e.path}`;
}

/** Where a point is, in words: `query parameter "q"`, `JSON body field "address.city"`. */
export function describePoint(p: InjectionPoint): string {
  if (p.place === 'body') return `JSON body field "${p.name}"`;
  if (p.place === 'form') return `form field "${p.name}"`;
  return `${p.place} parameter "${p.name}"`;
}

/** A random lower-case marker (letters first, so it is a valid identifier and host label). */
export function marker(prefix = 'rmp'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

/** A random integer in [min, max]. */
export function randomInt(min: number, max: number): number {
  return min + (randomBytes(4).readUInt32BE(0) % (max - min + 1));
}

/**
 * The identity to inject as: one whose crawl request got a 2xx (users before admins, then anonymous;
 * anonymous first for a public endpoint),
 * else one that was not refused, else the first user (or anonymous for a public endpoint).
 */
export function callerFor(ctx: ProbeContext, endpoint: Endpoint): string | null {
  const named = [...ctx.identities.filter((i) => !i.admin), ...ctx.identities.filter((i) => i.admin)].map((i) => i.name);
  // A public endpoint is tried anonymously first: the finding then needs no account at all.
  const order: (string | null)[] = endpoint.auth === 'none' ? [null, ...named] : [...named, null];
  const statuses = new Map<string | null, number[]>();
  for (const ex of ctx.exchanges()) {
    if (ex.endpoint !== endpoint || !ex.response) continue;
    const who = ex.identity ?? null;
    const list = statuses.get(who) ?? [];
    list.push(ex.response.status);
    statuses.set(who, list);
  }
  const ok = order.find((w) => statuses.get(w)?.some((s) => s >= 200 && s < 300));
  if (ok !== undefined) return ok;
  const notRefused = order.find((w) => statuses.get(w)?.some((s) => s !== 401 && s !== 403));
  if (notRefused !== undefined) return notRefused;
  if (endpoint.auth === 'none') return null;
  return order[0] ?? null;
}

/** A plausible value for an optional parameter the valid request left out. */
function fallbackValue(p: EndpointParameter): string {
  if (p.example !== undefined) return typeof p.example === 'string' ? p.example : JSON.stringify(p.example);
  const s = p.schema ?? {};
  if (s.default !== undefined) return String(s.default);
  if (Array.isArray(s.enum) && s.enum.length) return String(s.enum[0]);
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'integer' || t === 'number') return '1';
  if (t === 'boolean') return 'true';
  return 'rampart';
}

/** The value of each path parameter in a concrete path built from `template`. */
function pathValues(template: string, path: string): Map<string, string> {
  const out = new Map<string, string>();
  const t = template.split('/');
  const p = (path.split('?')[0] ?? '').split('/');
  if (t.length !== p.length) return out;
  t.forEach((seg, i) => {
    const m = /^\{([^}]+)\}$/.exec(seg);
    if (!m) return;
    try {
      out.set(m[1] as string, decodeURIComponent(p[i] as string));
    } catch {
      out.set(m[1] as string, p[i] as string);
    }
  });
  return out;
}

/** String leaves of a JSON body, depth first, with their key paths. */
function stringFields(value: unknown, keys: (string | number)[], out: InjectionPoint[], limit: number): void {
  if (out.length >= limit || keys.length > MAX_BODY_DEPTH) return;
  if (typeof value === 'string') {
    if (keys.length) out.push({ place: 'body', name: keys.join('.'), keys: [...keys], original: value, inBase: true });
    return;
  }
  if (Array.isArray(value)) {
    // One item stands for the array: the same code handles every item.
    if (value.length) stringFields(value[0], [...keys, 0], out, limit);
    return;
  }
  if (isObj(value)) for (const [k, v] of Object.entries(value)) stringFields(v, [...keys, k], out, limit);
}

/** The points of an endpoint given its valid request: parameters first (query, path, header), then JSON body string fields or form fields. */
export function pointsOf(endpoint: Endpoint, base: ProbeRequest, max: number): InjectionPoint[] {
  const out: InjectionPoint[] = [];
  const query = new URLSearchParams(base.path.includes('?') ? base.path.slice(base.path.indexOf('?') + 1) : '');
  const inPath = pathValues(endpoint.path, base.path);
  const order = { query: 0, path: 1, header: 2, cookie: 3 } as const;
  for (const p of [...endpoint.parameters].sort((a, b) => order[a.in] - order[b.in])) {
    if (out.length >= max) break;
    if (p.in === 'query') {
      const v = query.get(p.name);
      out.push({ place: 'query', name: p.name, original: v ?? fallbackValue(p), parameter: p, inBase: v !== null });
    } else if (p.in === 'path') {
      const v = inPath.get(p.name);
      if (v !== undefined) out.push({ place: 'path', name: p.name, original: v, parameter: p, inBase: true });
    } else if (p.in === 'header' && !ENGINE_HEADERS.has(p.name.toLowerCase())) {
      const v = base.headers?.[p.name.toLowerCase()];
      out.push({ place: 'header', name: p.name, original: v ?? fallbackValue(p), parameter: p, inBase: v !== undefined });
    }
  }
  if (base.json !== undefined && out.length < max) stringFields(base.json, [], out, max);
  for (const [k, v] of Object.entries(base.form ?? {})) {
    if (out.length >= max) break;
    out.push({ place: 'form', name: k, keys: [k], original: v, inBase: true });
  }
  return out.slice(0, max);
}

/**
 * Prepares the endpoints of the run for injection (each: caller, valid request, baseline answer,
 * points), `concurrency` at a time, and hands each to `fn`. Endpoints refused to the caller (401/403
 * where the definition requires credentials), rate limited, without a response or without points are
 * skipped.
 */
export async function eachTarget(
  ctx: ProbeContext,
  fn: (t: Target) => Promise<void>,
  opts: { concurrency?: number; filter?: (e: Endpoint) => boolean; points?: (e: Endpoint, base: ProbeRequest) => InjectionPoint[] } = {},
): Promise<void> {
  const max = Number(ctx.options.maxPointsPerEndpoint ?? 12);
  const endpoints = ctx.endpoints.filter((e) => !SKIPPED_METHODS.has(e.method.toUpperCase()) && (opts.filter?.(e) ?? true));
  let next = 0;
  const worker = async () => {
    while (next < endpoints.length && !ctx.signal.aborted) {
      const endpoint = endpoints[next++] as Endpoint;
      const as = callerFor(ctx, endpoint);
      const base = await ctx.build(endpoint, as);
      if (!base) continue;
      const points = opts.points ? opts.points(endpoint, base) : pointsOf(endpoint, base, max);
      if (!points.length) continue;
      const baseline = await ctx.send(base, as, endpoint);
      const status = baseline.response?.status;
      // Refused callers prove nothing, except on public endpoints where 401 is the answer (a failed login).
      if (status === undefined || status === 429 || ((status === 401 || status === 403) && endpoint.auth === 'required')) continue;
      await fn({ endpoint, as, base, baseline, points });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 3) }, worker));
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c > 0xff) return true;
  }
  return false;
}

function setIn(root: unknown, keys: (string | number)[], value: unknown): unknown {
  if (!keys.length) return value;
  const [k, ...rest] = keys as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[k as number] = setIn(copy[k as number], rest, value);
    return copy;
  }
  const obj = isObj(root) ? root : {};
  return { ...obj, [k]: setIn(obj[k as string], rest, value) };
}

/** The valid request of the target with `value` at the point, built by `ctx.build` (undefined if it cannot be built). */
export async function requestWith(ctx: ProbeContext, t: Target, p: InjectionPoint, value: unknown): Promise<ProbeRequest | undefined> {
  if (p.place === 'form') return ctx.build(t.endpoint, t.as, { bodyPatch: { [p.name]: String(value) } });
  if (p.place === 'body') {
    const keys = p.keys ?? [p.name];
    if (keys.length === 1) return ctx.build(t.endpoint, t.as, { bodyPatch: { [keys[0] as string]: value } });
    return ctx.build(t.endpoint, t.as, { json: setIn(t.base.json, keys, value) });
  }
  // Header values cannot carry control characters; such payloads do not apply to headers.
  if (p.place === 'header' && hasControl(String(value))) return undefined;
  return ctx.build(t.endpoint, t.as, { params: { [p.name]: String(value) } });
}

/** Sends the target's request with `value` at the point (undefined when it cannot be built). */
export async function inject(ctx: ProbeContext, t: Target, p: InjectionPoint, value: unknown): Promise<Exchange | undefined> {
  if (ctx.signal.aborted) return undefined;
  const req = await requestWith(ctx, t, p, value);
  if (!req) return undefined;
  return ctx.send(req, t.as, t.endpoint);
}

/**
 * What the valid value of the point gets back: the target's baseline, or (for an optional parameter the
 * valid request left out) the answer to the made-up value, sent once and kept.
 */
export async function baselineFor(ctx: ProbeContext, t: Target, p: InjectionPoint): Promise<Exchange | undefined> {
  if (p.inBase) return t.baseline;
  let cached = pointBaselines.get(p);
  if (!cached) {
    cached = inject(ctx, t, p, p.original);
    pointBaselines.set(p, cached);
  }
  return cached;
}
const pointBaselines = new WeakMap<InjectionPoint, Promise<Exchange | undefined>>();

/** The request body or query of an exchange carries `text` (an echo of the request is no proof). */
export function sentText(ex: Exchange): string {
  const r = ex.request;
  let out = r.path;
  try {
    out += ` ${decodeURIComponent(r.path.replace(/\+/g, ' '))}`;
  } catch {
    // A malformed escape: the raw path is enough.
  }
  if (r.json !== undefined) out += ` ${JSON.stringify(r.json)}`;
  if (r.form) out += ` ${JSON.stringify(r.form)}`;
  if (r.body !== undefined) out += ` ${r.body}`;
  if (r.headers) out += ` ${Object.values(r.headers).join(' ')}`;
  return out;
}
