import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLFieldResolver, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { App, User } from '../app.ts';
import { loadUser, verifyAccessToken } from '../auth.ts';

/**
 * Resolvers of the shop's GraphQL API over the same SQLite database and users as the REST API. The
 * schema is read from schema.graphql (vulnerable) or schema.hardened.graphql, so what `rampart audit`
 * reads is what the server runs. Look for `FLAW(` and `FIX:` comments.
 */

export interface GqlCtx {
  app: App;
  user?: User;
  /** SQL statements run for this request (the vulnerable build returns them in `extensions.debug`). */
  sql: string[];
}

/** An error whose message is meant for the client (the hardened build masks every other one). */
export class ClientError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const unauthenticated = () => new ClientError('UNAUTHENTICATED', 'A valid access token is required');
const forbidden = () => new ClientError('FORBIDDEN', 'This operation is for administrators');

export function userOf(app: App, authorization: string | undefined): User | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const claims = m?.[1] ? verifyAccessToken(app, m[1]) : undefined;
  return claims ? loadUser(app, claims.sub) : undefined;
}

function requireUser(ctx: GqlCtx): User {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

function requireAdmin(ctx: GqlCtx): User {
  const u = requireUser(ctx);
  if (u.role !== 'admin') throw forbidden();
  return u;
}

interface Row {
  [k: string]: unknown;
}

function all(ctx: GqlCtx, sql: string, ...params: (string | number)[]): Row[] {
  ctx.sql.push(sql);
  return ctx.app.db.prepare(sql).all(...params) as Row[];
}

function one(ctx: GqlCtx, sql: string, ...params: (string | number)[]): Row | undefined {
  ctx.sql.push(sql);
  return ctx.app.db.prepare(sql).get(...params) as Row | undefined;
}

const PRODUCT = 'SELECT id, name, description, price_cents, stock FROM products WHERE published = 1 AND deleted = 0';
const product = (r: Row) => ({
  __typename: 'Product',
  id: r.id,
  name: r.name,
  description: r.description,
  price: Number(r.price_cents) / 100,
  stock: r.stock,
});
const order = (r: Row) => ({
  __typename: 'Order',
  id: r.id,
  userId: r.user_id,
  status: r.status,
  total: Number(r.total_cents) / 100,
  note: r.note,
  shippingAddress: r.shipping_address,
});
const USER = 'SELECT id, username, email, role, password_hash, api_key FROM users';
const user = (r: Row) => ({
  __typename: 'User',
  id: r.id,
  username: r.username,
  email: r.email,
  role: String(r.role).toUpperCase(),
  passwordHash: r.password_hash,
  apiKey: r.api_key,
});

/** The order if the caller may read it. */
function readableOrder(ctx: GqlCtx, id: unknown): Row | undefined {
  const u = requireUser(ctx);
  const row = one(ctx, 'SELECT * FROM orders WHERE id = ?', Number(id) || 0);
  // FLAW(graphql-bola): the order is found by id alone; any logged-in user reads anyone's order.
  // FIX: only the owner's orders exist for them.
  if (row && ctx.app.hardened && row.user_id !== u.id) return undefined;
  return row;
}

/** Relay global ids: base64 of `Type:id`. */
export function globalId(type: string, id: unknown): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}

function fromGlobalId(id: string): { type: string; id: number } | undefined {
  const m = /^(Order|User|Product):(\d{1,12})$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m ? { type: m[1] as string, id: Number(m[2]) } : undefined;
}

type Resolver = GraphQLFieldResolver<Row, GqlCtx, Record<string, unknown>>;

