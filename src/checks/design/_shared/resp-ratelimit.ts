/**
 * Rate-limit documentation helpers for group D: does an operation tell clients that it is rate limited
 * (a 429 response, or rate-limit headers on any response)?
 */
import type { Operation, Response } from '../../../formats/openapi/model.ts';

/** Lowercase, without `-` and `_`: `X-RateLimit-Limit` → `xratelimitlimit`. */
function squash(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c !== '-' && c !== '_') out += c;
  }
  return out.toLowerCase();
}

/**
 * Rate-limit headers: the IETF `RateLimit` / `RateLimit-Policy` fields and their older `RateLimit-Limit`,
 * `-Remaining`, `-Reset` forms, the common `X-RateLimit-*` / `X-Rate-Limit-*` headers, and `Retry-After`.
 */
export function isRateLimitHeader(name: string): boolean {
  const s = squash(name);
  return s.startsWith('ratelimit') || s.startsWith('xratelimit') || s === 'retryafter';
}

/**
 * Headers that tell a throttled client when to come back: `Retry-After`, a `*RateLimit-Reset` header, or
 * the IETF `RateLimit` field (its `t` parameter carries the reset time).
 */
export function isRetryHeader(name: string): boolean {
  const s = squash(name);
  return s === 'retryafter' || s === 'ratelimit' || s.endsWith('ratelimitreset');
}

export function rateLimitHeaders(r: Response): string[] {
  const out: string[] = [];
  for (const h of r.headers.keys()) if (isRateLimitHeader(h)) out.push(h);
  return out;
}

/** The operation documents a 429 response or a rate-limit header on any of its responses. */
export function documentsRateLimit(op: Operation): boolean {
  for (const r of op.responses) {
    if (r.status === '429') return true;
    for (const h of r.headers.keys()) if (isRateLimitHeader(h)) return true;
  }
  return false;
}
