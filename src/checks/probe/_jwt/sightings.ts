import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { type DecodedJwt, decodeJwt, findJwts } from './jwt.ts';
import { credentialsOf } from './targets.ts';

/** A JWT the probe holds: an identity's credential, or one an API response handed out. */
export interface Sighting {
  jwt: DecodedJwt;
  source: 'credentials' | 'response';
  /** The identity whose credential it is, or who received it. */
  identity?: string;
  /** The exchange whose response carried it (for an identity's token: the login, when the run saw it). */
  exchange?: Exchange;
}

function responseText(x: Exchange): string {
  const r = x.response;
  if (!r) return '';
  return `${Object.values(r.headers).join('\n')}\n${r.body}`;
}

/** Every distinct JWT of the run so far: identities' tokens first, then those in responses (bounded). */
export async function tokenSightings(ctx: ProbeContext, max: number): Promise<Sighting[]> {
  const out: Sighting[] = [];
  const seen = new Set<string>();
  // Concurrent requests finish in any order; the configured identity order (then send order) keeps
  // which identity a shared token is credited to stable from run to run.
  const rank = (id: string | undefined) => (id === undefined ? -1 : ctx.identities.findIndex((i) => i.name === id));
  const history = ctx
    .exchanges()
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x.identity) - rank(b.x.identity) || a.i - b.i)
    .map(({ x }) => x);
  for (const [identity, c] of await credentialsOf(ctx, true)) {
    const jwt = decodeJwt(c.token);
    if (!jwt || seen.has(jwt.token)) continue;
    seen.add(jwt.token);
    out.push({ jwt, source: 'credentials', identity, exchange: history.find((x) => x.response?.body.includes(jwt.token)) });
  }
  for (const x of history) {
    if (out.length >= max) break;
    const text = responseText(x);
    if (!text.includes('eyJ')) continue;
    for (const token of findJwts(text)) {
      if (seen.has(token) || out.length >= max) continue;
      seen.add(token);
      out.push({ jwt: decodeJwt(token)!, source: 'response', identity: x.identity, exchange: x });
    }
  }
  return out;
}

/** Where a token was seen, as `METHOD /template`. */
export function positionOf(x: Exchange): { method: string; path: string } {
  return { method: x.endpoint?.method ?? x.request.method, path: x.endpoint?.path ?? (x.request.path.split('?')[0] as string) };
}
