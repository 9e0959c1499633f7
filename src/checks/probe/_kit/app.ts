import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * A tiny router for probe-check fixtures: each fixture is a real HTTP server (started on 127.0.0.1 by
 * the test harness) with the flaw, and a safe twin without it. Standard identities: alice and bob are
 * users, carol is an admin; each sends `Authorization: Bearer <name>-token`.
 */

export interface FixtureRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Raw body text. */
  text: string;
  /** Parsed JSON body, or undefined. */
  json: unknown;
  /** The identity name from a `Bearer <name>-token` header, or undefined. */
  user?: string;
  /** Path parameters from the matched route. */
  params: Record<string, string>;
}

export type Handler = (req: FixtureRequest, res: ServerResponse) => void | Promise<void>;

export interface Route {
  method: string;
  /** Template like `/users/{id}`. */
  path: string;
  handler: Handler;
}

export const USERS = ['alice', 'bob'] as const;
export const ADMINS = ['carol'] as const;

/** Identities as the probe config declares them, for fixtures. */
export const STANDARD_IDENTITIES = [
  { name: 'alice', role: 'user', bearer: 'alice-token' },
  { name: 'bob', role: 'user', bearer: 'bob-token' },
  { name: 'carol', role: 'admin', admin: true, bearer: 'carol-token' },
];

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function match(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] as string;
    if (seg.startsWith('{') && seg.endsWith('}')) params[seg.slice(1, -1)] = decodeURIComponent(p[i] as string);
    else if (seg !== p[i]) return undefined;
  }
  return params;
}

/** A request listener dispatching to routes; 404 JSON for anything else. */
export function app(routes: Route[]): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fixture.invalid');
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const auth = req.headers.authorization ?? '';
      const m = /^Bearer ([a-z]+)-token$/.exec(auth);
      for (const route of routes) {
        if (route.method !== req.method) continue;
        const params = match(route.path, url.pathname);
        if (!params) continue;
        const fr: FixtureRequest = {
          method: req.method,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          text,
          json,
          user: m?.[1],
          params,
        };
        Promise.resolve(route.handler(fr, res)).catch((e: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: String(e) });
          else res.destroy();
        });
        return;
      }
      sendJson(res, 404, { error: 'not found' });
    });
  };
}
