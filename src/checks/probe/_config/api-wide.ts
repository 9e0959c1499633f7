import type { Exchange, ProbeContext, ProbeReport } from '../../../engines/probe/types.ts';
import { label } from './exchanges.ts';

/**
 * API-wide findings of passive header checks: a missing header is one fix (a middleware), so it is
 * reported ONCE per API, at the first endpoint where it was seen, with how many endpoints share it.
 * Only exchanges built for an endpoint of the definition count (not the engine's reachability request
 * or other checks' guesses), unless the run has no endpoints at all. The endpoint reported is the
 * first in the definition's order (not the first answered), so the fingerprint is the same every run.
 */
interface Issue {
  first: Exchange;
  rank: number;
  endpoints: Set<string>;
  data: Record<string, unknown>;
}

/**
 * Within one endpoint, the better proof: a successful answer, then the first identity of the config
 * (anonymous last), then the earlier one; so the evidence is the same whatever the crawl's timing.
 */
function better(ctx: ProbeContext, a: Exchange, b: Exchange): boolean {
  const ok = (x: Exchange) => (x.response && x.response.status < 300 ? 0 : 1);
  const who = (x: Exchange) => {
    const i = ctx.identities.findIndex((id) => id.name === x.identity);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  if (ok(a) !== ok(b)) return ok(a) < ok(b);
  if (who(a) !== who(b)) return who(a) < who(b);
  return a.seq < b.seq;
}

export class ApiWide {
  private readonly issues = new Map<string, Issue>();
  private readonly judged = new Set<string>();

  /** The `METHOD /template` the exchange counts for, or undefined when it does not count. */
  where(ex: Exchange, ctx: ProbeContext): string | undefined {
    if (!ex.response) return undefined;
    if (ex.endpoint) return label(ex.endpoint);
    if (ctx.endpoints.length) return undefined;
    return `${ex.request.method} ${ex.request.path.split('?')[0]}`;
  }

  /** Marks an endpoint as judged (the denominator of "n of m endpoints"). */
  saw(where: string): void {
    this.judged.add(where);
  }

  /** Records an issue seen on an exchange; the one of the earliest endpoint in the definition is the proof. */
  add(ctx: ProbeContext, key: string, where: string, ex: Exchange, data: Record<string, unknown> = {}): void {
    const rank = ex.endpoint ? ctx.endpoints.indexOf(ex.endpoint) : Number.MAX_SAFE_INTEGER;
    const prev = this.issues.get(key);
    if (!prev) this.issues.set(key, { first: ex, rank, endpoints: new Set([where]), data });
    else {
      prev.endpoints.add(where);
      if (rank < prev.rank || (rank === prev.rank && better(ctx, ex, prev.first))) {
        prev.first = ex;
        prev.rank = rank;
        prev.data = data;
      }
    }
  }

  /** Reports every recorded issue once, in the order of `keys`. */
  report(ctx: ProbeContext, keys: string[], make: (key: string) => Pick<ProbeReport, 'messageId' | 'severity'>): void {
    for (const key of keys) {
      const issue = this.issues.get(key);
      if (!issue) continue;
      const ex = issue.first;
      ctx.report({
        ...make(key),
        ...(ex.endpoint ? { endpoint: ex.endpoint } : {}),
        data: { ...issue.data, count: issue.endpoints.size, total: Math.max(this.judged.size, issue.endpoints.size) },
        exchanges: [ex],
        identities: ex.identity ? [ex.identity] : undefined,
        fingerprintKey: key,
      });
    }
  }
}
