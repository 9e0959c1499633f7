import type { ServerResponse } from 'node:http';
import { app, type FixtureRequest, type Route, sendJson } from '../_kit/app.ts';

/**
 * A small shop for the fixtures of the authorization and data checks: users (alice 1, bob 2, carol 3
 * the admin), a catalogue admins manage, and orders each user owns. Each flaw is a switch, so a
 * fixture reads as "the shop, with this mistake"; without switches every route checks who calls it.
 */
export interface ShopFlaws {
  /** GET /orders/{orderId} finds the order by id alone. */
  bolaRead?: boolean;
  /** GET /users/{userId}/orders lists anyone's orders. */
  bolaUserOrders?: boolean;
  /** PUT /orders/{orderId} changes anyone's order. */
  bolaUpdate?: boolean;
  /** DELETE /orders/{orderId} deletes anyone's order. */
  bolaDelete?: boolean;
  /** GET /admin/users has no role check. */
  adminUsersOpen?: boolean;
  /** DELETE /admin/products/{productId} has no role check. */
  adminProductDeleteOpen?: boolean;
  /** An undocumented DELETE /products/{productId} without a role check. */
  legacyProductDelete?: boolean;
  /** POST /orders merges the whole body into the new order. */
  massAssignCreate?: boolean;
  /** PUT /orders/{orderId} merges the whole body into the order. */
  massAssignUpdate?: boolean;
  /** GET /users/{userId} returns the database row (password hash, API key). */
  leakUserRow?: boolean;
}

interface UserRow {
  id: number;
  username: string;
  email: string;
  role: 'user' | 'admin';
  password_hash: string;
  api_key: string;
}

interface Order {
  id: number;
  user_id: number;
  status: string;
  product_id: number;
  quantity: number;
  total: number;
  note: string | null;
  shipping_address: string | null;
  [k: string]: unknown;
}

interface Product {
  id: number;
  name: string;
  price: number;
}

const USERS: UserRow[] = [
  {
    id: 1,
    username: 'alice',
    email: 'alice@example.com',
    role: 'user',
    password_hash: '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
    api_key: 'ak_live_5f2b8c1e9d3a47b6a0c4e8f1d2b3a4c5',
  },
  {
    id: 2,
    username: 'bob',
    email: 'bob@example.com',
    role: 'user',
    password_hash: '$2b$12$KIXQJ1p9o5b8bU7q5yWz1eK3Yh0n2eXbW6a7Qz1Vt4c8sLrM2pN6y',
    api_key: 'ak_live_0a9b8c7d6e5f40312a3b4c5d6e7f8091',
  },
  {
    id: 3,
    username: 'carol',
    email: 'carol@example.com',
    role: 'admin',
    password_hash: '$2b$12$Zq3Yp0mXcV8nB4vL1kJ7hO9uT6rE2wQ5aS8dF3gH1jK4lZ7xC0vBm',
    api_key: 'ak_live_ffeeddccbbaa99887766554433221100',
  },
];

const userDto = (u: UserRow) => ({ id: u.id, username: u.username, email: u.email, role: u.role });

