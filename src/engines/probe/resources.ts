import type { CreatedResource, Endpoint, Exchange, ResourcePool } from './types.ts';

/**
 * Collections of the API under test and the objects the probe created in them. An endpoint belongs to
 * the collection named by its static path segments before each id (`/users/{userId}/orders` and
 * `/users/{userId}/orders/{orderId}` are `users/orders`; `/admin/products` and `/products/{productId}`
 * are both `products`), so an object created through one endpoint is found by the others.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export type Action = NonNullable<Endpoint['resource']>['action'];

/** Last path segments that name the caller, not a collection (`/users/me`). */
export const SELF_SEGMENT = /^(me|self|current|whoami|current[-_]?user|myself)$/i;

export interface PathShape {
  /** Collection key, e.g. `users/orders`. */
  key: string;
  /** `item`: the path ends with an id (`/orders/{orderId}`); `collection`: with a static segment. */
  kind: 'item' | 'collection';
  /** The item's id parameter (item paths only). */
  idParam?: string;
  /** Path parameters in order. */
  params: string[];
}

const PARAM = /^\{([^}]+)\}$/;

export function singular(word: string): string {
  const w = word.toLowerCase();
  if (/[^aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The collection a path template belongs to, or undefined (`/users/me`, `/`, `/{a}`). */
export function shapeOf(template: string): PathShape | undefined {
  const segs = template.split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (!segs.length) return undefined;
  const parts: string[] = [];
  const params: string[] = [];
  let prevStatic: string | undefined;
  for (const s of segs) {
    const m = PARAM.exec(s);
    if (m) {
      params.push(m[1] as string);
      parts.push(prevStatic ? singular(prevStatic) : '*');
      prevStatic = undefined;
    } else prevStatic = s;
  }
  const last = segs[segs.length - 1] as string;
  const lastParam = PARAM.exec(last);
  if (lastParam) {
    if (parts[parts.length - 1] === '*') return undefined;
    return { key: parts.join('/'), kind: 'item', idParam: lastParam[1], params };
  }
  if (SELF_SEGMENT.test(last)) return undefined;
  parts.push(singular(last));
  return { key: parts.join('/'), kind: 'collection', params };
}

/** The key of the collection the `index`-th path parameter of `template` is an id of. */
export function paramCollection(template: string, index: number): { key: string; template: string } | undefined {
  const segs = template.split('/');
  let n = -1;
  for (let i = 0; i < segs.length; i++) {
    if (!PARAM.test(segs[i] as string)) continue;
    if (++n === index) {
      const prefix = segs.slice(0, i + 1).join('/');
      const shape = shapeOf(prefix);
      return shape ? { key: shape.key, template: prefix } : undefined;
    }
  }
  return undefined;
}

export interface Collection {
  key: string;
  /** The canonical item template (a GET item endpoint's path when there is one). */
  template: string;
  idParam?: string;
  create: Endpoint[];
  list: Endpoint[];
  read: Endpoint[];
  update: Endpoint[];
  delete: Endpoint[];
}

/** Groups endpoints into collections and sets `endpoint.resource` on every endpoint it can classify. */
export function classify(endpoints: Endpoint[]): Map<string, Collection> {
  const out = new Map<string, Collection>();
  const get = (key: string) => {
    let c = out.get(key);
    if (!c) {
      c = { key, template: '', create: [], list: [], read: [], update: [], delete: [] };
      out.set(key, c);
    }
    return c;
  };
  const pending: [Endpoint, Action, string][] = [];
  for (const e of endpoints) {
    const shape = shapeOf(e.path);
    if (!shape) continue;
    const m = e.method.toUpperCase();
    let action: Action | undefined;
    if (shape.kind === 'collection') action = m === 'POST' ? 'create' : m === 'GET' ? 'list' : undefined;
    else action = m === 'GET' ? 'read' : m === 'PUT' || m === 'PATCH' ? 'update' : m === 'DELETE' ? 'delete' : undefined;
    if (!action) continue;
    const c = get(shape.key);
    c[action].push(e);
    pending.push([e, action, shape.key]);
  }
  for (const c of out.values()) {
    const item = c.read[0] ?? c.update[0] ?? c.delete[0];
    if (item) {
      c.template = item.path;
      c.idParam = shapeOf(item.path)?.idParam;
    } else {
      // No item endpoint: the collection path itself, with a conventional id name.
      const coll = c.create[0] ?? c.list[0];
      c.template = coll ? coll.path : '';
    }
  }
  for (const [e, action, key] of pending) {
    const c = out.get(key) as Collection;
    const idParam = action === 'create' || action === 'list' ? c.idParam : shapeOf(e.path)?.idParam;
    e.resource = { template: c.template, action, ...(idParam ? { idParam } : {}) };
  }
  return out;
}

// ------------------------------------------------------------------------------------------- ids

/** Names an id of `param` may have in a JSON body (`orderId` -> `orderId`, `order_id`, `id`...). */
export function idNames(param: string | undefined, key: string): string[] {
  const base = singular(key.split('/').pop() ?? '');
  const names = new Set<string>();
  if (param) {
    names.add(param);
    names.add(param.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
  }
  names.add('id');
  names.add('_id');
  names.add('uuid');
  if (base) {
    names.add(`${base}Id`);
    names.add(`${base}_id`);
    names.add(`${base}ID`);
  }
  names.add('ID');
  names.add('Id');
  if (param && !/id$/i.test(param)) names.delete('ID');
  return [...names];
}

const scalarId = (v: unknown): string | undefined =>
  (typeof v === 'string' && v !== '' && v.length < 200) || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : undefined;

/** The id in a JSON value: a property named like the id, also under `data`, `result`, `item` or the singular name. */
export function idIn(value: unknown, names: string[], key: string): string | undefined {
  if (!isObj(value)) return undefined;
  for (const n of names) {
    const id = scalarId(value[n]);
    if (id !== undefined) return id;
  }
  const base = singular(key.split('/').pop() ?? '');
  for (const wrap of ['data', 'result', 'item', 'object', 'resource', base]) {
    const inner = value[wrap];
    if (isObj(inner)) {
      for (const n of names) {
        const id = scalarId(inner[n]);
        if (id !== undefined) return id;
      }
    }
  }
  return undefined;
}

/** The last path segment of a `Location` header, when it looks like an id. */
export function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  let path: string;
  try {
    path = new URL(location, 'http://x.invalid').pathname;
  } catch {
    return undefined;
  }
  const last = path.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : undefined;
}

export function jsonBody(ex: Exchange): unknown {
  const r = ex.response;
  if (!r?.body) return undefined;
  const ct = r.headers['content-type'] ?? '';
  if (ct && !/json/i.test(ct) && !/^\s*[[{]/.test(r.body)) return undefined;
  try {
    return JSON.parse(r.body);
  } catch {
    return undefined;
  }
}

/** Items of a list response: a top-level array or one under `data`/`items`/`results`/... */
export function listItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isObj(body)) return [];
  for (const k of ['data', 'items', 'results', 'records', 'content', 'values', 'entries', 'list']) {
    const v = body[k];
    if (Array.isArray(v)) return v;
    if (isObj(v)) for (const inner of Object.values(v)) if (Array.isArray(inner)) return inner;
  }
  const arrays = Object.values(body).filter(Array.isArray);
  return arrays.length === 1 ? (arrays[0] as unknown[]) : [];
}

// -------------------------------------------------------------------------------------------- pool

/** An object the probe created, as stored (its path is computed per item template). */
export interface Created {
  owner: string;
  key: string;
  id: string;
  /** Values of the create path's parameters (the parents' ids), in order. */
  parents: string[];
  body: unknown;
  createdBy: Exchange;
}

/** Fills a template's parameters: the parents' ids in order, then the item id. */
export function itemPath(template: string, c: Pick<Created, 'id' | 'parents'>): string {
  const values = [...c.parents];
  const params = [...template.matchAll(/\{([^}]+)\}/g)].length;
  // The last parameter is the item's own id; the ones before it its parents.
  while (values.length < params - 1) values.push('');
  values.length = Math.max(0, params - 1);
  values.push(c.id);
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++] ?? ''));
}

