import { linksOf } from './inputs/openapi.ts';
import {
  type Collection,
  type Created,
  classify,
  idFromLocation,
  idIn,
  idNames,
  jsonBody,
  listItems,
  Pool,
  paramCollection,
  SELF_SEGMENT,
  shapeOf,
  singular,
} from './resources.ts';
import type { BuildOptions, Endpoint, EndpointParameter, Exchange, Identity, ProbeRequest, Schema } from './types.ts';
import { stringify, valueFor } from './values.ts';

/**
 * Valid requests for endpoints, as a given identity: parameters and bodies from examples and schemas
 * (values.ts), path ids from objects the identity created (resources.ts; created on demand through the
 * collection's create endpoint). Requests are always relative to the target: never an absolute URL.
 */

export type Sender = (req: ProbeRequest, as: string | null, endpoint?: Endpoint) => Promise<Exchange>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Headers the engine sets itself (credentials, content negotiation): never generated from the definition. */
const ENGINE_HEADERS = new Set(['authorization', 'content-type', 'accept', 'content-length', 'host', 'cookie', 'user-agent']);
const USER_ID = /^(user|account|member|customer|owner|profile|person|me)[-_]?(id|uuid|name)?$/i;
const HARVEST_LIMIT = 20;

export class RequestBuilder {
  readonly resources: Pool;
  private readonly endpoints: Endpoint[];
  private readonly send: Sender;
  private readonly identities: Identity[];
  private readonly collections: Map<string, Collection>;
  /** Ids seen in list/read responses, per collection (for safe requests when the probe owns nothing). */
  private readonly harvested = new Map<string, string[]>();
  /** What a `/me`-like endpoint answered, per identity. */
  private readonly me = new Map<string, Promise<Obj | undefined>>();
  private readonly meSeen = new Map<string, Obj>();
  private createCount = 0;

  constructor(endpoints: Endpoint[], send: Sender, identities: Identity[]) {
    this.endpoints = endpoints;
    this.send = send;
    this.identities = identities;
    this.collections = classify(endpoints);
    this.resources = new Pool(this.collections, (owner, key, stack) => this.create(owner, key, stack));
  }

  /** The collections found (key -> endpoints), for diagnostics and tests. */
  collectionsByKey(): ReadonlyMap<string, Collection> {
    return this.collections;
  }

