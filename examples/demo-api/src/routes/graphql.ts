import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  MaxIntrospectionDepthRule,
  NoFragmentCyclesRule,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { AliasLimitRule, DepthLimitRule, DirectiveLimitRule } from '../graphql/limits.ts';
import { ClientError, type GqlCtx, shopSchema, userOf } from '../graphql/resolvers.ts';
import { type Ctx, HttpError, json, type Route, send } from '../http.ts';

/**
 * POST /graphql (and, in the vulnerable build, GET and form posts): the shop's GraphQL API on node:http
 * with graphql-js parse/validate/execute. The hardened build is a strict JSON-over-POST endpoint.
 */

interface Params {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const GRAPHIQL = `<!doctype html>
<html><head><title>GraphiQL - Rampart Shop</title>
<link rel="stylesheet" href="https://unpkg.com/graphiql/graphiql.min.css" /></head>
<body><div id="graphiql">Loading GraphiQL…</div>
<script src="https://unpkg.com/graphiql/graphiql.min.js"></script>
<script>/* GraphiQL.createFetcher({ url: '/graphql' }) */</script></body></html>`;

function rulesFor(hardened: boolean) {
  // FLAW(graphql-circular-fragments, graphql-circular-introspection): a hand-picked rule list that dropped
  // NoFragmentCyclesRule and MaxIntrospectionDepthRule.
  // FIX: every specified rule, plus no introspection and limits on depth, aliases and directives.
  return hardened
    ? [...specifiedRules, NoSchemaIntrospectionCustomRule, DepthLimitRule, AliasLimitRule, DirectiveLimitRule]
    : specifiedRules.filter((r) => r !== NoFragmentCyclesRule && r !== MaxIntrospectionDepthRule);
}

function formatError(e: GraphQLError, hardened: boolean): Record<string, unknown> {
  const original = e.originalError;
  const out: Record<string, unknown> = { message: e.message };
  if (e.locations) out.locations = e.locations;
  if (e.path) out.path = e.path;
  if (original instanceof ClientError) out.extensions = { code: original.code };
  else if (original && hardened) out.message = 'Internal server error';
  // FLAW(graphql-stack-trace): resolver errors go out with their stack trace.
  // FIX: a generic message; the details stay in the server log.
  else if (original) out.extensions = { code: 'INTERNAL_SERVER_ERROR', stacktrace: String(original.stack ?? '').split('\n') };
  return out;
}

async function run(schema: GraphQLSchema, ctx: Ctx, p: Params, method: string): Promise<Record<string, unknown>> {
  const hardened = ctx.app.hardened;
  if (typeof p.query !== 'string' || !p.query) return { errors: [{ message: 'Expected a "query" string' }] };
  let doc: DocumentNode;
  try {
    // FIX: a token limit bounds the parser's work on huge documents.
    doc = parse(p.query, hardened ? { maxTokens: 2000 } : undefined);
  } catch (e) {
    return { errors: [formatError(e as GraphQLError, hardened)] };
  }
  // FLAW(graphql-field-suggestions): validation errors suggest field names ("Did you mean ...?").
  const errors = validate(schema, doc, rulesFor(hardened), { hideSuggestions: hardened, maxErrors: hardened ? 5 : 1000 });
  if (errors.length) return { errors: errors.map((e) => formatError(e, hardened)) };
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition' && (!p.operationName || d.name?.value === p.operationName));
  // FLAW(graphql-csrf): mutations run over GET (a link or an <img> triggers them) and from form posts.
  if (method === 'GET' && op?.kind === 'OperationDefinition' && op.operation !== OperationTypeNode.QUERY && hardened)
    return { errors: [{ message: 'Mutations need POST' }] };
  const gctx: GqlCtx = { app: ctx.app, user: userOf(ctx.app, ctx.req.headers.authorization), sql: [] };
  const started = performance.now();
  const variables = typeof p.variables === 'string' ? safeJson(p.variables) : p.variables;
  const result = (await execute({
    schema,
    document: doc,
    contextValue: gctx,
    variableValues: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : undefined,
    operationName: typeof p.operationName === 'string' ? p.operationName : undefined,
    hideSuggestions: hardened,
  })) as ExecutionResult;
  const out: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) out.errors = result.errors.map((e) => formatError(e, hardened));
  // FLAW(graphql-debug-extensions): every answer carries the SQL it ran and resolver timings.
  // FIX: no extensions in production answers.
  if (!hardened) out.extensions = { debug: { sql: gctx.sql, durationMs: Math.round(performance.now() - started) } };
  return out;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function handlerFor(hardened: boolean) {
  const schema = shopSchema(hardened);
  return async (ctx: Ctx): Promise<void> => {
    const type = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
    if (ctx.method === 'GET') {
      // FIX: POST only (no GET, so no CSRF through links, and no IDE page).
      if (hardened) throw new HttpError(405, 'method_not_allowed', 'Send GraphQL requests as POST with a JSON body', { allow: 'POST' });
      if (!ctx.query.has('query') && /text\/html/.test(String(ctx.req.headers.accept ?? ''))) {
        // FLAW(graphql-ide-exposed): the GraphiQL IDE is served to anyone.
        send(ctx, 200, GRAPHIQL, { 'content-type': 'text/html; charset=utf-8' });
        return;
      }
      json(ctx, 200, await run(schema, ctx, Object.fromEntries(ctx.query), 'GET'));
      return;
    }
    if (type.startsWith('application/x-www-form-urlencoded') && !hardened) {
      json(ctx, 200, await run(schema, ctx, Object.fromEntries(new URLSearchParams(ctx.body)), 'POST'));
      return;
    }
    // FIX: JSON only: a form post or text/plain body (what a cross-site form can send) is refused.
    if (!type.startsWith('application/json'))
      throw new HttpError(415, 'unsupported_media_type', 'Send GraphQL requests as application/json');
    let body: unknown;
    try {
      body = JSON.parse(ctx.body);
    } catch (e) {
      if (hardened) throw new HttpError(400, 'bad_request', 'The body is not valid JSON');
      throw e;
    }
    if (Array.isArray(body)) {
      // FLAW(graphql-batching-unlimited): any number of operations in one request.
      // FIX: no batching.
      if (hardened) throw new HttpError(400, 'bad_request', 'Batched requests are not supported');
      json(ctx, 200, await Promise.all(body.map((p) => run(schema, ctx, (p ?? {}) as Params, 'POST'))));
      return;
    }
    json(ctx, 200, await run(schema, ctx, (body ?? {}) as Params, 'POST'));
  };
}

export function graphqlRoutes(hardened: boolean): Route[] {
  const handler = handlerFor(hardened);
  return [
    { method: 'POST', path: '/graphql', handler },
    { method: 'GET', path: '/graphql', handler },
  ];
}