export function shop(flaws: ShopFlaws = {}): { handler: ReturnType<typeof app>; openapi: Record<string, unknown> } {
  const products = new Map<number, Product>([[1, { id: 1, name: 'Mug', price: 12.5 }]]);
  const orders = new Map<number, Order>();
  let nextProduct = 2;
  let nextOrder = 100;

  const caller = (req: FixtureRequest, res: ServerResponse): UserRow | undefined => {
    const u = USERS.find((x) => x.username === req.user);
    if (!u) sendJson(res, 401, { error: 'unauthorized', message: 'Sign in first' });
    return u;
  };
  const admin = (req: FixtureRequest, res: ServerResponse): UserRow | undefined => {
    const u = caller(req, res);
    if (u && u.role !== 'admin') {
      sendJson(res, 403, { error: 'forbidden', message: 'Administrators only' });
      return undefined;
    }
    return u;
  };
  /** The order in the path if `u` may act on it (`check`), else a 404 sent. */
  const order = (req: FixtureRequest, res: ServerResponse, u: UserRow, check: boolean): Order | undefined => {
    const o = orders.get(Number(req.params.orderId));
    if (!o || (check && o.user_id !== u.id)) {
      sendJson(res, 404, { error: 'not_found', message: 'No such order' });
      return undefined;
    }
    return o;
  };
  const orderDto = (o: Order) => ({
    id: o.id,
    user_id: o.user_id,
    status: o.status,
    product_id: o.product_id,
    quantity: o.quantity,
    total: o.total,
    note: o.note,
    shipping_address: o.shipping_address,
  });
  const text = (v: unknown, fallback: string | null): string | null => (typeof v === 'string' ? v.slice(0, 200) : fallback);

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/users/me',
      handler: (req, res) => {
        const u = caller(req, res);
        if (u) sendJson(res, 200, userDto(u));
      },
    },
    {
      method: 'GET',
      path: '/users/{userId}',
      handler: (req, res) => {
        const u = caller(req, res);
        if (!u) return;
        if (Number(req.params.userId) !== u.id) return sendJson(res, 404, { error: 'not_found', message: 'No such user' });
        sendJson(res, 200, flaws.leakUserRow ? { ...u } : userDto(u));
      },
    },
    {
      method: 'GET',
      path: '/users/{userId}/orders',
      handler: (req, res) => {
        const u = caller(req, res);
        if (!u) return;
        const id = Number(req.params.userId);
        if (id !== u.id && !flaws.bolaUserOrders) return sendJson(res, 404, { error: 'not_found', message: 'No such user' });
        const theirs = [...orders.values()].filter((o) => o.user_id === id).map(orderDto);
        sendJson(res, 200, { items: theirs, count: theirs.length });
      },
    },
    {
      method: 'GET',
      path: '/admin/users',
      handler: (req, res) => {
        const u = flaws.adminUsersOpen ? caller(req, res) : admin(req, res);
        if (u) sendJson(res, 200, { items: USERS.map(userDto), count: USERS.length });
      },
    },
    {
      method: 'GET',
      path: '/products',
      handler: (_req, res) => sendJson(res, 200, { items: [...products.values()], count: products.size }),
    },
    {
      method: 'GET',
      path: '/products/{productId}',
      handler: (req, res) => {
        const p = products.get(Number(req.params.productId));
        if (!p) return sendJson(res, 404, { error: 'not_found', message: 'No such product' });
        sendJson(res, 200, p);
      },
    },
    {
      method: 'POST',
      path: '/admin/products',
      handler: (req, res) => {
        if (!admin(req, res)) return;
        const b = (req.json ?? {}) as Record<string, unknown>;
        const p: Product = {
          id: nextProduct++,
          name: text(b.name, 'Product') ?? 'Product',
          price: typeof b.price === 'number' ? b.price : 1,
        };
        products.set(p.id, p);
        sendJson(res, 201, p, { location: `/products/${p.id}` });
      },
    },
    {
      method: 'DELETE',
      path: '/admin/products/{productId}',
      handler: (req, res) => {
        if (!(flaws.adminProductDeleteOpen ? caller(req, res) : admin(req, res))) return;
        if (!products.delete(Number(req.params.productId))) return sendJson(res, 404, { error: 'not_found', message: 'No such product' });
        res.writeHead(204).end();
      },
    },
    {
      method: 'GET',
      path: '/orders',
      handler: (req, res) => {
        const u = caller(req, res);
        if (!u) return;
        const mine = [...orders.values()].filter((o) => o.user_id === u.id).map(orderDto);
        sendJson(res, 200, { items: mine, count: mine.length });
      },
    },
    {
      method: 'POST',
      path: '/orders',
      handler: (req, res) => {
        const u = caller(req, res);
        if (!u) return;
        const b = (req.json ?? {}) as Record<string, unknown>;
        const p = products.get(Number(b.product_id)) ?? (products.get(1) as Product);
        const quantity = Number.isInteger(b.quantity) ? (b.quantity as number) : 1;
        const o: Order = {
          id: nextOrder++,
          user_id: u.id,
          status: 'pending',
          product_id: p.id,
          quantity,
          total: p.price * quantity,
          note: text(b.note, null),
          shipping_address: text(b.shipping_address, null),
        };
        if (flaws.massAssignCreate) Object.assign(o, b, { id: o.id });
        orders.set(o.id, o);
        sendJson(res, 201, orderDto(o), { location: `/orders/${o.id}` });
      },
    },
    {
      method: 'GET',
      path: '/orders/{orderId}',
      handler: (req, res) => {
        const u = caller(req, res);
        const o = u && order(req, res, u, !flaws.bolaRead);
        if (o) sendJson(res, 200, orderDto(o));
      },
    },
    {
      method: 'PUT',
      path: '/orders/{orderId}',
      handler: (req, res) => {
        const u = caller(req, res);
        const o = u && order(req, res, u, !flaws.bolaUpdate);
        if (!o) return;
        const b = (req.json ?? {}) as Record<string, unknown>;
        o.note = text(b.note, o.note);
        o.shipping_address = text(b.shipping_address, o.shipping_address);
        if (flaws.massAssignUpdate) Object.assign(o, b, { id: o.id });
        sendJson(res, 200, orderDto(o));
      },
    },
    {
      method: 'DELETE',
      path: '/orders/{orderId}',
      handler: (req, res) => {
        const u = caller(req, res);
        const o = u && order(req, res, u, !flaws.bolaDelete);
        if (!o) return;
        orders.delete(o.id);
        res.writeHead(204).end();
      },
    },
  ];
  if (flaws.legacyProductDelete) {
    // Left over from before the admin API: any signed-in user may delete a product.
    routes.push({
      method: 'DELETE',
      path: '/products/{productId}',
      handler: (req, res) => {
        if (!caller(req, res)) return;
        if (!products.delete(Number(req.params.productId))) return sendJson(res, 404, { error: 'not_found', message: 'No such product' });
        res.writeHead(204).end();
      },
    });
  }
  return { handler: app(routes), openapi: SHOP_OPENAPI };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const ok = (schema: unknown, status = '200') => ({ [status]: { description: 'OK', content: json(schema) } });
