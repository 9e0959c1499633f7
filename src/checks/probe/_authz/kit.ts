import { randomBytes } from 'node:crypto';
import type {
  CreatedResource,
  Endpoint,
  Exchange,
  Identity,
  ProbeContext,
  ProbeRequest,
  ProbeResponse,
  Schema,
} from '../../../engines/probe/types.ts';

/**
 * Helpers of the authorization and data probe checks (group P2: bola, bfla, mass-assignment,
 * excessive-data-exposure): reading bodies, telling data from error envelopes, finding the endpoints
 * of a collection, making fresh objects to change or delete, and proving changes by reading back.
 * Everything goes through the ProbeContext API.
 */

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function is2xx(res: ProbeResponse | undefined): res is ProbeResponse {
  return !!res && res.status >= 200 && res.status < 300;
}

export function statusOf(ex: Exchange): string {
  return ex.response ? String(ex.response.status) : (ex.error ?? 'no answer');
}

/** `METHOD /template`, for messages. */
export function label(e: Pick<Endpoint, 'method' | 'path'>): string {
  return `${e.method.toUpperCase()} ${e.path}`;
}

/** The JSON body of a response (whatever its content type says, when it parses), or undefined. */
export function jsonOf(ex: Exchange | undefined): unknown {
  const r = ex?.response;
  if (!r || r.truncated || !r.body) return undefined;
  const ct = r.headers['content-type'] ?? '';
  if (ct && !/json/i.test(ct) && !/^\s*[[{]/.test(r.body)) return undefined;
  try {
    return JSON.parse(r.body);
  } catch {
    return undefined;
  }
}

/** Keys an error body is made of (RFC 9457 problem details, `{ error, message }` envelopes...). */
const ERROR_KEYS = new Set([
  'error',
  'errors',
  'error_code',
  'errorcode',
  'error_description',
  'message',
  'msg',
  'code',
  'status',
  'statuscode',
  'detail',
  'details',
  'title',
  'type',
  'instance',
  'success',
  'ok',
  'timestamp',
  'path',
  'trace',
  'traceid',
  'requestid',
  'request_id',
  'reason',
]);

/**
 * True when a 2xx body is no data but a refusal or an error in disguise: `{ "error": "forbidden" }`,
 * `{ "success": false, "message": ... }`, problem details, or an empty body.
 */
export function isErrorBody(ex: Exchange): boolean {
  const text = (ex.response?.body ?? '').trim();
  if (!text || text === 'null' || text === '{}' || text === '[]') return true;
  const v = jsonOf(ex);
  if (v === undefined) return /^(forbidden|unauthori[sz]ed|access denied|not allowed|not found|error)\b/i.test(text);
  if (!isObj(v)) return false;
  if (v.success === false || v.ok === false) return true;
  const keys = Object.keys(v).map((k) => k.toLowerCase());
  if (!keys.length) return true;
  const hasError = keys.some((k) => k === 'error' || k === 'errors' || k === 'error_code' || k === 'errorcode' || k === 'detail');
  return hasError && keys.every((k) => ERROR_KEYS.has(k));
}

/** An empty collection: `[]`, or an object whose only list is empty (`{ items: [], count: 0 }`). */
export function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (!isObj(value)) return false;
  const lists = Object.values(value).filter(Array.isArray);
  return lists.length > 0 && lists.every((l) => l.length === 0);
}

/** The object inside `{ data: {...} }`-like wrappers. */
export function unwrap(v: unknown): unknown {
  if (!isObj(v)) return v;
  const keys = Object.keys(v);
  for (const k of ['data', 'result', 'item', 'resource', 'object']) {
    if (isObj(v[k]) && keys.length <= 3) return v[k];
  }
  return v;
}

/** Loose equality of JSON values as an API echoes them back: `12.5` and `"12.50"`, dates in any ISO form. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  const na = typeof a === 'number' ? a : typeof a === 'string' && /^-?\d+(\.\d+)?$/.test(a.trim()) ? Number(a) : undefined;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(b.trim()) ? Number(b) : undefined;
  if (na !== undefined && nb !== undefined) return na === nb;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a.toLowerCase() === b.toLowerCase()) return true;
    const iso = /^\d{4}-\d{2}-\d{2}T/;
    if (iso.test(a) && iso.test(b)) return Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a));
    return false;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * True when `b` is the same object as `a` (two views of one record): identical text, or JSON objects
 * with mostly the same properties, an equal identifier when `a` has one, and most scalar values equal.
 */
export function sameRecord(a: Exchange, b: Exchange): boolean {
  const ta = (a.response?.body ?? '').trim();
  const tb = (b.response?.body ?? '').trim();
  if (!ta || !tb) return false;
  if (ta === tb) return true;
  const ja = unwrap(jsonOf(a));
  const jb = unwrap(jsonOf(b));
  if (!isObj(ja) || !isObj(jb)) return false;
  const ka = Object.keys(ja);
  const kb = new Set(Object.keys(jb));
  if (!ka.length) return false;
  const shared = ka.filter((k) => kb.has(k));
  if (shared.length / new Set([...ka, ...kb]).size < 0.8) return false;
  for (const id of ['id', '_id', 'uuid']) {
    if (id in ja && !sameValue(ja[id], jb[id])) return false;
  }
  const scalars = shared.filter((k) => ja[k] !== null && typeof ja[k] !== 'object');
  if (!scalars.length) return JSON.stringify(ja) === JSON.stringify(jb);
  const equal = scalars.filter((k) => sameValue(ja[k], jb[k])).length;
  return equal / scalars.length >= 0.8;
}

/** A unique harmless marker for values the probe writes. */
export function marker(prefix = 'rampart'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Identities the config marks as users (not admins), in config order. */
export function users(ctx: ProbeContext): Identity[] {
  return ctx.identities.filter((i) => !i.admin);
}

export function admins(ctx: ProbeContext): Identity[] {
  return ctx.identities.filter((i) => i.admin);
}

/** Path parameter values of a concrete path for a template (`/orders/{id}` + `/orders/12` -> `{ id: '12' }`). */
export function paramsFromPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = (path.split('?')[0] ?? '').split('/');
  if (t.length !== p.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const m = /^\{([^}]+)\}$/.exec(t[i] as string);
    if (m) {
      try {
        out[m[1] as string] = decodeURIComponent(p[i] as string);
      } catch {
        return undefined;
      }
    } else if (t[i] !== p[i]) return undefined;
  }
  return out;
}

