import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKeys, type Keys } from './auth.ts';
import { type Db, openDb, SEED_USERS } from './db.ts';
import { type Ctx, findRoute, HttpError, json, type Route, readBody } from './http.ts';
import { accountRoutes } from './routes/account.ts';
import { authRoutes } from './routes/auth.ts';
import { contentRoutes } from './routes/content.ts';
import { fileRoutes, WEAK_SHARE_SECRET } from './routes/files.ts';
import { graphqlRoutes } from './routes/graphql.ts';
import { opsRoutes } from './routes/ops.ts';
import { orderRoutes } from './routes/orders.ts';
import { productRoutes } from './routes/products.ts';
import { toolRoutes } from './routes/tools.ts';
import { userRoutes } from './routes/users.ts';
import { applyHeaders, DEFAULT_CORS_ORIGINS, preflight, RateLimiter } from './security.ts';

/**
 * Rampart Shop: a small REST API (node:http + node:sqlite) with a planted flaw for every probe check,
 * and a hardened twin. `hardened` switches every flaw to its fix; look for `FLAW(` and `FIX:` comments.
 */

export interface User {
  id: number;
  username: string;
  email: string;
  role: 'user' | 'admin';
  created_at: string;
}

export interface DemoApiOptions {
  /** The fixed twin (default: the vulnerable build). */
  hardened?: boolean;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Called with one line per request (`GET /api/v2/orders 200 3ms`). */
  log?: (line: string) => void;
  /** Origins allowed by the hardened CORS policy. */
  corsOrigins?: string[];
}

export interface DemoApi {
  server: Server;
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  hardened: boolean;
  close(): Promise<void>;
}

/** Everything a request handler needs. */
export interface App {
  hardened: boolean;
  db: Db;
  keys: Keys;
  /** Key of the HS256 share-link tokens. */
  shareSecret: string | Buffer;
  limiter: RateLimiter;
  /** The server's own URL, for links it hands out. */
  baseUrl: string;
  corsOrigins: string[];
  /** The v1 account documents the vulnerable login still queries (MongoDB-style). */
  legacyUsers: { id: number; username: string; password: string }[];
  log?: (line: string) => void;
}

function routesFor(hardened: boolean): Route[] {
  return [
    ...authRoutes,
    ...userRoutes(hardened),
    ...productRoutes(hardened),
    ...orderRoutes,
    ...fileRoutes,
    ...accountRoutes(hardened),
    ...toolRoutes,
    ...contentRoutes,
    ...opsRoutes(hardened),
    ...graphqlRoutes(hardened),
  ];
}

export function createApp(options: DemoApiOptions = {}): App {
  const hardened = options.hardened ?? false;
  const db = openDb();
  const ids = new Map(
    (db.prepare('SELECT id, username FROM users').all() as { id: number; username: string }[]).map((r) => [r.username, r.id]),
  );
  return {
    hardened,
    db,
    keys: createKeys(),
    // FLAW(jwt-weak-secret): share links are signed with the word "secret" (see routes/files.ts).
    // FIX: 32 random bytes.
    shareSecret: hardened ? randomBytes(32) : WEAK_SHARE_SECRET,
    limiter: new RateLimiter(),
    baseUrl: 'http://127.0.0.1',
    corsOrigins: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    legacyUsers: SEED_USERS.map((u) => ({ id: ids.get(u.username) as number, username: u.username, password: u.password })),
    log: options.log,
  };
}

/** The request listener: headers, routing, errors. */
export function handler(app: App, routes: Route[] = routesFor(app.hardened)) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const ctx: Ctx = {
      app,
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      path: q < 0 ? raw : raw.slice(0, q),
      query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
      params: {},
      body: '',
      ip: req.socket.remoteAddress ?? 'unknown',
    };
    if (app.log) res.on('finish', () => app.log?.(`${ctx.method} ${raw} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      applyHeaders(ctx);
      if (preflight(ctx)) return;
      ctx.body = await readBody(req);
      const { route, params, allowed } = findRoute(routes, ctx.method, ctx.path);
      if (!route) {
        if (allowed.length)
          throw new HttpError(405, 'method_not_allowed', `${ctx.method} is not allowed here`, { allow: allowed.join(', ') });
        throw new HttpError(404, 'not_found', 'No such endpoint');
      }
      ctx.params = params;
      await route.handler(ctx);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof HttpError) {
        json(ctx, e.status, { error: e.code, message: e.message }, e.headers);
      } else if (!app.hardened) {
        // FLAW(verbose-errors): unexpected errors are answered with their message and stack trace.
        const err = e instanceof Error ? e : new Error(String(e));
        json(ctx, 500, { error: 'internal_error', message: err.message, stack: err.stack });
      } else {
        // FIX: a generic answer; the details go to the server log only.
        app.log?.(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        json(ctx, 500, { error: 'internal_error', message: 'Something went wrong' });
      }
    }
  };
}

/** Starts Rampart Shop on 127.0.0.1 (never on other interfaces: the vulnerable build runs shell commands). */
export async function createDemoApi(options: DemoApiOptions = {}): Promise<DemoApi> {
  const app = createApp(options);
  const listener = handler(app);
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  app.baseUrl = `http://127.0.0.1:${port}`;
  return {
    server,
    url: app.baseUrl,
    port,
    hardened: app.hardened,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          app.db.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
