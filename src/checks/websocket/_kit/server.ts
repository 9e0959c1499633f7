/**
 * A real WebSocket server (node:http + ws) on 127.0.0.1 for the WebSocket probe checks' fixtures, in a
 * vulnerable or a hardened configuration, one flaw per switch.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { IdentityConfig } from '../../../engines/probe/types.ts';

export interface WsServerConfig {
  /**
   * How the upgrade is authenticated. `none`: anyone connects. `session`: a bearer header, the session
   * cookie or (with `queryToken`) a token in the query. Always refused without credentials otherwise.
   */
  auth: 'none' | 'session';
  /** Refuse upgrades whose Origin is not the server's own (403). */
  checkOrigin: boolean;
  /** Accept `?token=` / `?access_token=` on the upgrade URL. */
  queryToken: boolean;
  /** Largest frame accepted (ws closes with 1009 above it); undefined: ws's default of 100 MiB. */
  maxPayload?: number;
  /** Messages per second per connection before closing with 1008; undefined: no limit. */
  rateLimit?: number;
  /** Error frames carry the exception's message and stack. */
  verboseErrors: boolean;
}

export const VULNERABLE: WsServerConfig = { auth: 'session', checkOrigin: false, queryToken: true, verboseErrors: true };
export const HARDENED: WsServerConfig = {
  auth: 'session',
  checkOrigin: true,
  queryToken: false,
  maxPayload: 64 * 1024,
  rateLimit: 50,
  verboseErrors: false,
};

const SESSIONS: Record<string, string> = { 'alice-session-7f3a9c2e51b8d406': 'alice' };
const TOKENS: Record<string, string> = { 'bob-token-4e8d1a6c93f27b50': 'bob' };

/** Alice authenticates with a session cookie, Bob with a bearer token. */
export const WS_IDENTITIES: IdentityConfig[] = [
  { name: 'alice', cookie: 'session=alice-session-7f3a9c2e51b8d406' },
  { name: 'bob', bearer: 'bob-token-4e8d1a6c93f27b50' },
];

export interface RunningWsServer {
  /** `ws://127.0.0.1:PORT/socket`. */
  url: string;
  close(): Promise<void>;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\ncontent-type: text/plain\r\ncontent-length: ${text.length}\r\nconnection: close\r\n\r\n${text}`,
  );
}

function handle(ws: WebSocket, user: string, cfg: WsServerConfig): void {
  let windowStart = Date.now();
  let count = 0;
  // ws closes with 1009 on its own when a frame is above maxPayload, and reports it here.
  ws.on('error', () => undefined);
  ws.on('message', (data, isBinary) => {
    if (cfg.rateLimit !== undefined) {
      if (Date.now() - windowStart > 1000) {
        windowStart = Date.now();
        count = 0;
      }
      if (++count > cfg.rateLimit) {
        ws.close(1008, 'rate limit exceeded');
        return;
      }
    }
    try {
      if (isBinary) throw new TypeError('binary frames are not supported by MessageRouter.dispatch');
      const msg = JSON.parse(data.toString('utf8')) as { type?: unknown };
      if (msg.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong', user, balance: 1250, email: `${user}@example.com` }));
        return;
      }
      throw new Error(`no handler for message type ${String(msg.type)} in MessageRouter`);
    } catch (e) {
      const err = e as Error;
      ws.send(JSON.stringify(cfg.verboseErrors ? { error: err.message, stack: err.stack } : { error: 'bad request' }));
    }
  });
}

export async function startWsServer(cfg: WsServerConfig): Promise<RunningWsServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: cfg.maxPayload ?? 100 * 1024 * 1024 });
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('upgrade required');
  });
  let ownOrigin = '';
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/socket') return refuse(socket, 404, 'not found');
    if (cfg.checkOrigin && req.headers.origin !== ownOrigin) return refuse(socket, 403, 'origin not allowed');
    let user: string | undefined = cfg.auth === 'none' ? 'guest' : undefined;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!user && bearer) user = TOKENS[bearer];
    if (!user) user = SESSIONS[cookie(req, 'session') ?? ''];
    if (!user && cfg.queryToken) user = TOKENS[url.searchParams.get('token') ?? url.searchParams.get('access_token') ?? ''];
    if (!user) return refuse(socket, 401, 'unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => handle(ws, user, cfg));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  ownOrigin = `http://127.0.0.1:${port}`;
  return {
    url: `ws://127.0.0.1:${port}/socket`,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
