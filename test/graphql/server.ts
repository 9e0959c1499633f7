/**
 * A small GraphQL server for the probe tests that the demo shop does not cover: introspection turned off
 * for everyone or only for anonymous callers, field suggestions on or off, and a `login` mutation as the
 * identities' login flow (a GraphQL-only API). node:http + graphql-js, on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildSchema,
  type DocumentNode,
  execute,
  type GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { AliasLimitRule } from '../../examples/demo-api/src/graphql/limits.ts';

export interface TestServerOptions {
  /** `off`: never; `users`: only with a token from `login`; `on`: for anyone. */
  introspection: 'off' | 'users' | 'on';
  suggestions: boolean;
}

export const TOKENS: Record<string, string> = { alice: 'tok-alice-5f1e2d', bob: 'tok-bob-8a7c6b' };

const schema = buildSchema(`
  type Query { me: String, users: [String!]! }
  type Mutation { login(username: String!, password: String!): String }
`);
const root = {
  me: (_: unknown, ctx: { user?: string }) => ctx.user ?? null,
  users: () => ['alice', 'bob'],
  login: ({ username, password }: { username: string; password: string }) => (password === `${username}-pw` ? TOKENS[username] : null),
};

export async function startTestServer(o: TestServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', async () => {
      const reply = (status: number, v: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json'))
        return reply(405, { errors: [{ message: 'POST JSON only' }] });
      let p: { query?: string; variables?: Record<string, unknown> };
      try {
        p = JSON.parse(body);
      } catch {
        return reply(400, { errors: [{ message: 'bad JSON' }] });
      }
      if (Array.isArray(p) || typeof p?.query !== 'string') return reply(400, { errors: [{ message: 'one operation per request' }] });
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const user = Object.entries(TOKENS).find(([, t]) => t === token)?.[0];
      let doc: DocumentNode;
      try {
        doc = parse(p.query, { maxTokens: 1000 });
      } catch (e) {
        return reply(200, { errors: [{ message: (e as GraphQLError).message }] });
      }
      const closed = o.introspection === 'off' || (o.introspection === 'users' && !user);
      const errors = validate(
        schema,
        doc,
        closed ? [...specifiedRules, AliasLimitRule, NoSchemaIntrospectionCustomRule] : [...specifiedRules, AliasLimitRule],
        {
          hideSuggestions: !o.suggestions,
          maxErrors: 5,
        },
      );
      if (errors.length) return reply(200, { errors: errors.map((e) => ({ message: e.message })) });
      const r = await execute({ schema, document: doc, rootValue: root, contextValue: { user }, variableValues: p.variables });
      reply(200, { data: r.data ?? null, ...(r.errors ? { errors: r.errors.map((e) => ({ message: 'error', path: e.path })) } : {}) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