const errors = {
  '401': { description: 'Unauthorized', content: json(ref('Error')) },
  '404': { description: 'Not found', content: json(ref('Error')) },
};
const orderId = { name: 'orderId', in: 'path', required: true, schema: { type: 'integer' } };
const productId = { name: 'productId', in: 'path', required: true, schema: { type: 'integer' } };

export const SHOP_OPENAPI: Record<string, unknown> = {
  openapi: '3.1.0',
  info: { title: 'Shop', version: '1.0.0' },
  security: [{ bearer: [] }],
  paths: {
    '/users/me': { get: { operationId: 'me', responses: { ...ok(ref('User')), ...errors } } },
    '/users/{userId}': {
      get: {
        operationId: 'getUser',
        parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { ...ok(ref('User')), ...errors },
      },
    },
    '/users/{userId}/orders': {
      get: {
        operationId: 'listUserOrders',
        parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          ...ok({ type: 'object', properties: { items: { type: 'array', items: ref('Order') }, count: { type: 'integer' } } }),
          ...errors,
        },
      },
    },
    '/admin/users': {
      get: {
        operationId: 'listUsers',
        tags: ['admin'],
        responses: {
          ...ok({ type: 'object', properties: { items: { type: 'array', items: ref('User') }, count: { type: 'integer' } } }),
          ...errors,
        },
      },
    },
    '/products': {
      get: {
        operationId: 'listProducts',
        security: [],
        responses: ok({ type: 'object', properties: { items: { type: 'array', items: ref('Product') }, count: { type: 'integer' } } }),
      },
    },
    '/products/{productId}': {
      get: { operationId: 'getProduct', security: [], parameters: [productId], responses: { ...ok(ref('Product')), ...errors } },
    },
    '/admin/products': {
      post: {
        operationId: 'createProduct',
        tags: ['admin'],
        requestBody: { required: true, content: json(ref('ProductCreate')) },
        responses: { ...ok(ref('Product'), '201'), ...errors },
      },
    },
    '/admin/products/{productId}': {
      delete: {
        operationId: 'deleteProduct',
        tags: ['admin'],
        parameters: [productId],
        responses: { '204': { description: 'Deleted' }, ...errors },
      },
    },
    '/orders': {
      get: {
        operationId: 'listOrders',
        responses: ok({ type: 'object', properties: { items: { type: 'array', items: ref('Order') }, count: { type: 'integer' } } }),
      },
      post: {
        operationId: 'createOrder',
        requestBody: { required: true, content: json(ref('OrderCreate')) },
        responses: { ...ok(ref('Order'), '201'), ...errors },
      },
    },
    '/orders/{orderId}': {
      parameters: [orderId],
      get: { operationId: 'getOrder', responses: { ...ok(ref('Order')), ...errors } },
      put: {
        operationId: 'updateOrder',
        requestBody: { required: true, content: json(ref('OrderUpdate')) },
        responses: { ...ok(ref('Order')), ...errors },
      },
      delete: { operationId: 'cancelOrder', responses: { '204': { description: 'Cancelled' }, ...errors } },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } },
      User: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: { type: 'integer', readOnly: true },
          username: { type: 'string' },
          email: { type: 'string', format: 'email' },
          role: { type: 'string', enum: ['user', 'admin'], readOnly: true },
        },
      },
      Product: {
        type: 'object',
        additionalProperties: false,
        properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' }, price: { type: 'number' } },
      },
      ProductCreate: {
        type: 'object',
        required: ['name', 'price'],
        properties: { name: { type: 'string', example: 'Cap' }, price: { type: 'number', example: 15.5 } },
      },
      Order: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: { type: 'integer', readOnly: true },
          user_id: { type: 'integer', readOnly: true },
          status: { type: 'string', enum: ['pending', 'paid', 'shipped'], readOnly: true },
          product_id: { type: 'integer' },
          quantity: { type: 'integer', minimum: 1, maximum: 10 },
          total: { type: 'number', minimum: 0, readOnly: true },
          note: { type: ['string', 'null'], maxLength: 200 },
          shipping_address: { type: ['string', 'null'], maxLength: 200 },
        },
      },
      OrderCreate: {
        type: 'object',
        required: ['product_id', 'quantity'],
        properties: {
          product_id: { type: 'integer', example: 1 },
          quantity: { type: 'integer', minimum: 1, maximum: 10, example: 2 },
          note: { type: 'string', maxLength: 200, example: 'Leave at the door' },
        },
      },
      OrderUpdate: {
        type: 'object',
        properties: {
          note: { type: ['string', 'null'], maxLength: 200, example: 'Ring twice' },
          shipping_address: { type: ['string', 'null'], maxLength: 200, example: '2 Example Street' },
        },
      },
    },
  },
};
