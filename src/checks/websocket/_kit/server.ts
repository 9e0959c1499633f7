/**
 * A real WebSocket server (node:http + ws) on 127.0.0.1 for the WebSocket probe checks' fixtures, in a
 * vulnerable or a hardened configuration, one flaw per switch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** Serve the same socket over wss:// too, on another port (a self-signed certificate made by openssl). */
  tlsTwin?: boolean;
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

export const ALICE_PASSWORD = 'correct-horse-battery-staple';
const SESSIONS: Record<string, string> = { 'alice-session-7f3a9c2e51b8d406': 'alice' };
const TOKENS: Record<string, string> = { 'bob-token-4e8d1a6c93f27b50': 'bob', 'carol-key-9b1e5d7a20c4f863': 'carol' };

/** Alice authenticates with a session cookie, Bob with a bearer token. */
export const WS_IDENTITIES: IdentityConfig[] = [
  { name: 'alice', cookie: 'session=alice-session-7f3a9c2e51b8d406' },
  { name: 'bob', bearer: 'bob-token-4e8d1a6c93f27b50' },
];

/** Carol is configured to send her key as `?token=` on the upgrade URL, as some clients are told to. */
export const QUERY_KEY_IDENTITY: IdentityConfig = {
  name: 'carol',
  apiKey: { in: 'query', name: 'token', value: 'carol-key-9b1e5d7a20c4f863' },
};

export interface RunningWsServer {
  /** `ws://127.0.0.1:PORT/socket`. */
  url: string;
  /** Port of the wss:// twin, when there is one. */
  wssPort?: number;
  /** Every upgrade request, in order: its URL (query included) and the status it got (101 or a refusal). */
  upgrades: { url: string; status: number }[];
  /** Close codes the server ended sockets with: 1008 (rate limit), 1009 (frame above maxPayload). */
  closes: number[];
  /** Error frames the server answered with (a message it could not handle). */
  errorReplies: number;
  close(): Promise<void>;
}

/** What the test server saw of a probe: safe twins prove with it that the check did its part. */
export type ServerSaw = Pick<RunningWsServer, 'upgrades' | 'closes' | 'errorReplies'>;

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

function handle(ws: WebSocket, user: string, cfg: WsServerConfig, seen: ServerSaw): void {
  let windowStart = Date.now();
  let count = 0;
  // ws closes with 1009 on its own when a frame is above maxPayload, and reports it here.
  ws.on('error', (e: Error & { code?: string }) => {
    if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') seen.closes.push(1009);
  });
  ws.on('message', (data, isBinary) => {
    if (cfg.rateLimit !== undefined) {
      if (Date.now() - windowStart > 1000) {
        windowStart = Date.now();
        count = 0;
      }
      if (++count > cfg.rateLimit) {
        if (ws.readyState === ws.OPEN) seen.closes.push(1008);
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
      seen.errorReplies++;
      ws.send(JSON.stringify(cfg.verboseErrors ? { error: err.message, stack: err.stack } : { error: 'bad request' }));
    }
  });
}

/** `POST /login {"username","password"}`: alice's session cookie, for identities with a login flow. */
function login(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString('utf8');
  });
  req.on('end', () => {
    let creds: { username?: unknown; password?: unknown } = {};
    try {
      creds = JSON.parse(body);
    } catch {}
    if (creds.username !== 'alice' || creds.password !== ALICE_PASSWORD) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid credentials"}');
      return;
    }
    const sid = Object.keys(SESSIONS)[0];
    res.writeHead(204, { 'set-cookie': `session=${sid}; HttpOnly; SameSite=None; Path=/` }).end();
  });
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl is there wherever the tests run). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-ws-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${dir}/key.pem`,
        '-out',
        `${dir}/cert.pem`,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function startWsServer(cfg: WsServerConfig): Promise<RunningWsServer> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: cfg.maxPayload ?? 100 * 1024 * 1024 });
  const plain = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === '/login') return login(req, res);
    res.writeHead(426, { 'content-type': 'text/plain' }).end('upgrade required');
  };
  const allowedOrigins = new Set<string>();
  const seen: ServerSaw = { upgrades: [], closes: [], errorReplies: 0 };
  const { upgrades } = seen;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const deny = (status: number, text: string) => {
      upgrades.push({ url: req.url ?? '/', status });
      refuse(socket, status, text);
    };
    if (url.pathname !== '/socket') return deny(404, 'not found');
    if (cfg.checkOrigin && !allowedOrigins.has(req.headers.origin ?? '')) return deny(403, 'origin not allowed');
    let user: string | undefined = cfg.auth === 'none' ? 'guest' : undefined;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!user && bearer) user = TOKENS[bearer];
    if (!user) user = SESSIONS[cookie(req, 'session') ?? ''];
    if (!user && cfg.queryToken) user = TOKENS[url.searchParams.get('token') ?? url.searchParams.get('access_token') ?? ''];
    if (!user) return deny(401, 'unauthorized');
    upgrades.push({ url: req.url ?? '/', status: 101 });
    wss.handleUpgrade(req, socket, head, (ws) => handle(ws, user, cfg, seen));
  };
  const servers: Server[] = [createServer(plain)];
  if (cfg.tlsTwin) servers.push(createHttpsServer(selfSigned(), plain));
  for (const s of servers) s.on('upgrade', onUpgrade);
  const [port, wssPort] = await Promise.all(servers.map(listen));
  allowedOrigins.add(`http://127.0.0.1:${port}`);
  if (wssPort) allowedOrigins.add(`https://127.0.0.1:${wssPort}`);
  return {
    url: `ws://127.0.0.1:${port}/socket`,
    wssPort,
    upgrades,
    closes: seen.closes,
    get errorReplies() {
      return seen.errorReplies;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