  /**
   * Learns from an exchange the engine sent (the crawl's creates, list responses, `/me` answers). The
   * engine may call this for every exchange; requests the builder sends itself are observed already.
   */
  observe(ex: Exchange): void {
    const e = ex.endpoint;
    const status = ex.response?.status ?? 0;
    if (!e || status < 200 || status >= 300) return;
    const r = e.resource;
    const shape = shapeOf(e.path);
    if (ex.identity && isSelf(e) && e.method === 'GET') {
      const body = jsonBody(ex);
      if (isObj(body)) this.meSeen.set(ex.identity, unwrap(body));
      return;
    }
    if (!r || !shape) return;
    if (r.action === 'delete') {
      // Deleted (by a check proving BOLA on delete, say): later requests must not use it.
      const concrete = ex.request.path.split('?')[0]?.split('/') ?? [];
      const segs = e.path.split('/');
      const last = segs.length - 1;
      if (concrete.length === segs.length && /^\{[^}]+\}$/.test(segs[last] as string)) {
        this.resources.remove(shape.key, decodeURIComponent(concrete[last] as string));
      }
    } else if (r.action === 'create' && ex.identity) {
      this.record(ex, ex.identity, shape.key, e);
    } else if (r.action === 'list') {
      const names = idNames(this.collections.get(shape.key)?.idParam, shape.key);
      for (const item of listItems(jsonBody(ex)).slice(0, HARVEST_LIMIT)) {
        const id = idIn(item, names, shape.key);
        if (id !== undefined) this.harvest(shape.key, id);
      }
    }
  }

  async build(endpoint: Endpoint, as: string | null, opts: BuildOptions = {}): Promise<ProbeRequest | undefined> {
    return this.buildIn(endpoint, as, opts, []);
  }

  // -------------------------------------------------------------------------------------- building

  private async buildIn(endpoint: Endpoint, as: string | null, opts: BuildOptions, stack: string[], seed?: string, fresh = false) {
    const method = endpoint.method.toUpperCase();
    const given = opts.params ?? {};
    const filled = await this.fillPath(endpoint, as, opts, stack);
    if (filled === undefined) return undefined;
    // Always a path on the target: `//host/x` would be read as another origin.
    const path = `/${filled.replace(/^\/+/, '')}`;

    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const p of endpoint.parameters) {
      if (p.in === 'path') continue;
      const v = given[p.name] ?? (p.required || p.example !== undefined ? this.paramValue(p, seed) : undefined);
      if (v === undefined) continue;
      if (p.in === 'query') this.addQuery(query, p, v);
      else if (p.in === 'header' && (!ENGINE_HEADERS.has(p.name.toLowerCase()) || p.name in given)) headers[p.name.toLowerCase()] = v;
    }
    // Parameters named in opts but not declared (a check probing an undocumented one).
    for (const [k, v] of Object.entries(given)) {
      if (endpoint.parameters.some((p) => p.name === k)) continue;
      if (new RegExp(`\\{${escapeRe(k)}\\}`).test(endpoint.path)) continue;
      query.set(k, v);
    }
    const qs = query.toString();
    const req: ProbeRequest = { method, path: qs ? `${path}?${qs}` : path };
    if (Object.keys(headers).length) req.headers = headers;

    if (opts.json !== undefined) {
      req.json = opts.json;
    } else if (endpoint.body || opts.bodyPatch) {
      const b = endpoint.body;
      const mediaType = b?.mediaType ?? 'application/json';
      let value: unknown;
      if (b?.example !== undefined && !fresh) value = b.example;
      else if (b?.schema) value = valueFor(b.schema, { seed: seed ?? `${method} ${endpoint.path}`, ignoreExamples: fresh });
      else value = b ? {} : undefined;
      value = await this.linkReferences(value, b?.schema, as, stack);
      if (opts.bodyPatch) value = { ...(isObj(value) ? value : {}), ...opts.bodyPatch };
      if (/json/i.test(mediaType) || !b) req.json = value;
      else if (/x-www-form-urlencoded/i.test(mediaType)) {
        req.form = Object.fromEntries(Object.entries(isObj(value) ? value : {}).map(([k, v]) => [k, stringify(v)]));
      } else if (/multipart\/form-data/i.test(mediaType)) {
        const boundary = `rampart${(seed ?? 'x').replace(/[^a-z0-9]/gi, '').slice(0, 16)}boundary`;
        req.body = multipart(isObj(value) ? value : {}, boundary);
        req.headers = { ...req.headers, 'content-type': `multipart/form-data; boundary=${boundary}` };
      } else {
        req.body = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
        req.headers = { ...req.headers, 'content-type': mediaType };
      }
    }
    return req;
  }

  private addQuery(query: URLSearchParams, p: EndpointParameter, v: string) {
    const s = p.schema;
    // Arrays as repeated parameters (form/explode, the OpenAPI default) unless given as one string.
    if (s && s.type === 'array' && p.example === undefined && v.includes(',')) {
      for (const part of v.split(',')) query.append(p.name, part);
    } else query.set(p.name, v);
  }

  private paramValue(p: EndpointParameter, seed?: string): string {
    if (p.example !== undefined) return stringify(p.example);
    return stringify(valueFor(p.schema, { name: p.name, seed: seed ?? p.name }));
  }

  /** The concrete path, or undefined when a required id cannot be obtained. */
  private async fillPath(endpoint: Endpoint, as: string | null, opts: BuildOptions, stack: string[]): Promise<string | undefined> {
    const method = endpoint.method.toUpperCase();
    const names = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    if (!names.length) return endpoint.path;
    const given = opts.params ?? {};
    const owner = opts.idsOf ?? as;
    const values: (string | undefined)[] = names.map((n) => given[n]);
    const safe = SAFE.has(method);
    const endsStatic = !/\}$/.test(endpoint.path);

    // The deepest id first: an object found there brings its parents' ids along.
    for (let i = names.length - 1; i >= 0; i--) {
      if (values[i] !== undefined) continue;
      const name = names[i] as string;
      const coll = paramCollection(endpoint.path, i);
      // Strict: the object this request changes must be the probe's own.
      const strict = !safe && !(method === 'POST' && endsStatic) && i === names.length - 1;
      let found: Created | undefined;
      if (coll) {
        // The caller's own account (from `/me`): read-only use, it is no object the probe created.
        if (!strict && this.isUserParam(name, coll.key)) {
          const who = owner ?? this.identities.find((x) => !x.admin)?.name ?? this.identities[0]?.name;
          const mine = who ? await this.selfValue(who, name) : undefined;
          if (mine !== undefined) {
            values[i] = mine;
            continue;
          }
        }
        found = await this.owned(owner, coll.key, stack);
      }
      if (found) {
        values[i] = found.id;
        // Parents: positional (the create path's parameters are the item's parents).
        for (let j = 0; j < i && j < found.parents.length; j++) if (values[j] === undefined) values[j] = found.parents[j];
        continue;
      }
      if (strict) return undefined;
      const p = endpoint.parameters.find((x) => x.in === 'path' && x.name === name);
      const harvested = coll ? this.harvested.get(coll.key)?.[0] : undefined;
      if (!safe) {
        // A parent of a create: its example or a seen id (the parent itself is not changed).
        const v = p?.example !== undefined ? stringify(p.example) : harvested;
        if (v === undefined) return undefined;
        values[i] = v;
        continue;
      }
      // A read: an object someone else created (a product an admin made) before ids seen or examples.
      const anyones = coll ? this.resources.any(coll.key)[0] : undefined;
      if (anyones) {
        values[i] = anyones.id;
        for (let j = 0; j < i && j < anyones.parents.length; j++) if (values[j] === undefined) values[j] = anyones.parents[j];
        continue;
      }
      values[i] = harvested ?? (p ? this.paramValue(p) : 'rampart');
    }
    let k = 0;
    return endpoint.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[k++] ?? ''));
  }

  /** An object of `key` for `owner`: theirs (created if needed); for anonymous requests anyone's. */
  private async owned(owner: string | null, key: string, stack: string[]): Promise<Created | undefined> {
    if (owner) return (await this.resources.ensure(owner, key, stack))[0];
    const any = this.resources.any(key)[0];
    if (any) return any;
    // Anonymous requests need a real object too: one made by the first identity that can.
    for (const id of this.orderedIdentities(key)) {
      const made = (await this.resources.ensure(id.name, key, stack))[0];
      if (made) return made;
    }
    return undefined;
  }

  private orderedIdentities(key: string): Identity[] {
    const c = this.collections.get(key);
    const adminOnly = c?.create.length && c.create.every((e) => e.admin);
    return [...this.identities].sort((a, b) => (adminOnly ? Number(b.admin) - Number(a.admin) : Number(a.admin) - Number(b.admin)));
  }

  private isUserParam(name: string, key: string): boolean {
    const last = key.split('/').pop() ?? '';
    return USER_ID.test(name) || (/^(user|account|member|customer|profile)$/.test(last) && /^(id|uuid|_id)$/i.test(name));
  }

  /** The identity's own id (or username) as a `/me`-like endpoint reports it. */
  private async selfValue(owner: string, name: string): Promise<string | undefined> {
    const me = await this.selfOf(owner);
    if (!me) return undefined;
    const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    const wantsName = /name$/i.test(name);
    const keys = wantsName ? [name, snake, 'username', 'login', 'name'] : [name, snake, 'id', '_id', 'uuid', 'userId', 'user_id'];
    for (const k of keys) {
      const v = me[k];
      if ((typeof v === 'string' && v) || typeof v === 'number') return String(v);
    }
    return undefined;
  }

  private selfOf(owner: string): Promise<Obj | undefined> {
    const seen = this.meSeen.get(owner);
    if (seen) return Promise.resolve(seen);
    let p = this.me.get(owner);
    if (!p) {
      p = (async () => {
        const ep = this.endpoints.find((e) => e.method === 'GET' && isSelf(e) && !/\{/.test(e.path));
        if (!ep) return undefined;
        const req = await this.buildIn(ep, owner, {}, []);
        if (!req) return undefined;
        const ex = await this.send(req, owner, ep);
        this.observe(ex);
        return this.meSeen.get(owner);
      })().catch(() => undefined);
      this.me.set(owner, p);
    }
    return p;
  }

  /** Body properties naming another collection's id (`productId`) get an id the probe knows of. */
  private async linkReferences(value: unknown, schema: Schema | undefined, as: string | null, stack: string[]): Promise<unknown> {
    if (!isObj(value)) return value;
    const props = isObj(schema?.properties) ? (schema.properties as Obj) : {};
    let out = value;
    for (const k of Object.keys(value)) {
      const m = /^(.+?)[-_]?(id|Id|ID|uuid)$/.exec(k);
      if (!m) continue;
      const base = singular(m[1] as string);
      if (/^(user|account|member|customer|owner|profile|person)$/i.test(base)) {
        // The caller's own account, never someone else's (that would act on their behalf).
        const mine = as ? await this.selfValue(as, k) : undefined;
        if (mine !== undefined) out = { ...out, [k]: typed(mine, props[k]) };
        continue;
      }
      const key = [...this.collections.keys()].find((c) => c.split('/').pop() === base);
      if (!key || stack.includes(key)) continue;
      const known = (as ? this.resources.any(key).find((c) => c.owner === as) : undefined) ?? this.resources.any(key)[0];
      const id = known?.id ?? this.harvested.get(key)?.[0];
      if (id === undefined) continue;
      out = { ...out, [k]: typed(id, props[k]) };
    }
    return out;
  }

  // -------------------------------------------------------------------------------------- creating

  /** Creates one object of `key` as `owner` through the collection's create endpoint(s). */
  private async create(owner: string, key: string, stack: string[]): Promise<Created | undefined> {
    const c = this.collections.get(key);
    if (!c) return undefined;
    const isAdmin = this.identities.find((i) => i.name === owner)?.admin ?? false;
    const eps = [...c.create].sort((a, b) => (isAdmin ? 0 : Number(a.admin) - Number(b.admin)));
    for (const ep of eps) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const seed = `create ${key} ${owner} ${++this.createCount}`;
        // A second attempt drops the definition's examples: a unique field (username, email) may clash.
        const req = await this.buildIn(ep, owner, {}, stack, seed, attempt > 0);
        if (!req) break;
        const ex = await this.send(req, owner, ep);
        const status = ex.response?.status ?? 0;
        if (status >= 200 && status < 300) {
          const made = this.record(ex, owner, key, ep);
          if (made) return made;
          break;
        }
        // Refused for who we are or what the endpoint is: a new body will not help.
        if (!ex.response || [401, 403, 404, 405, 429].includes(status) || status >= 500) break;
      }
    }
    return undefined;
  }

  /** Records the object a 2xx create exchange made, reading its id from the response. */
  private record(ex: Exchange, owner: string, key: string, ep: Endpoint): Created | undefined {
    const c = this.collections.get(key);
    const body = jsonBody(ex);
    const id = this.idFromLinks(ex, ep, body) ?? idIn(body, idNames(c?.idParam, key), key) ?? idFromLocation(ex.response?.headers.location);
    if (id === undefined) return undefined;
    // The parents' ids: the values of the create request's own path parameters.
    const parents: string[] = [];
    const concrete = ex.request.path.split('?')[0]?.split('/') ?? [];
    ep.path.split('/').forEach((seg, i) => {
      if (/^\{[^}]+\}$/.test(seg)) parents.push(decodeURIComponent(concrete[i] ?? ''));
    });
    const made: Created = { owner, key, id, parents, body: body ?? ex.response?.body, createdBy: ex };
    this.resources.add(made);
    return made;
  }

  /** The id as an OpenAPI `link` of the create response says (`$response.body#/id`, `$response.header.Location`). */
  private idFromLinks(ex: Exchange, ep: Endpoint, body: unknown): string | undefined {
    const c = this.collections.get(shapeOf(ep.path)?.key ?? '');
    if (!c) return undefined;
    const targets = new Set([...c.read, ...c.update, ...c.delete].map((e) => e.operationId).filter(Boolean));
    const status = String(ex.response?.status ?? '');
    for (const l of linksOf(ep)) {
      if (l.operationId && !targets.has(l.operationId)) continue;
      if (l.status !== status && l.status !== `${status[0]}XX` && l.status !== 'default') continue;
      const expr = c.idParam ? l.parameters[c.idParam] : undefined;
      if (typeof expr !== 'string') continue;
      const m = /^\$response\.body#(\/.*)?$/.exec(expr);
      if (m) {
        let v: unknown = body;
        for (const seg of (m[1] ?? '').split('/').slice(1)) {
          const s = seg.replace(/~1/g, '/').replace(/~0/g, '~');
          v = Array.isArray(v) ? v[Number(s)] : isObj(v) ? v[s] : undefined;
        }
        if (typeof v === 'string' || typeof v === 'number') return String(v);
      }
      const h = /^\$response\.header\.(.+)$/.exec(expr);
      if (h) {
        const v = ex.response?.headers[(h[1] as string).toLowerCase()];
        if (v) return /^[a-z]+:\/\/|^\//i.test(v) ? idFromLocation(v) : v;
      }
    }
    return undefined;
  }

  private harvest(key: string, id: string) {
    let list = this.harvested.get(key);
    if (!list) {
      list = [];
      this.harvested.set(key, list);
    }
    if (list.length < HARVEST_LIMIT && !list.includes(id)) list.push(id);
  }
}

/** An id as the property's schema wants it: a number for integer/number properties. */
function typed(id: string, schema: unknown): string | number {
  const t = isObj(schema) ? schema.type : undefined;
  const numeric = t === 'integer' || t === 'number' || (Array.isArray(t) && (t.includes('integer') || t.includes('number')));
  return numeric && /^-?\d+(\.\d+)?$/.test(id) ? Number(id) : id;
}

function isSelf(e: Endpoint): boolean {
  const last = e.path.split('/').filter(Boolean).pop() ?? '';
  return SELF_SEGMENT.test(last);
}

/** `{ user: {...} }` or `{ data: {...} }` around the caller's own record. */
function unwrap(body: Obj): Obj {
  for (const k of ['data', 'user', 'account', 'profile', 'result']) {
    const v = body[k];
    if (isObj(v) && (v.id !== undefined || v.username !== undefined)) return v;
  }
  return body;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function multipart(fields: Obj, boundary: string): string {
  let out = '';
  for (const [k, v] of Object.entries(fields)) {
    out += `--${boundary}\r\ncontent-disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${stringify(v)}\r\n`;
  }
  return `${out}--${boundary}--\r\n`;
}
