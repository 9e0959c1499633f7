import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { Frame, UpgradeResult, WsSession } from './types.ts';

/** Characters of a frame kept for evidence. */
const FRAME_TEXT_CHARS = 400;
/** Characters of a frame checks may read. */
const FRAME_DATA_CHARS = 64 * 1024;
/** Frames kept per session: a flood test sends hundreds, evidence needs the first and last few. */
const MAX_FRAMES_KEPT = 40;
/** Bytes a received frame may have: the probe reads answers, not bulk data. */
const MAX_RECEIVED_BYTES = 1024 * 1024;
/** Bytes of a refused upgrade's body kept. */
const REFUSAL_BODY_BYTES = 2048;

export interface OpenOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  identity?: string;
  /** Called before each frame is sent; false refuses it (budget exhausted). */
  spend(): boolean;
}

function lowerHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(k.toLowerCase() === 'set-cookie' ? '\n' : ', ') : v;
  }
  return out;
}

export function frameOf(dir: Frame['dir'], data: string | Buffer, binary: boolean): Frame {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  const s = typeof data === 'string' ? data.slice(0, FRAME_DATA_CHARS) : data.subarray(0, FRAME_DATA_CHARS).toString('utf8');
  if (binary) return { dir, text: `<binary ${bytes} bytes>`, data: s, bytes };
  return { dir, text: s.length > FRAME_TEXT_CHARS ? `${s.slice(0, FRAME_TEXT_CHARS)}… (${bytes} bytes, cut)` : s, data: s, bytes };
}

/**
 * Opens one WebSocket connection and records what happens: the upgrade answer, frames both ways (cut),
 * the close. Never throws; a connection that cannot be made has `error` set. No redirect is followed,
 * and the handshake, every wait and the close are bounded by timeouts.
 */
export function openSession(o: OpenOptions): Promise<WsSession> {
  return new Promise((resolveOpen) => {
    const frames: Frame[] = [];
    let dropped = 0;
    let closed: { code: number; reason: string } | undefined;
    let open = false;
    const upgrade: UpgradeResult = { status: 0, headers: {} };
    const waiters = new Set<() => void>();
    const wake = () => {
      for (const w of [...waiters]) w();
    };
    const keep = (f: Frame) => {
      // Keep the first frames and the latest ones; count what falls in between.
      if (frames.length >= MAX_FRAMES_KEPT) {
        frames.splice(MAX_FRAMES_KEPT / 2, 1);
        dropped++;
      }
      frames.push(f);
    };

    let ws: WebSocket;
    const session: WsSession = {
      url: o.url,
      sentHeaders: { ...o.headers },
      identity: o.identity,
      upgrade,
      get open() {
        return open;
      },
      get closed() {
        return closed;
      },
      frames,
      send(data) {
        if (!open || ws.readyState !== WebSocket.OPEN || !o.spend()) return false;
        const binary = typeof data !== 'string';
        ws.send(data, { binary });
        keep(frameOf('sent', data, binary));
        return true;
      },
      receive(ms, since = frames.length) {
        const start = since - dropped;
        const got = () => frames.slice(Math.max(0, start)).filter((f) => f.dir === 'received');
        if (got().length || closed) return Promise.resolve(got());
        return new Promise((done) => {
          const finish = () => {
            clearTimeout(timer);
            waiters.delete(check);
            done(got());
          };
          const check = () => {
            if (got().length || closed) finish();
          };
          const timer = setTimeout(finish, ms);
          waiters.add(check);
        });
      },
      waitClose(ms) {
        if (closed || !ws) return Promise.resolve(closed);
        return new Promise((done) => {
          const check = () => {
            if (!closed) return;
            clearTimeout(timer);
            waiters.delete(check);
            done(closed);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            done(closed);
          }, ms);
          waiters.add(check);
        });
      },
      async close() {
        if (!ws || ws.readyState === WebSocket.CLOSED) return;
        if (ws.readyState === WebSocket.OPEN) ws.close(1000);
        else ws.terminate();
        await session.waitClose(Math.min(o.timeoutMs, 2000));
        // The state changed while waiting.
        if ((ws.readyState as number) !== WebSocket.CLOSED) ws.terminate();
      },
    };

    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolveOpen(session);
    };
    try {
      ws = new WebSocket(o.url, {
        headers: o.headers,
        handshakeTimeout: o.timeoutMs,
        followRedirects: false,
        perMessageDeflate: false,
        maxPayload: MAX_RECEIVED_BYTES,
        // Test deployments often run on self-signed certificates; the probe judges the socket, not TLS.
        rejectUnauthorized: false,
      });
    } catch (e) {
      session.error = (e as Error).message;
      settle();
      return;
    }
    ws.on('upgrade', (res: IncomingMessage) => {
      upgrade.status = res.statusCode ?? 101;
      Object.assign(upgrade.headers, lowerHeaders(res));
    });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      upgrade.status = res.statusCode ?? 0;
      Object.assign(upgrade.headers, lowerHeaders(res));
      let body = '';
      res.on('data', (chunk: Buffer) => {
        if (body.length < REFUSAL_BODY_BYTES) body += chunk.toString('utf8');
      });
      const end = () => {
        upgrade.body = body.slice(0, REFUSAL_BODY_BYTES);
        closed = { code: 1006, reason: `upgrade refused with ${upgrade.status}` };
        ws.terminate();
        settle();
        wake();
      };
      res.on('end', end);
      res.on('error', end);
      // A refusal that never ends its body must not hold the run.
      setTimeout(end, Math.min(o.timeoutMs, 2000)).unref();
    });
    ws.on('open', () => {
      open = true;
      settle();
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      keep(frameOf('received', data, isBinary));
      wake();
    });
    ws.on('close', (code: number, reason: Buffer) => {
      open = false;
      closed ??= { code, reason: reason.toString('utf8').slice(0, 200) };
      settle();
      wake();
    });
    ws.on('error', (e: Error) => {
      if (upgrade.status === 0) session.error = e.message;
      else if (!closed) closed = { code: 1006, reason: e.message.slice(0, 200) };
      open = false;
      settle();
      wake();
    });
  });
}

/** A session that never left: refused before connecting (budget exhausted, login failed). */
export function failedSession(o: Pick<OpenOptions, 'url' | 'headers' | 'identity'>, error: string): WsSession {
  return {
    url: o.url,
    sentHeaders: { ...o.headers },
    identity: o.identity,
    upgrade: { status: 0, headers: {} },
    open: false,
    error,
    frames: [],
    send: () => false,
    receive: async () => [],
    waitClose: async () => undefined,
    close: async () => undefined,
  };
}
