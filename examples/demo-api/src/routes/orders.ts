import type { App, User } from '../app.ts';
import { loadUser, requireUser } from '../auth.ts';
import { badRequest, type Ctx, HttpError, intParam, json, notFound, type Route, readJson, send } from '../http.ts';
import { enforceLimit, LIMITS } from '../security.ts';

/** Orders: each user creates, reads, changes, cancels and exports their own. */

interface OrderRow {
  id: number;
  user_id: number;
  status: string;
  total_cents: number;
  note: string | null;
  shipping_address: string | null;
  created_at: string;
}

interface ItemInput {
  product_id: number;
  quantity: number;
  unit_price_cents: number;
}

function orderDto(app: App, o: OrderRow, total: number | string = o.total_cents / 100): Record<string, unknown> {
  const items = app.db
    .prepare(
      'SELECT i.product_id, p.name, i.quantity, i.unit_price_cents FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ? ORDER BY i.rowid',
    )
    .all(o.id) as unknown as { product_id: number; name: string; quantity: number; unit_price_cents: number }[];
  return {
    id: o.id,
    user_id: o.user_id,
    status: o.status,
    items: items.map((i) => ({ product_id: i.product_id, name: i.name, quantity: i.quantity, unit_price: i.unit_price_cents / 100 })),
    total,
    currency: 'EUR',
    note: o.note,
    shipping_address: o.shipping_address,
    created_at: o.created_at,
  };
}

function loadOrder(app: App, id: number): OrderRow | undefined {
  return app.db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as unknown as OrderRow | undefined;
}

/** The order named in the path, if the caller may act on it. */
function ownOrder(ctx: Ctx, user: User): OrderRow {
  const order = loadOrder(ctx.app, intParam(ctx, 'orderId'));
  if (!order) throw notFound('Order');
  // FLAW(bola): the order is found by id alone: any logged-in user reads, changes or deletes anyone's order
  // (ids are sequential, so they are easy to guess).
  // FIX: only the owner's orders exist for them (404, not 403: no hint that the id is taken).
  if (ctx.app.hardened && order.user_id !== user.id) throw notFound('Order');
  return order;
}

function optionalText(body: Record<string, unknown>, key: string, max: number): string | null | undefined {
  const v = body[key];
  if (v === undefined || v === null) return v as null | undefined;
  if (typeof v !== 'string' || v.length > max) throw badRequest(`${key} must be a string of at most ${max} characters`);
  return v;
}

function itemsOf(app: App, raw: unknown): ItemInput[] {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 20) throw badRequest('items must be an array of 1 to 20 items');
  return raw.map((it, i) => {
    const { product_id, quantity } = (it ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(product_id) || !Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 10) {
      throw badRequest(`items[${i}] needs an integer product_id and a quantity from 1 to 10`);
    }
    const p = app.db.prepare('SELECT price_cents FROM products WHERE id = ? AND published = 1 AND deleted = 0').get(product_id as number) as
      | { price_cents: number }
      | undefined;
    if (!p) throw badRequest(`items[${i}]: product ${product_id} does not exist`);
    return { product_id: product_id as number, quantity: quantity as number, unit_price_cents: p.price_cents };
  });
}

function list(ctx: Ctx): void {
  const user = requireUser(ctx);
  const rows = ctx.app.db.prepare('SELECT * FROM orders WHERE user_id = ? ORDER BY id').all(user.id) as unknown as OrderRow[];
  json(ctx, 200, { items: rows.map((o) => orderDto(ctx.app, o)), count: rows.length });
}

