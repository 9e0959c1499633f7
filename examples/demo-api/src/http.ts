import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, User } from './app.ts';

/**
 * A small router on node:http: routes are `METHOD /path/{param}` templates, handlers get a context
 * and either write the response or throw an HttpError. Nothing here is vulnerable on purpose; the
 * planted flaws live in the routes, auth and security modules.
 */

export interface Ctx {
  app: App;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  /** The raw request body (at most MAX_BODY bytes). */
  body: string;
  /** The client's address (the demo binds 127.0.0.1, so this is mostly `127.0.0.1`). */
  ip: string;
  /** Set once the request is authenticated. */
  user?: User;
}

export type Handler = (ctx: Ctx) => void | Promise<void>;

export interface Route {
  method: string;
  path: string;
  handler: Handler;
}

export const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const notFound = (what = 'Resource') => new HttpError(404, 'not_found', `${what} not found`);

export function json(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(ctx, status, status === 204 ? '' : JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

export function send(ctx: Ctx, status: number, body: string, headers: Record<string, string>): void {
  if (status === 204) {
    ctx.res.writeHead(204, withoutContentType(headers));
    ctx.res.end();
    return;
  }
  ctx.res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  ctx.res.end(body);
}

function withoutContentType(h: Record<string, string>): Record<string, string> {
  const { 'content-type': _, ...rest } = h;
  return rest;
}

/** The JSON body as an object, or a 400 (the helper every route should use; see routes/orders.ts for one that does not). */
export function readJson(ctx: Ctx): Record<string, unknown> {
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw badRequest('Expected a JSON body (content-type: application/json)');
  let v: unknown;
  try {
    v = JSON.parse(ctx.body);
  } catch {
    throw badRequest('The body is not valid JSON');
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badRequest('The body must be a JSON object');
  return v as Record<string, unknown>;
}

/** A positive integer path parameter, or a 400. */
export function intParam(ctx: Ctx, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw badRequest(`${name} must be a positive integer`);
  return Number(raw);
}

function match(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] as string;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!p[i]) return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(p[i] as string);
      } catch {
        return undefined;
      }
    } else if (seg !== p[i]) return undefined;
  }
  return params;
}

/** The route for a request: exact static segments win over parameters (`/orders/export` before `/orders/{orderId}`). */
export function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route?: Route; params: Record<string, string>; allowed: string[] } {
  const want = method === 'HEAD' ? 'GET' : method;
  let best: { route: Route; params: Record<string, string>; statics: number } | undefined;
  const allowed = new Set<string>();
  for (const route of routes) {
    const params = match(route.path, path);
    if (!params) continue;
    allowed.add(route.method);
    if (route.method !== want) continue;
    const statics = route.path.split('/').filter((s) => !s.startsWith('{')).length;
    if (!best || statics > best.statics) best = { route, params, statics };
  }
  return { route: best?.route, params: best?.params ?? {}, allowed: [...allowed] };
}

/** Reads the body, stopping at MAX_BODY bytes (413). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Answer at once and close the connection; the rest of the body is read and dropped meanwhile.
        req.off('data', onData);
        req.resume();
        reject(new HttpError(413, 'payload_too_large', `The body is larger than ${MAX_BODY} bytes`, { connection: 'close' }));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
