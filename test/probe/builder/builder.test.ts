import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, sendJson } from '../../../src/checks/probe/_kit/app.ts';
import { RequestBuilder } from '../../../src/engines/probe/builder.ts';
import { loadOpenApiText } from '../../../src/engines/probe/inputs/openapi.ts';
import { classify, shapeOf } from '../../../src/engines/probe/resources.ts';
import type { Endpoint, Exchange, Identity, ProbeRequest } from '../../../src/engines/probe/types.ts';

const IDENTITIES: Identity[] = [
  { name: 'alice', role: 'user', admin: false },
  { name: 'bob', role: 'user', admin: false },
  { name: 'carol', role: 'admin', admin: true },
];

const ep = (method: string, path: string, extra: Partial<Endpoint> = {}): Endpoint => ({
  method,
  path,
  source: 'openapi',
  parameters: [],
  responses: [],
  auth: 'unknown',
  scopes: [],
  admin: false,
  deprecated: false,
  tags: [],
  ...extra,
});

describe('resource classification', () => {
  it('classifies the demo paths into collections', () => {
    const eps = [
      ep('POST', '/api/v2/orders'),
      ep('GET', '/api/v2/orders'),
      ep('GET', '/api/v2/orders/{orderId}'),
      ep('PUT', '/api/v2/orders/{orderId}'),
      ep('PATCH', '/api/v2/orders/{orderId}'),
      ep('DELETE', '/api/v2/orders/{orderId}'),
      ep('POST', '/api/v2/admin/products', { admin: true }),
      ep('GET', '/api/v2/products'),
      ep('GET', '/api/v2/products/{productId}'),
      ep('GET', '/api/v2/users/me'),
      ep('GET', '/api/v2/users/{userId}'),
      ep('POST', '/api/v2/users/{userId}/addresses'),
      ep('GET', '/api/v2/users/{userId}/addresses/{addressId}'),
      ep('GET', '/api/v2/files/{fileId}/link'),
      ep('HEAD', '/api/v2/orders/{orderId}'),
    ];
    const cols = classify(eps);
    const r = (i: number) => eps[i]?.resource;
    expect(r(0)).toEqual({ template: '/api/v2/orders/{orderId}', action: 'create', idParam: 'orderId' });
    expect(r(1)).toEqual({ template: '/api/v2/orders/{orderId}', action: 'list', idParam: 'orderId' });
    expect(r(2)).toEqual({ template: '/api/v2/orders/{orderId}', action: 'read', idParam: 'orderId' });
    expect(r(3)?.action).toBe('update');
    expect(r(4)?.action).toBe('update');
    expect(r(5)?.action).toBe('delete');
    // POST /admin/products creates into the collection GET /products/{productId} reads.
    expect(r(6)).toEqual({ template: '/api/v2/products/{productId}', action: 'create', idParam: 'productId' });
    expect(r(8)).toEqual({ template: '/api/v2/products/{productId}', action: 'read', idParam: 'productId' });
    expect(r(9)).toBeUndefined();
    expect(r(10)).toEqual({ template: '/api/v2/users/{userId}', action: 'read', idParam: 'userId' });
    expect(r(11)).toEqual({ template: '/api/v2/users/{userId}/addresses/{addressId}', action: 'create', idParam: 'addressId' });
    expect(r(14)).toBeUndefined();
    expect([...cols.keys()].sort()).toEqual(['file/link', 'order', 'product', 'user', 'user/address']);
    expect(cols.get('product')?.create.map((e) => e.path)).toEqual(['/api/v2/admin/products']);
  });

  it('shapes', () => {
    expect(shapeOf('/a/b/{id}')).toEqual({ key: 'b', kind: 'item', idParam: 'id', params: ['id'] });
    expect(shapeOf('/categories/{c}/entries')).toEqual({ key: 'category/entry', kind: 'collection', params: ['c'] });
    expect(shapeOf('/{tenant}')).toBeUndefined();
    expect(shapeOf('/')).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------------- server

interface Order {
  id: number;
  owner: string;
  item: string;
}

function shop() {
  const orders: Order[] = [];
  const products: { id: string; name: string }[] = [];
  const addresses: { id: string; userId: string; city: string }[] = [];
  const notes = new Set<string>();
  let requests = 0;
  const handler = app([
    {
      method: 'POST',
      path: '/api/v2/orders',
      handler: (req, res) => {
        if (!req.user) return sendJson(res, 401, { error: 'auth' });
        const body = req.json as { item?: string; productId?: unknown };
        if (typeof body?.item !== 'string') return sendJson(res, 400, { error: 'item' });
        const o = { id: orders.length + 101, owner: req.user, item: body.item, productId: body.productId };
        orders.push(o);
        sendJson(res, 201, o);
      },
    },
    {
      method: 'GET',
      path: '/api/v2/orders/{orderId}',
      handler: (req, res) => {
        const o = orders.find((x) => String(x.id) === req.params.orderId);
        return o ? sendJson(res, 200, o) : sendJson(res, 404, {});
      },
    },
    {
      method: 'GET',
      path: '/api/v2/orders',
      handler: (_req, res) => sendJson(res, 200, { data: orders }),
    },
    {
      method: 'POST',
      path: '/api/v2/admin/products',
      handler: (req, res) => {
        if (req.user !== 'carol') return sendJson(res, 403, { error: 'admins only' });
        const p = { id: `p${products.length + 1}`, name: String((req.json as { name?: string })?.name) };
        products.push(p);
        sendJson(res, 201, { data: p });
      },
    },
    {
      method: 'GET',
      path: '/api/v2/users/me',
      handler: (req, res) => sendJson(res, 200, { user: { id: `u-${req.user}`, username: req.user } }),
    },
    {
      method: 'POST',
      path: '/api/v2/users/{userId}/addresses',
      handler: (req, res) => {
        const a = { id: `a${addresses.length + 1}`, userId: req.params.userId as string, city: 'x' };
        addresses.push(a);
        res.writeHead(201, { location: `/api/v2/users/${a.userId}/addresses/${a.id}` });
        res.end();
      },
    },
    {
      method: 'POST',
      path: '/api/v2/notes',
      handler: (req, res) => {
        const title = (req.json as { title?: string })?.title ?? '';
        if (notes.has(title)) return sendJson(res, 409, { error: 'duplicate title' });
        notes.add(title);
        sendJson(res, 201, { note: { noteId: `n-${notes.size}`, title } });
      },
    },
    {
      method: 'POST',
      path: '/api/v2/widgets',
      handler: (_req, res) => sendJson(res, 201, { ok: true, ref: 'w-77' }),
    },
  ]);
  return {
    handler: (req: Parameters<typeof handler>[0], res: Parameters<typeof handler>[1]) => {
      requests++;
      handler(req, res);
    },
    orders,
    products,
    addresses,
    notes,
    requests: () => requests,
  };
}

const DEFINITION = {
  openapi: '3.1.0',
  info: { title: 'shop', version: '1' },
  servers: [{ url: 'https://shop.example.com/api/v2' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Order: {
        type: 'object',
        required: ['item'],
        properties: { id: { type: 'integer', readOnly: true }, item: { type: 'string', example: 'book' }, productId: { type: 'string' } },
      },
      Note: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', example: 'same title' } },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/orders': {
      get: { responses: { '200': { description: 'ok' } } },
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
        responses: { '201': { description: 'created' } },
      },
    },
    '/orders/{orderId}': {
      parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { responses: { '200': { description: 'ok' } } },
      put: { responses: { '200': { description: 'ok' } } },
      delete: { responses: { '204': { description: 'gone' } } },
    },
    '/admin/products': {
      post: {
        tags: ['admin'],
        requestBody: {
          content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/products/{productId}': {
      get: { parameters: [{ name: 'productId', in: 'path', required: true }], responses: { '200': { description: 'ok' } } },
    },
    '/users/me': { get: { responses: { '200': { description: 'ok' } } } },
    '/users/{userId}': {
      get: { parameters: [{ name: 'userId', in: 'path', required: true }], responses: { '200': { description: 'ok' } } },
    },
    '/users/{userId}/addresses': { post: { responses: { '201': { description: 'created' } } } },
    '/users/{userId}/addresses/{addressId}': { get: { responses: { '200': { description: 'ok' } } } },
    '/notes': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } },
        responses: { '201': { description: 'created' } },
      },
    },
    '/notes/{noteId}': { get: { responses: { '200': { description: 'ok' } } } },
    '/widgets': {
      post: {
        responses: {
          '201': {
            description: 'created',
            links: { getWidget: { operationId: 'getWidget', parameters: { widgetId: '$response.body#/ref' } } },
          },
        },
      },
    },
    '/widgets/{widgetId}': { get: { operationId: 'getWidget', responses: { '200': { description: 'ok' } } } },
    '/search': {
      get: {
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'page', in: 'query', schema: { type: 'integer' }, example: 2 },
          { name: 'sort', in: 'query', schema: { type: 'string' } },
          { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', enum: ['acme'] } },
          { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/reviews': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['userId', 'productId'],
                properties: { userId: { type: 'string' }, productId: { type: 'string' } },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/forms': {
      post: {
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', required: ['email', 'age'], properties: { email: { type: 'string' }, age: { type: 'integer' } } },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

describe('RequestBuilder against a real server', () => {
  let server: Server;
  let base: string;
  let state: ReturnType<typeof shop>;
  let endpoints: Endpoint[];
  let builder: RequestBuilder;
  const sent: Exchange[] = [];

  const send = async (req: ProbeRequest, as: string | null, endpoint?: Endpoint): Promise<Exchange> => {
    expect(req.path.startsWith('/')).toBe(true);
    const headers: Record<string, string> = { ...(as ? { authorization: `Bearer ${as}-token` } : {}), ...req.headers };
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    } else if (req.form) {
      body = new URLSearchParams(req.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else body = req.body;
    const url = `${base}${req.path}`;
    const started = Date.now();
    const r = await fetch(url, { method: req.method, headers, body, redirect: 'manual' });
    const text = await r.text();
    const ex: Exchange = {
      seq: sent.length + 1,
      request: { ...req, url, sentHeaders: headers },
      identity: as ?? undefined,
      endpoint,
      response: { status: r.status, headers: Object.fromEntries(r.headers), body: text, truncated: false, timeMs: Date.now() - started },
    };
    sent.push(ex);
    return ex;
  };

  beforeAll(async () => {
    state = shop();
    server = createServer(state.handler);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const loaded = loadOpenApiText(JSON.stringify(DEFINITION), '/tmp/shop.json', 'shop.json', new URL(`${base}/`), '/tmp');
    expect(loaded.diagnostics).toEqual([]);
    endpoints = loaded.endpoints;
    builder = new RequestBuilder(endpoints, send, IDENTITIES);
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const find = (method: string, path: string) => {
    const e = endpoints.find((x) => x.method === method && x.path === path);
    if (!e) throw new Error(`no ${method} ${path}`);
    return e;
  };

  it('creates an object for its owner on demand and reuses it', async () => {
    const before = state.requests();
    const mine = await builder.resources.ownedBy('alice', '/api/v2/orders/{orderId}');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ owner: 'alice', template: '/api/v2/orders/{orderId}', id: '101', path: '/api/v2/orders/101' });
    expect(mine[0]?.createdBy.request.json).toMatchObject({ item: 'book' });
    expect(state.orders[0]?.owner).toBe('alice');
    expect(await builder.resources.ownedBy('alice', '/api/v2/orders/{orderId}')).toEqual(mine);
    expect(state.requests() - before).toBe(1);
    // Concurrent calls for another owner create one object, not two.
    const [a, b] = await Promise.all([
      builder.resources.ownedBy('bob', '/api/v2/orders/{orderId}'),
      builder.resources.ownedBy('bob', '/api/v2/orders/{orderId}'),
    ]);
    expect(a).toEqual(b);
    expect(state.orders.filter((o) => o.owner === 'bob')).toHaveLength(1);
  });

  it('builds requests with the ids of the identity (or of idsOf)', async () => {
    const get = find('GET', '/api/v2/orders/{orderId}');
    expect(await builder.build(get, 'alice')).toEqual({ method: 'GET', path: '/api/v2/orders/101' });
    expect(await builder.build(get, 'bob')).toEqual({ method: 'GET', path: '/api/v2/orders/102' });
    expect(await builder.build(get, 'bob', { idsOf: 'alice' })).toEqual({ method: 'GET', path: '/api/v2/orders/101' });
    expect(await builder.build(get, 'bob', { params: { orderId: '7' } })).toEqual({ method: 'GET', path: '/api/v2/orders/7' });
    // Anonymous: anyone's object.
    expect((await builder.build(get, null))?.path).toBe('/api/v2/orders/101');
    const put = find('PUT', '/api/v2/orders/{orderId}');
    expect(await builder.build(put, 'bob')).toEqual({ method: 'PUT', path: '/api/v2/orders/102' });
  });

  it('admin-only collections are created by an admin; others get undefined for changes', async () => {
    const get = find('GET', '/api/v2/products/{productId}');
    expect(await builder.resources.ownedBy('alice', get.path)).toEqual([]);
    const carol = await builder.resources.ownedBy('carol', get.path);
    expect(carol.map((c) => c.path)).toEqual(['/api/v2/products/p1']);
    // Alice cannot create one: a read uses the object an admin created.
    expect(await builder.build(get, 'alice')).toEqual({ method: 'GET', path: '/api/v2/products/p1' });
    expect(await builder.build(get, null)).toEqual({ method: 'GET', path: '/api/v2/products/p1' });
  });

  it('body references to other collections get a known id, bodyPatch and json are honoured', async () => {
    const post = find('POST', '/api/v2/orders');
    const req = await builder.build(post, 'alice', { bodyPatch: { status: 'paid' } });
    expect(req).toEqual({ method: 'POST', path: '/api/v2/orders', json: { item: 'book', productId: 'p1', status: 'paid' } });
    expect(await builder.build(post, 'alice', { json: [1] })).toEqual({ method: 'POST', path: '/api/v2/orders', json: [1] });
  });

  it("fills user ids from the identity's /me and nested ids from the Location header", async () => {
    const get = find('GET', '/api/v2/users/{userId}');
    expect(await builder.build(get, 'alice')).toEqual({ method: 'GET', path: '/api/v2/users/u-alice' });
    const nested = find('GET', '/api/v2/users/{userId}/addresses/{addressId}');
    expect(await builder.build(nested, 'bob')).toEqual({ method: 'GET', path: '/api/v2/users/u-bob/addresses/a1' });
    expect(state.addresses).toEqual([{ id: 'a1', userId: 'u-bob', city: 'x' }]);
    const owned = await builder.resources.ownedBy('bob', nested.path);
    expect(owned[0]?.path).toBe('/api/v2/users/u-bob/addresses/a1');
  });

  it('retries a create without the examples when a unique field clashes', async () => {
    const first = await builder.resources.ownedBy('alice', '/api/v2/notes/{noteId}');
    expect(first[0]?.id).toBe('n-1');
    const second = await builder.resources.ownedBy('bob', '/api/v2/notes/{noteId}');
    expect(second[0]?.id).toBe('n-2');
    expect([...state.notes][1]).not.toBe('same title');
  });

  it('follows OpenAPI links to find the id', async () => {
    const w = await builder.resources.ownedBy('alice', '/api/v2/widgets/{widgetId}');
    expect(w.map((x) => x.path)).toEqual(['/api/v2/widgets/w-77']);
  });

  it('query and header parameters: required ones and those with examples; engine headers left alone', async () => {
    const req = await builder.build(find('GET', '/api/v2/search'), 'alice');
    expect(req?.path).toMatch(/^\/api\/v2\/search\?q=rampart&page=2$/);
    expect(req?.headers).toEqual({ 'x-tenant': 'acme' });
    const withParams = await builder.build(find('GET', '/api/v2/search'), 'alice', { params: { q: "'", debug: '1' } });
    expect(withParams?.path).toBe('/api/v2/search?q=%27&page=2&debug=1');
  });

  it("a user id in a body is the caller's own", async () => {
    expect((await builder.build(find('POST', '/api/v2/reviews'), 'bob'))?.json).toEqual({ userId: 'u-bob', productId: 'p1' });
  });

  it('form bodies', async () => {
    const req = await builder.build(find('POST', '/api/v2/forms'), 'alice');
    expect(req?.form).toMatchObject({ age: '30' });
    expect(req?.form?.email).toMatch(/@example\.com$/);
  });

  it('learns from exchanges the engine sent (observe)', async () => {
    const fresh = new RequestBuilder(endpoints, send, IDENTITIES);
    const post = find('POST', '/api/v2/orders');
    const req = (await fresh.build(post, 'bob')) as ProbeRequest;
    const ex = await send(req, 'bob', post);
    fresh.observe(ex);
    const owned = await fresh.resources.ownedBy('bob', '/api/v2/orders/{orderId}');
    expect(owned.map((o) => o.createdBy)).toEqual([ex]);
    expect(fresh.resources.all()).toHaveLength(1);
  });

  it('forgets objects a DELETE removed', async () => {
    const fresh = new RequestBuilder(endpoints, send, IDENTITIES);
    const [order] = await fresh.resources.ownedBy('carol', '/api/v2/orders/{orderId}');
    const del = find('DELETE', '/api/v2/orders/{orderId}');
    const req = (await fresh.build(del, 'carol')) as ProbeRequest;
    expect(req.path).toBe(order?.path);
    fresh.observe({ ...(await send(req, 'carol', del)), response: { status: 204, headers: {}, body: '', truncated: false, timeMs: 1 } });
    expect(fresh.resources.all()).toEqual([]);
    // A new one is made for the next request.
    expect((await fresh.build(del, 'carol'))?.path).not.toBe(order?.path);
  });

  it('never builds a request for a change when no owned object can be had', async () => {
    const lone = [
      ep('DELETE', '/things/{thingId}'),
      ep('GET', '/things/{thingId}', { parameters: [{ name: 'thingId', in: 'path', required: true, example: 5 }] }),
    ];
    const b = new RequestBuilder(lone, send, IDENTITIES);
    expect(await b.build(lone[0] as Endpoint, 'alice')).toBeUndefined();
    expect(await b.build(lone[1] as Endpoint, 'alice')).toEqual({ method: 'GET', path: '/things/5' });
  });
});