function create(ctx: Ctx): void {
  const { app } = ctx;
  const user = requireUser(ctx);
  // FLAW(verbose-errors): this route parses the body itself; malformed JSON throws a SyntaxError that the
  // error handler answers with its stack trace (file paths, line numbers, the runtime).
  // FIX: the shared readJson helper answers 400 "The body is not valid JSON".
  const body = app.hardened ? readJson(ctx) : JSON.parse(ctx.body);
  if (app.hardened) {
    // FIX: only the documented, client-writable properties are accepted.
    for (const k of Object.keys(body)) if (!['items', 'note', 'shipping_address'].includes(k)) throw badRequest(`Unknown property: ${k}`);
  }
  const items = itemsOf(app, body.items);
  const order: Record<string, unknown> = {
    user_id: user.id,
    status: 'pending',
    total: items.reduce((s, i) => s + i.quantity * i.unit_price_cents, 0) / 100,
    note: optionalText(body, 'note', 500) ?? null,
    shipping_address: optionalText(body, 'shipping_address', 200) ?? null,
  };
  // FLAW(mass-assignment): the whole body is merged into the new order, so the client can set `status`
  // ("paid", "shipped") and `total` (0.01) itself.
  if (!app.hardened) Object.assign(order, body);
  const total = Number(order.total);
  const id = app.db
    .prepare('INSERT INTO orders (user_id, status, total_cents, note, shipping_address, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(
      loadUser(app, order.user_id)?.id ?? user.id,
      String(order.status),
      Math.round((Number.isFinite(total) ? total : 0) * 100),
      order.note === null ? null : String(order.note),
      order.shipping_address === null ? null : String(order.shipping_address),
      new Date().toISOString(),
    ).lastInsertRowid;
  const add = app.db.prepare('INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)');
  for (const i of items) add.run(id, i.product_id, i.quantity, i.unit_price_cents);
  const row = loadOrder(app, Number(id)) as OrderRow;
  json(ctx, 201, orderDto(app, row), { location: `/api/v2/orders/${row.id}` });
}

function read(ctx: Ctx): void {
  const order = ownOrder(ctx, requireUser(ctx));
  // FLAW(response-conformance): this endpoint formats money with toFixed(2), a string where the definition
  // (and every other endpoint) has a number: clients that add totals up concatenate strings.
  json(ctx, 200, orderDto(ctx.app, order, ctx.app.hardened ? order.total_cents / 100 : (order.total_cents / 100).toFixed(2)));
}

function update(ctx: Ctx): void {
  const { app } = ctx;
  const order = ownOrder(ctx, requireUser(ctx));
  const body = readJson(ctx);
  if (app.hardened) {
    for (const k of Object.keys(body)) if (!['note', 'shipping_address'].includes(k)) throw badRequest(`Unknown property: ${k}`);
    if (order.status !== 'pending') throw new HttpError(409, 'conflict', 'Only pending orders can be changed');
  }
  const note = optionalText(body, 'note', 500);
  const address = optionalText(body, 'shipping_address', 200);
  if (note === undefined && address === undefined) throw badRequest('Nothing to change: send note and/or shipping_address');
  app.db
    .prepare('UPDATE orders SET note = ?, shipping_address = ? WHERE id = ?')
    .run(note === undefined ? order.note : note, address === undefined ? order.shipping_address : address, order.id);
  json(ctx, 200, orderDto(app, loadOrder(app, order.id) as OrderRow));
}

function remove(ctx: Ctx): void {
  const { app } = ctx;
  const order = ownOrder(ctx, requireUser(ctx));
  if (app.hardened && order.status !== 'pending') throw new HttpError(409, 'conflict', 'Only pending orders can be cancelled');
  app.db.prepare('DELETE FROM orders WHERE id = ?').run(order.id);
  json(ctx, 204, null);
}

function exportCsv(ctx: Ctx): void {
  const user = requireUser(ctx);
  // FLAW(rate-limit-not-enforced): building the export is expensive and unlimited: a loop of requests ties the
  // server up. FIX: 10 exports per minute per user, then 429 with Retry-After.
  if (ctx.app.hardened) enforceLimit(ctx, `export:${user.id}`, LIMITS.exports);
  const rows = ctx.app.db.prepare('SELECT * FROM orders WHERE user_id = ? ORDER BY id').all(user.id) as unknown as OrderRow[];
  const csv = [
    'id,status,total,currency,created_at',
    ...rows.map((o) => `${o.id},${o.status},${(o.total_cents / 100).toFixed(2)},EUR,${o.created_at}`),
  ];
  send(ctx, 200, `${csv.join('\n')}\n`, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': 'attachment; filename="orders.csv"',
  });
}

export const orderRoutes: Route[] = [
  { method: 'GET', path: '/api/v2/orders', handler: list },
  { method: 'POST', path: '/api/v2/orders', handler: create },
  { method: 'GET', path: '/api/v2/orders/export', handler: exportCsv },
  { method: 'GET', path: '/api/v2/orders/{orderId}', handler: read },
  { method: 'PUT', path: '/api/v2/orders/{orderId}', handler: update },
  { method: 'DELETE', path: '/api/v2/orders/{orderId}', handler: remove },
];