function queryResolvers(hardened: boolean): Record<string, Resolver> {
  return {
    products: (_, { search, first }, ctx) => {
      if (!search) return all(ctx, `${PRODUCT} ORDER BY id LIMIT ?`, Math.min(Number(first ?? 50), 50)).map(product);
      if (!hardened) {
        // FLAW(graphql-injection): the search text is pasted into the SQL statement.
        return all(ctx, `${PRODUCT} AND name LIKE '%${String(search)}%' ORDER BY id`).map(product);
      }
      // FIX: a bound parameter; the page size is capped.
      return all(ctx, `${PRODUCT} AND name LIKE ? ORDER BY id LIMIT ?`, `%${String(search)}%`, Math.min(Number(first ?? 20), 50)).map(
        product,
      );
    },
    product: (_, { id }, ctx) => {
      const r = one(ctx, `${PRODUCT} AND id = ?`, Number(id) || 0);
      return r ? product(r) : null;
    },
    me: (_, __, ctx) => user(one(ctx, `${USER} WHERE id = ?`, requireUser(ctx).id) as Row),
    myOrders: (_, __, ctx) => all(ctx, 'SELECT * FROM orders WHERE user_id = ? ORDER BY id LIMIT 50', requireUser(ctx).id).map(order),
    order: (_, { id }, ctx) => {
      const r = readableOrder(ctx, id);
      return r ? order(r) : null;
    },
    node: (_, { id }, ctx) => {
      const g = fromGlobalId(String(id));
      if (!g) return null;
      if (g.type === 'Product') return queryResolvers(hardened).product?.({}, { id: g.id }, ctx, undefined as never) ?? null;
      if (g.type === 'Order') {
        const r = readableOrder(ctx, g.id);
        return r ? order(r) : null;
      }
      const u = requireUser(ctx);
      // FIX: a user node is only the caller's own (the vulnerable build hands out any user by id).
      if (hardened && g.id !== u.id) return null;
      const r = one(ctx, `${USER} WHERE id = ?`, g.id);
      return r ? user(r) : null;
    },
    users: (_, __, ctx) => {
      requireAdmin(ctx);
      return all(ctx, `${USER} ORDER BY id LIMIT 50`).map(user);
    },
    debug: () => ({ node: process.version, uptimeSeconds: Math.round(process.uptime()), pid: process.pid }),
  };
}

function mutationResolvers(hardened: boolean): Record<string, Resolver> {
  return {
    placeOrder: (_, { productId, quantity }, ctx) => {
      const u = requireUser(ctx);
      const p = one(ctx, `${PRODUCT} AND id = ?`, Number(productId) || 0);
      const q = Number(quantity);
      if (!p) throw new ClientError('NOT_FOUND', 'No such product');
      if (!Number.isInteger(q) || q < 1 || q > 20) throw new ClientError('BAD_USER_INPUT', 'quantity must be between 1 and 20');
      const total = Number(p.price_cents) * q;
      const now = new Date().toISOString();
      const id = Number(
        ctx.app.db
          .prepare('INSERT INTO orders (user_id, status, total_cents, note, shipping_address, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(u.id, 'pending', total, null, null, now).lastInsertRowid,
      );
      ctx.app.db
        .prepare('INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)')
        .run(id, Number(p.id), q, Number(p.price_cents));
      return order(one(ctx, 'SELECT * FROM orders WHERE id = ?', id) as Row);
    },
    adminBroadcast: (_, { message }, ctx) => {
      // FLAW(graphql-bfla): any logged-in user may broadcast to every customer (no role check).
      // FIX: administrators only.
      if (hardened) requireAdmin(ctx);
      else requireUser(ctx);
      const text = String(message).slice(0, 500);
      const id = ctx.app.db
        .prepare('INSERT INTO notifications (user_id, message, created_at) VALUES (NULL, ?, ?)')
        .run(text, new Date().toISOString()).lastInsertRowid;
      return { id: Number(id), message: text };
    },
  };
}

const schemaFile = (hardened: boolean) => new URL(`../../${hardened ? 'schema.hardened.graphql' : 'schema.graphql'}`, import.meta.url);

/** The executable schema of a build: its SDL file plus the resolvers. */
export function shopSchema(hardened: boolean): GraphQLSchema {
  const schema = buildSchema(readFileSync(schemaFile(hardened), 'utf8'));
  const attach = (typeName: string, resolvers: Record<string, Resolver>) => {
    const fields = (schema.getType(typeName) as GraphQLObjectType).getFields();
    for (const [name, resolve] of Object.entries(resolvers)) {
      const field = fields[name];
      if (field) field.resolve = resolve as never;
    }
  };
  attach('Query', queryResolvers(hardened));
  attach('Mutation', mutationResolvers(hardened));
  attach('User', {
    orders: (u, __, ctx) => all(ctx, 'SELECT * FROM orders WHERE user_id = ? ORDER BY id LIMIT 50', Number(u.id)).map(order),
  });
  attach('Order', {
    customer: (o, __, ctx) => user(one(ctx, `${USER} WHERE id = ?`, Number(o.userId)) as Row),
    items: (o, __, ctx) =>
      all(ctx, 'SELECT product_id, quantity FROM order_items WHERE order_id = ? ORDER BY rowid', Number(o.id)).map((i) => ({
        productId: i.product_id,
        quantity: i.quantity,
      })),
  });
  attach('OrderItem', {
    product: (i, __, ctx) => {
      const r = one(ctx, 'SELECT id, name, description, price_cents, stock FROM products WHERE id = ?', Number(i.productId));
      return r ? product(r) : null;
    },
  });
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = (v: unknown) => (v as { __typename: string }).__typename;
  return schema;
}