/** The concrete path of a template with parameter values. */
export function fillTemplate(template: string, params: Record<string, string>): string | undefined {
  let missing = false;
  const out = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) missing = true;
    return encodeURIComponent(v ?? '');
  });
  return missing ? undefined : out;
}

const pathOnly = (p: string) => p.split('?')[0] ?? p;

/** The endpoints of the collection an item endpoint belongs to. */
export function collectionOf(ctx: ProbeContext, e: Endpoint): { template: string; create: Endpoint[]; read: Endpoint[]; list: Endpoint[] } {
  const template = e.resource?.template ?? e.path;
  const of = (action: string) => ctx.endpoints.filter((x) => x.resource?.template === template && x.resource.action === action);
  const read = of('read');
  // A GET on the very same path first (its view is the one a change on this path shows).
  read.sort((a, b) => Number(b.path === e.path) - Number(a.path === e.path));
  return { template, create: of('create'), read, list: of('list') };
}

/**
 * A new object `owner` creates for this check alone, so changing or deleting it disturbs nothing the
 * crawl or other checks use. Undefined when the collection cannot be created into by `owner`.
 */
export async function freshObject(ctx: ProbeContext, owner: string, item: Endpoint): Promise<CreatedResource | undefined> {
  const { create, template } = collectionOf(ctx, item);
  const me = ctx.identities.find((i) => i.name === owner);
  // Users create through user endpoints; an admin through admin ones first.
  const eps = [...create].sort((a, b) => (me?.admin ? Number(b.admin) - Number(a.admin) : Number(a.admin) - Number(b.admin)));
  for (const ep of eps) {
    if (ctx.signal.aborted) return undefined;
    const req = await ctx.build(ep, owner);
    if (!req) continue;
    const ex = await ctx.send(req, owner, ep);
    if (!is2xx(ex.response)) continue;
    const mine = await ctx.resources.ownedBy(owner, item.path);
    const made = mine.find((r) => r.createdBy.seq === ex.seq);
    if (made) return made;
    // The pool keys objects by collection: look the new one up under the collection's own template too.
    const again = (await ctx.resources.ownedBy(owner, template)).find((r) => r.createdBy.seq === ex.seq);
    if (again)
      return { ...again, template: item.path, path: fillTemplate(item.path, paramsFromPath(template, again.path) ?? {}) ?? again.path };
  }
  return undefined;
}

