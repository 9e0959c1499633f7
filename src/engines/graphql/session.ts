/**
 * What every live GraphQL check shares in one run: the endpoint, a GraphQL-aware way to send documents
 * (JSON POST, GET, form POST, batches) through the probe engine's client (scope, budget, credentials,
 * evidence), and the schema learnt once by introspection.
 */
import { buildClientSchema, type GraphQLSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import type { Exchange, ProbeContext, ProbeRequest } from '../probe/types.ts';

export interface GqlResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Introspected {
  schema: GraphQLSchema;
  /** Who got it: null for anonymous. */
  as: string | null;
  exchange: Exchange;
}

export class GqlSession {
  /** Path (with query string, if any) of the endpoint, e.g. `/graphql`. */
  readonly path: string;
  private introspection?: Promise<Introspected | undefined>;

  constructor(path: string) {
    this.path = path;
  }

  /** A document as JSON POST, the way every GraphQL client sends it. */
  request(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): ProbeRequest {
    const json: Record<string, unknown> = { query };
    if (variables) json.variables = variables;
    return { method: 'POST', path: this.path, json, headers };
  }

  post(ctx: ProbeContext, query: string, as: string | null, variables?: Record<string, unknown>): Promise<Exchange> {
    return ctx.send(this.request(query, variables), as);
  }

  /** The endpoint's path with extra query parameters. */
  withQuery(params: Record<string, string>): string {
    const [p, q = ''] = this.path.split('?', 2) as [string, string?];
    const sp = new URLSearchParams(q);
    for (const [k, v] of Object.entries(params)) sp.set(k, v);
    return `${p}?${sp.toString()}`;
  }

  /**
   * The schema by introspection: anonymously first, then as each identity (some APIs answer only to
   * logged-in users). Sent once per run, whichever check asks first.
   */
  schema(ctx: ProbeContext): Promise<Introspected | undefined> {
    this.introspection ??= (async () => {
      // One line: the evidence and the curl command stay readable.
      const query = getIntrospectionQuery({ descriptions: false, inputValueDeprecation: true }).replace(/\s+/g, ' ').trim();
      for (const as of [null, ...ctx.identities.map((i) => i.name)]) {
        if (ctx.signal.aborted) return undefined;
        const ex = await this.post(ctx, query, as);
        const body = parse(ex);
        const data = body?.data as IntrospectionQuery | undefined;
        if (data?.__schema) {
          try {
            return { schema: buildClientSchema(data), as, exchange: ex };
          } catch {
            return undefined;
          }
        }
      }
      return undefined;
    })();
    return this.introspection;
  }
}

/** The GraphQL response in an exchange (the first one of a batch), or undefined. */
export function parse(ex: Exchange | undefined): GqlResponse | undefined {
  const body = ex?.response?.body;
  if (!body || ex?.response?.truncated) return undefined;
  try {
    const v = JSON.parse(body) as unknown;
    const first = Array.isArray(v) ? v[0] : v;
    return first && typeof first === 'object' ? (first as GqlResponse) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the server ran the document: it answered data and no error that stopped it before execution. */
export function executed(res: GqlResponse | undefined): boolean {
  if (!res?.data || typeof res.data !== 'object') return false;
  // Validation errors have no path; errors of resolvers do (the document did run).
  return !(res.errors ?? []).some((e) => !Array.isArray(e.path));
}

/** The messages of a response's errors, joined (for evidence and matching). */
export function errorText(res: GqlResponse | undefined): string {
  return (res?.errors ?? []).map((e) => String(e.message ?? '')).join(' | ');
}

/** The endpoint's path without query string: where findings are located. */
export function endpointPath(s: GqlSession): string {
  return s.path.split('?')[0] as string;
}
