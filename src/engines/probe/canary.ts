import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Canary, CanaryHit } from './types.ts';

/**
 * An HTTP server on 127.0.0.1 that records requests to `/c/<marker>/…` so SSRF checks can tell whether
 * the target fetched a URL they planted. Started lazily (the first `url()` call), closed at the end.
 */
export class CanaryServer implements Canary {
  private server?: Server;
  private port = 0;
  private readonly hitsByMarker = new Map<string, CanaryHit[]>();
  private readonly nonce = randomBytes(6).toString('hex');

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      const m = /^\/c\/([^/?#]+)/.exec(path);
      if (m) {
        const marker = decodeURIComponent(m[1]);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const list = this.hitsByMarker.get(marker) ?? [];
        if (list.length < 100) list.push({ method: req.method ?? 'GET', path, headers, at: Date.now() });
        this.hitsByMarker.set(marker, list);
      }
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end('rampart canary\n');
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    server.unref();
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  url(marker: string): string {
    if (!this.server) throw new Error('canary not started');
    return `http://127.0.0.1:${this.port}/c/${encodeURIComponent(`${this.nonce}-${marker}`)}`;
  }

  async hits(marker: string, waitMs = 1500): Promise<CanaryHit[]> {
    const key = `${this.nonce}-${marker}`;
    const deadline = Date.now() + waitMs;
    while (!this.hitsByMarker.get(key)?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return [...(this.hitsByMarker.get(key) ?? [])];
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