/**
 * The probe's objects. `create(owner, key, stack)` is the builder's way to create one (it builds the
 * create request, sends it and reads the id); the pool remembers every success and failure.
 */
export class Pool implements ResourcePool {
  private readonly created: Created[] = [];
  private readonly views = new Map<string, CreatedResource>();
  private readonly inflight = new Map<string, Promise<Created | undefined>>();
  private readonly failed = new Set<string>();
  private readonly collections: Map<string, Collection>;
  private readonly createFn: (owner: string, key: string, stack: string[]) => Promise<Created | undefined>;

  constructor(collections: Map<string, Collection>, create: (owner: string, key: string, stack: string[]) => Promise<Created | undefined>) {
    this.collections = collections;
    this.createFn = create;
  }

  async ownedBy(owner: string, template: string): Promise<CreatedResource[]> {
    const shape = shapeOf(template);
    if (!shape) return [];
    const found = await this.ensure(owner, shape.key, []);
    return found.map((c) => this.view(c, shape.kind === 'item' ? template : (this.collections.get(shape.key)?.template ?? template)));
  }

  all(): CreatedResource[] {
    return this.created.map((c) => this.view(c, this.collections.get(c.key)?.template ?? ''));
  }

  /** Objects of `key` owned by `owner`, creating one when there is none (and the API can). */
  async ensure(owner: string, key: string, stack: string[]): Promise<Created[]> {
    const mine = this.created.filter((c) => c.owner === owner && c.key === key);
    if (mine.length) return mine;
    const k = `${owner}\0${key}`;
    if (this.failed.has(k) || stack.includes(key)) return [];
    const c = this.collections.get(key);
    if (!c?.create.length) return [];
    let p = this.inflight.get(k);
    if (!p) {
      p = this.createFn(owner, key, [...stack, key]).catch(() => undefined);
      this.inflight.set(k, p);
    }
    const made = await p;
    this.inflight.delete(k);
    if (!made) {
      this.failed.add(k);
      return [];
    }
    return this.created.filter((x) => x.owner === owner && x.key === key);
  }

  /** Objects of `key` anyone created. */
  any(key: string): Created[] {
    return this.created.filter((c) => c.key === key);
  }

  add(c: Created): void {
    if (this.created.some((x) => x.key === c.key && x.id === c.id && x.parents.join('/') === c.parents.join('/'))) return;
    this.created.push(c);
  }

  /** Forgets a deleted object (it stays in `all()` no more, and no request uses its id again). */
  remove(key: string, id: string): void {
    for (let i = this.created.length - 1; i >= 0; i--) {
      const c = this.created[i] as Created;
      if (c.key === key && c.id === id) this.created.splice(i, 1);
    }
  }

  view(c: Created, template: string): CreatedResource {
    const t = template || (this.collections.get(c.key)?.template ?? '');
    const k = `${t}\0${c.key}\0${c.id}\0${c.parents.join('/')}`;
    let v = this.views.get(k);
    if (!v) {
      const isItem = shapeOf(t)?.kind === 'item';
      v = { owner: c.owner, template: t, id: c.id, path: isItem ? itemPath(t, c) : t, body: c.body, createdBy: c.createdBy };
      this.views.set(k, v);
    }
    return v;
  }
}