/** An object of `owner` for `item`: a fresh one when possible, else one the probe made before (the newest). */
export async function objectToChange(ctx: ProbeContext, owner: string, item: Endpoint): Promise<CreatedResource | undefined> {
  const fresh = await freshObject(ctx, owner, item);
  if (fresh) return fresh;
  const mine = await ctx.resources.ownedBy(owner, item.path);
  return mine[mine.length - 1];
}

/** Sends the request for `endpoint` on the object at `path` as `as`. */
export async function sendOn(
  ctx: ProbeContext,
  endpoint: Endpoint,
  path: string,
  as: string,
  opts: { idsOf?: string; json?: unknown; bodyPatch?: Record<string, unknown> } = {},
): Promise<Exchange | undefined> {
  const params = paramsFromPath(endpoint.path, path);
  if (!params) return undefined;
  const req = await ctx.build(endpoint, as, { params, idsOf: opts.idsOf, json: opts.json, bodyPatch: opts.bodyPatch });
  // Never let the builder pick another object: the path must be the one asked for.
  if (!req || pathOnly(req.path) !== pathOnly(fillTemplate(endpoint.path, params) ?? '')) return undefined;
  return ctx.send(req, as, endpoint);
}

/** Reads the object at `itemPath` (a path of `template`) as `as` through the collection's read endpoint. */
export async function readBack(
  ctx: ProbeContext,
  reader: Endpoint,
  itemPath: string,
  template: string,
  as: string,
): Promise<Exchange | undefined> {
  const params = paramsFromPath(template, itemPath);
  const path = params ? fillTemplate(reader.path, params) : undefined;
  if (!path) return undefined;
  return sendOn(ctx, reader, path, as);
}

/** A request without path or body generation: method and concrete path only (undocumented methods). */
export function plain(method: string, path: string, json?: unknown): ProbeRequest {
  return json === undefined ? { method, path } : { method, path, json };
}

/** The properties of an object schema, `allOf` parts merged; `open` when it allows undeclared ones. */
export function propertiesOf(schema: Schema | undefined, depth = 0): { props: Record<string, Schema>; open: boolean; declared: boolean } {
  const out = { props: {} as Record<string, Schema>, open: false, declared: false };
  if (!isObj(schema) || depth > 6) return { ...out, open: true };
  if (isObj(schema.properties)) {
    out.declared = true;
    for (const [k, v] of Object.entries(schema.properties)) if (isObj(v)) out.props[k] = v;
  }
  const ap = schema.additionalProperties;
  if (ap === true || isObj(ap)) out.open = true;
  if (isObj(schema.patternProperties) && Object.keys(schema.patternProperties).length) out.open = true;
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[key];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const sub = propertiesOf(part as Schema, depth + 1);
      Object.assign(out.props, sub.props);
      if (sub.declared) out.declared = true;
      // A part that explicitly allows undeclared properties: the API means to send more than it lists.
      if (sub.open) out.open = true;
    }
  }
  return out;
}

/** The documented JSON schema of a response status (exact, then `2XX`, then `default`). */
export function responseSchema(e: Endpoint | undefined, status: number): Schema | undefined {
  if (!e) return undefined;
  const s = String(status);
  const r =
    e.responses.find((x) => x.status === s) ??
    e.responses.find((x) => x.status.toUpperCase() === `${s[0]}XX`) ??
    e.responses.find((x) => x.status === 'default');
  if (!r?.schema) return undefined;
  if (r.mediaTypes.length && !r.mediaTypes.some((m) => /json/i.test(m))) return undefined;
  return r.schema;
}

/** The first documented 2xx JSON response schema of an endpoint. */
export function successSchema(e: Endpoint | undefined): Schema | undefined {
  const r = e?.responses.find(
    (x) => /^2/.test(x.status) && x.schema && (!x.mediaTypes.length || x.mediaTypes.some((m) => /json/i.test(m))),
  );
  return r?.schema;
}

