import { requireAdmin, requireUser } from '../auth.ts';
import { badRequest, type Ctx, intParam, json, notFound, type Route, readJson } from '../http.ts';

/** The catalogue: public listing and search, admin-only creation and deletion. */

interface ProductRow {
  id: number;
  name: string;
  description: string;
  price_cents: number;
  stock: number;
}

const COLUMNS = 'id, name, description, price_cents, stock';

export function productDto(p: ProductRow): Record<string, unknown> {
  return { id: p.id, name: p.name, description: p.description, price: p.price_cents / 100, currency: 'EUR', stock: p.stock };
}

function limitParam(ctx: Ctx): number {
  const raw = ctx.query.get('limit');
  if (raw === null) return 20;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 50) throw badRequest('limit must be an integer from 1 to 50');
  return Number(raw);
}

function list(ctx: Ctx): void {
  const { app } = ctx;
  const search = ctx.query.get('search') ?? '';
  const limit = limitParam(ctx);
  let rows: ProductRow[];
  if (!app.hardened) {
    // FLAW(sql-injection): the search text is pasted into the SQL. `' OR 1=1--` lists unpublished and deleted
    // products, a quote alone shows the database error, and any SQL function (randomblob...) runs.
    const where = search ? ` AND name LIKE '%${search}%'` : '';
    rows = app.db
      .prepare(`SELECT ${COLUMNS} FROM products WHERE published = 1 AND deleted = 0${where} ORDER BY id LIMIT ${limit}`)
      .all() as unknown as ProductRow[];
  } else {
    // FIX: a parameterised query (LIKE wildcards in the text are escaped, so they match literally).
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    rows = app.db
      .prepare(`SELECT ${COLUMNS} FROM products WHERE published = 1 AND deleted = 0 AND name LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?`)
      .all(pattern, limit) as unknown as ProductRow[];
  }
  json(ctx, 200, { items: rows.map(productDto), count: rows.length });
}

function findProduct(ctx: Ctx): ProductRow {
  const row = ctx.app.db
    .prepare(`SELECT ${COLUMNS} FROM products WHERE id = ? AND published = 1 AND deleted = 0`)
    .get(intParam(ctx, 'productId'));
  if (!row) throw notFound('Product');
  return row as unknown as ProductRow;
}

function read(ctx: Ctx): void {
  json(ctx, 200, productDto(findProduct(ctx)));
}

function create(ctx: Ctx): void {
  const user = requireUser(ctx);
  requireAdmin(user);
  const body = readJson(ctx);
  for (const k of Object.keys(body)) if (!['name', 'description', 'price', 'stock'].includes(k)) throw badRequest(`Unknown property: ${k}`);
  const { name, description, price, stock } = body;
  if (typeof name !== 'string' || !name.trim() || name.length > 100) throw badRequest('name must be a string of 1 to 100 characters');
  if (description !== undefined && (typeof description !== 'string' || description.length > 500))
    throw badRequest('description must be a string of at most 500 characters');
  if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0 || price > 100_000)
    throw badRequest('price must be a number above 0');
  if (stock !== undefined && (!Number.isInteger(stock) || (stock as number) < 0 || (stock as number) > 100_000))
    throw badRequest('stock must be an integer from 0 to 100000');
  const id = ctx.app.db
    .prepare('INSERT INTO products (name, description, price_cents, stock, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(
      name,
      (description as string | undefined) ?? '',
      Math.round(price * 100),
      (stock as number | undefined) ?? 0,
      user.id,
      new Date().toISOString(),
    ).lastInsertRowid;
  const row = ctx.app.db.prepare(`SELECT ${COLUMNS} FROM products WHERE id = ?`).get(id) as unknown as ProductRow;
  json(ctx, 201, productDto(row), { location: `/api/v2/products/${row.id}` });
}

/** Deletion archives the product (orders keep referring to it). */
function archive(ctx: Ctx): void {
  const row = findProduct(ctx);
  ctx.app.db.prepare('UPDATE products SET deleted = 1 WHERE id = ?').run(row.id);
  json(ctx, 204, null);
}

function adminDelete(ctx: Ctx): void {
  requireAdmin(requireUser(ctx));
  archive(ctx);
}

/** FLAW(bfla): a leftover route from before the admin API: any logged-in user can delete products. */
function legacyDelete(ctx: Ctx): void {
  requireUser(ctx);
  archive(ctx);
}

export function productRoutes(hardened: boolean): Route[] {
  return [
    { method: 'GET', path: '/api/v2/products', handler: list },
    { method: 'GET', path: '/api/v2/products/{productId}', handler: read },
    { method: 'POST', path: '/api/v2/admin/products', handler: create },
    { method: 'DELETE', path: '/api/v2/admin/products/{productId}', handler: adminDelete },
    // FIX: the undocumented route is gone (DELETE /api/v2/products/{productId} answers 405).
    ...(hardened ? [] : [{ method: 'DELETE', path: '/api/v2/products/{productId}', handler: legacyDelete }]),
  ];
}
