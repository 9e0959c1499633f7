import type { Exchange } from '../../../engines/probe/types.ts';
import { blockedStatus, shapeOf } from './compare.ts';

/**
 * Boolean proofs: a true condition and its false twin must get different answers, and a second pair
 * written differently must get the same two answers again. A blocked answer (403, 406, 429, 5xx) or a
 * missing one ends the proof: a WAF or a rate limit is not the condition.
 */

export interface Shot {
  /** Sends the request (undefined when it cannot be built). */
  send(): Promise<Exchange | undefined>;
  /** Payload text to blank out of a non-JSON answer (an echo is not a different answer). */
  strip: string[];
}

export interface PairProof {
  /** The answers to each pair: [true, false]. */
  pairs: [Exchange, Exchange][];
  /** Shapes of the true and the false answer. */
  shapes: [string, string];
}

export async function provePairs(pairs: [Shot, Shot][]): Promise<PairProof | undefined> {
  const out: [Exchange, Exchange][] = [];
  let shapes: [string, string] | undefined;
  for (const [t, f] of pairs) {
    const truthy = await t.send();
    if (!truthy || blockedStatus(truthy)) return undefined;
    const falsy = await f.send();
    if (!falsy || blockedStatus(falsy)) return undefined;
    const ts = shapeOf(truthy.response, t.strip);
    const fs = shapeOf(falsy.response, f.strip);
    if (ts === fs) return undefined;
    if (shapes && (ts !== shapes[0] || fs !== shapes[1])) return undefined;
    shapes = [ts, fs];
    out.push([truthy, falsy]);
  }
  return shapes ? { pairs: out, shapes } : undefined;
}

/** `HTTP 200, 1834 bytes` for messages. */
export function brief(ex: Exchange): string {
  const r = ex.response;
  return r ? `HTTP ${r.status}, ${r.body.length} bytes` : (ex.error ?? 'no response');
}
