import { endpointPath } from '../../../engines/graphql/session.ts';
import type { GqlContext } from '../../../engines/graphql/types.ts';
import type { ProbeReport } from '../../../engines/probe/types.ts';

/** Who sends a check's requests by default: the first non-admin identity, else the first, else nobody. */
export function caller(ctx: GqlContext): string | null {
  return (ctx.identities.find((i) => !i.admin) ?? ctx.identities[0])?.name ?? null;
}

/** A finding on the endpoint (`POST /graphql` unless the proof was sent otherwise). */
export function reportOn(ctx: GqlContext, r: Omit<ProbeReport, 'path' | 'method'> & { method?: string }): void {
  ctx.report({ ...r, method: r.method ?? 'POST', path: endpointPath(ctx.gql) });
}

/** `query { a0: __typename a1: __typename … }` style repetition. */
export function repeat(n: number, f: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => f(i)).join(' ');
}
