import { type Ctx, HttpError } from './http.ts';

/** Response headers, CORS and rate limits: applied to every response before the route runs. */

export const SERVER_VERSION = '2.4.1';

/** Origins of the shop's own web front ends (hardened CORS allow-list). */
export const DEFAULT_CORS_ORIGINS = ['https://shop.example.com', 'http://localhost:5173'];

export function applyHeaders(ctx: Ctx): void {
  const { res, app } = ctx;
  const origin = ctx.req.headers.origin;
  if (!app.hardened) {
    // FLAW(version-disclosure): product and runtime versions in every response tell attackers which CVEs to try.
    res.setHeader('server', `RampartShop/${SERVER_VERSION}`);
    res.setHeader('x-powered-by', `Node.js/${process.versions.node}`);
    // FLAW(cors-misconfiguration): any Origin (even `null`) is echoed back with credentials allowed, so any
    // web page can call the API with the visitor's cookies/credentials and read the answers.
    if (origin) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
    }
    // FLAW(security-headers-missing, cache-control-missing): no nosniff, no CORP, no Vary: Origin and no
    // Cache-Control: browsers and shared caches may keep personal data.
    return;
  }
  // FIX: no version headers; browsers are told not to sniff or embed, and caches not to store anything.
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('referrer-policy', 'no-referrer');
  // FIX: CORS for the shop's own front ends only; `Vary: Origin` because the answer depends on it.
  res.setHeader('vary', 'Origin');
  if (origin && app.corsOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
  }
}

/** Answers a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflight(ctx: Ctx): boolean {
  if (ctx.method !== 'OPTIONS') return false;
  const allowed = !ctx.app.hardened || ctx.res.hasHeader('access-control-allow-origin');
  const headers: Record<string, string> = {};
  if (allowed) {
    headers['access-control-allow-methods'] = 'GET, POST, PUT, DELETE';
    headers['access-control-allow-headers'] = 'authorization, content-type';
    headers['access-control-max-age'] = '600';
  }
  ctx.res.writeHead(204, headers);
  ctx.res.end();
  return true;
}

/** Sliding-window rate limits kept in memory (one process; a real deployment would use Redis). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  private recent(key: string, windowMs: number): number[] {
    const since = Date.now() - windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    this.hits.set(key, list);
    return list;
  }

  /** Hits of `key` in the window. */
  count(key: string, windowMs: number): number {
    return this.recent(key, windowMs).length;
  }

  add(key: string): void {
    if (this.hits.size > 10_000) this.hits.delete(this.hits.keys().next().value as string);
    const list = this.hits.get(key) ?? [];
    list.push(Date.now());
    this.hits.set(key, list);
  }

  /** Seconds until the oldest hit leaves the window (at least 1). */
  retryAfter(key: string, windowMs: number): number {
    const oldest = this.recent(key, windowMs)[0] ?? Date.now();
    return Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000));
  }

  /** Counts a hit; returns the seconds to wait when the limit was already reached (the hit is then not counted). */
  take(key: string, limit: number, windowMs: number): number | undefined {
    if (this.count(key, windowMs) >= limit) return this.retryAfter(key, windowMs);
    this.add(key);
    return undefined;
  }
}

/** Per-minute limits of the hardened server. Generous enough for a probe (a few requests per endpoint and user). */
export const LIMITS = {
  /** Failed logins per username. */
  failedLogins: 5,
  /** Failed logins per client address (any usernames). */
  failedLoginsPerClient: 100,
  /** Order exports per user. */
  exports: 10,
  /** Sales reports per user. */
  reports: 10,
  /** Search result pages per client address. */
  searchPages: 20,
};
export const MINUTE = 60_000;

/** Counts a request against `key` and answers 429 with Retry-After once `limit` per minute is reached. */
export function enforceLimit(ctx: Ctx, key: string, limit: number): void {
  const wait = ctx.app.limiter.take(key, limit, MINUTE);
  if (wait !== undefined) throw tooMany(wait);
}

export function tooMany(wait: number): HttpError {
  return new HttpError(429, 'rate_limited', `Too many requests: retry in ${wait} s`, { 'retry-after': String(wait) });
}