export function numOption(options: Record<string, unknown>, name: string, fallback: number): number {
  const v = options[name];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** The identity's own user id as a `/me`-like endpoint answered it during the run, if any. */
export function selfIdOf(ctx: ProbeContext, identity: string): string | number | undefined {
  for (const ex of ctx.exchanges()) {
    if (ex.identity !== identity || ex.request.method !== 'GET' || !is2xx(ex.response)) continue;
    const last = pathOnly(ex.request.path).split('/').filter(Boolean).pop() ?? '';
    if (!/^(me|self|current|whoami|current[-_]?user|myself|profile|account)$/i.test(last)) continue;
    const v = unwrap(jsonOf(ex));
    if (!isObj(v)) continue;
    const inner = isObj(v.user) ? v.user : v;
    for (const k of ['id', '_id', 'uuid', 'user_id', 'userId']) {
      const id = inner[k];
      if (typeof id === 'number' || (typeof id === 'string' && id)) return id;
    }
  }
  return undefined;
}

/**
 * State a check keeps for one run: checks are module singletons shared by every run, so the state
 * hangs off the run's context.
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

/** A value shown in a message: JSON, cut at 60 characters. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** String formats and names whose values a marker would make invalid. */
const STRUCTURED_NAME =
  /(^|_)(email|e_mail|url|uri|href|link|phone|date|time|timestamp|currency|country|lang|language|locale|zip|postcode|code|type|kind|status|state|role|id|uuid|slug|color|colour|mime)$/i;

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** True for a schema of free text (a string without enum, format, pattern or const). */
function freeText(s: Schema | undefined): boolean {
  if (!isObj(s)) return false;
  const t = s.type;
  const isString = t === 'string' || (Array.isArray(t) && t.includes('string'));
  if (!isString || s.enum !== undefined || s.const !== undefined || s.pattern !== undefined) return false;
  if (typeof s.format === 'string' && s.format !== '') return false;
  return typeof s.maxLength !== 'number' || s.maxLength >= 12;
}

/**
 * A copy of a JSON body whose free-text string properties (notes, names, descriptions) hold the
 * marker, so a change is unmistakable when read back. `marked` lists the properties changed.
 */
export function markStrings(body: unknown, schema: Schema | undefined, mark: string): { body: unknown; marked: string[] } {
  if (!isObj(body)) return { body, marked: [] };
  const { props } = propertiesOf(schema);
  const out: Obj = { ...body };
  const marked: string[] = [];
  const candidates = new Set([...Object.keys(body), ...Object.keys(props).filter((k) => freeText(props[k]))]);
  for (const k of candidates) {
    if (STRUCTURED_NAME.test(snake(k))) continue;
    const s = props[k];
    if (s ? !freeText(s) || s.readOnly === true : typeof body[k] !== 'string') continue;
    const max = isObj(s) && typeof s.maxLength === 'number' ? s.maxLength : 200;
    out[k] = mark.slice(0, max);
    marked.push(k);
  }
  return { body: out, marked };
}

/** Properties whose value the probe sent, that differed before and read back equal afterwards. */
export function changedFields(before: unknown, after: unknown, sent: unknown): string[] {
  const b = unwrap(before);
  const a = unwrap(after);
  if (!isObj(a) || !isObj(sent)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(sent)) {
    if (v === null || typeof v === 'object') continue;
    if (isObj(b) && sameValue(b[k], v)) continue;
    if (sameValue(a[k], v)) out.push(k);
  }
  return out;
}

/**
 * Objects a check created to change or delete, reused across its attempts (a refused change leaves the
 * object as it was); a deleted one is dropped.
 */
export class Scratch {
  private readonly made = new Map<string, CreatedResource | undefined>();
  private readonly ctx: ProbeContext;
  constructor(ctx: ProbeContext) {
    this.ctx = ctx;
  }
  async get(owner: string, item: Endpoint): Promise<CreatedResource | undefined> {
    const k = `${owner}\0${item.path}`;
    if (!this.made.has(k)) this.made.set(k, await objectToChange(this.ctx, owner, item));
    return this.made.get(k);
  }
  drop(owner: string, item: Endpoint): void {
    this.made.delete(`${owner}\0${item.path}`);
  }
}

/** A JSON object without the properties its schema marks readOnly (what a client may send back). */
export function writable(value: unknown, schema: Schema | undefined): unknown {
  if (!isObj(value)) return value;
  const { props } = propertiesOf(schema);
  return Object.fromEntries(Object.entries(value).filter(([k]) => props[k]?.readOnly !== true));
}
