import { Pool } from 'undici';
import type { ProbeResponse } from './types.ts';

/**
 * The probe's only way out to the network: one connection pool to the target origin (so nothing can
 * reach another host), a request budget, a rate limit (token bucket), a concurrency cap and a timeout
 * that covers headers and body. Redirects are never followed, bodies are cut at a limit, and network
 * problems come back as `error` strings: this never throws.
 */

export interface HttpLimits {
  /** Requests per second across the run (0: unlimited). */
  rate: number;
  concurrency: number;
  /** Total requests the client may send. */
  budget: number;
  /** Per-request timeout, headers and body together. */
  timeoutMs: number;
  /** Bytes of a response body kept; the rest is not read. */
  maxBodyBytes: number;
}

export interface Outgoing {
  method: string;
  /** Path with query string, relative to the origin. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResult {
  /** The full URL (or what was asked for, when refused). */
  url: string;
  response?: ProbeResponse;
  error?: string;
  /** False when the request never left (refused, budget, aborted). */
  sent: boolean;
}

export const BUDGET_EXHAUSTED = 'request budget exhausted';

/** Resolves `path` against the origin; undefined when it would leave it (absolute URL, `//host`, `\\host`). */
export function inScope(origin: URL, path: string): URL | undefined {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return undefined;
  if (/[\r\n]/.test(path)) return undefined;
  let url: URL;
  try {
    url = new URL(path, origin);
  } catch {
    return undefined;
  }
  return url.origin === origin.origin ? url : undefined;
}

export class HttpClient {
  readonly origin: URL;
  readonly limits: HttpLimits;
  private readonly pool: Pool;
  private spent = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private tokens: number;
  private lastRefill = Date.now();
  private readonly closing = new AbortController();
  private readonly onBudgetExhausted?: () => void;

  constructor(target: URL, limits: HttpLimits, onBudgetExhausted?: () => void) {
    this.origin = new URL(target.origin);
    this.limits = limits;
    this.onBudgetExhausted = onBudgetExhausted;
    this.tokens = this.capacity();
    this.pool = new Pool(this.origin.origin, {
      connections: Math.max(1, limits.concurrency),
      pipelining: 1,
      // Test deployments often run on self-signed certificates; the tls check judges the certificate.
      connect: { rejectUnauthorized: false, timeout: limits.timeoutMs },
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
      keepAliveTimeout: 4000,
    });
  }

  /** Requests sent (or attempted) so far. */
  get requests(): number {
    return this.spent;
  }

  get remaining(): number {
    return Math.max(0, this.limits.budget - this.spent);
  }

  async request(out: Outgoing): Promise<HttpResult> {
    const url = inScope(this.origin, out.path);
    if (!url)
      return {
        url: String(out.path),
        error: `refused: ${JSON.stringify(String(out.path))} is outside the target origin ${this.origin.origin}`,
        sent: false,
      };
    if (this.closing.signal.aborted) return { url: url.href, error: 'probe stopped', sent: false };
    if (this.spent >= this.limits.budget) {
      return { url: url.href, error: BUDGET_EXHAUSTED, sent: false };
    }
    this.spent++;
    if (this.spent >= this.limits.budget) this.onBudgetExhausted?.();
    await this.acquire();
    try {
      await this.token();
      if (this.closing.signal.aborted) return { url: url.href, error: 'probe stopped', sent: false };
      return await this.exchange(url, out);
    } finally {
      this.release();
    }
  }

  private async exchange(url: URL, out: Outgoing): Promise<HttpResult> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const signal = AbortSignal.any([timeout, this.closing.signal]);
    const why = () =>
      timeout.aborted ? `timeout after ${this.limits.timeoutMs} ms` : this.closing.signal.aborted ? 'probe stopped' : undefined;
    try {
      const res = await this.pool.request({
        method: out.method,
        path: url.pathname + url.search,
        headers: out.headers,
        body: out.body,
        signal,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v === undefined) continue;
        const name = k.toLowerCase();
        headers[name] = Array.isArray(v) ? v.join(name === 'set-cookie' ? '\n' : ', ') : String(v);
      }
      const max = this.limits.maxBodyBytes;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      try {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          if (size + chunk.length > max) {
            chunks.push(chunk.subarray(0, max - size));
            size = max;
            truncated = true;
            break;
          }
          chunks.push(chunk);
          size += chunk.length;
        }
      } catch (e) {
        // The body failed half way (timeout, reset): keep the status and what arrived.
        const reason = why() ?? describe(e);
        res.body.destroy();
        return {
          url: url.href,
          sent: true,
          error: reason,
          response: {
            status: res.statusCode,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
            truncated: true,
            timeMs: elapsed(started),
          },
        };
      }
      if (truncated) res.body.destroy();
      return {
        url: url.href,
        sent: true,
        response: {
          status: res.statusCode,
          headers,
          body: Buffer.concat(chunks, size).toString('utf8'),
          truncated,
          timeMs: elapsed(started),
        },
      };
    } catch (e) {
      return { url: url.href, sent: true, error: why() ?? describe(e) };
    }
  }

  /** Stops everything: queued and in-flight requests end with `probe stopped`. */
  async close(): Promise<void> {
    this.closing.abort();
    for (const w of this.waiting.splice(0)) w();
    await this.pool.destroy().catch(() => undefined);
  }

  private acquire(): Promise<void> {
    if (this.active < Math.max(1, this.limits.concurrency)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.active++;
        resolve();
      }),
    );
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  private capacity(): number {
    return Math.max(1, Math.min(this.limits.rate, this.limits.concurrency));
  }

  /** Token bucket: `rate` tokens a second, at most `capacity` saved up. */
  private async token(): Promise<void> {
    const rate = this.limits.rate;
    if (!rate || rate <= 0) return;
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.capacity(), this.tokens + ((now - this.lastRefill) * rate) / 1000);
      this.lastRefill = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      if (this.closing.signal.aborted) return;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / rate))));
    }
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** A network error in a few words: `connection reset`, `connection refused`... */
export function describe(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code;
  switch (code) {
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout';
    case 'EPIPE':
      return 'connection closed';
    case 'UND_ERR_INFO':
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
      return `invalid HTTP response (${err.message ?? code})`;
    default:
      return err?.message ? `${code ? `${code}: ` : ''}${err.message}` : String(e);
  }
}
