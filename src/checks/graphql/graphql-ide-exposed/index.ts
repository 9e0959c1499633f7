import { endpointPath } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { reportOn } from '../_shared/probe.ts';

/** What the page of a GraphQL IDE contains (a bounded literal alternation: linear). */
const IDE = /\b(graphiql|graphql-playground|graphql playground|apollo-sandbox|embeddable-sandbox|altair graphql)\b/i;

export default defineGraphqlProbeCheck({
  id: 'graphql-ide-exposed',
  title: 'GraphQL IDE (GraphiQL, Playground, Sandbox) served publicly',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023', 'API9:2023'],
  cwe: ['CWE-489'],
  messages: {
    ide: 'A browser asking {{path}} for HTML gets the {{ide}} IDE: anyone can explore and run queries from it. Serve the IDE only in development.',
  },
  docs: {
    description:
      'Requests the endpoint with `Accept: text/html`, as a browser does, and reports when the answer is the page of a GraphQL IDE: GraphiQL, GraphQL Playground, Apollo Sandbox or Altair.',
    attack:
      "A public IDE is a ready-made attack console: it introspects the schema, autocompletes every field and sends queries with the visitor's cookies. It also tells attackers which server and version run behind the endpoint.",
    fix: 'Disable the IDE in production (Apollo Server: no landing page plugin, GraphQL Yoga `graphiql: false`, express-graphql/graphql-http `graphiql: false`), or serve it only on an internal host.',
  },
  async run(ctx) {
    const ex = await ctx.send({ method: 'GET', path: endpointPath(ctx.gql), headers: { accept: 'text/html' } }, null);
    const res = ex.response;
    if (res?.status !== 200 || !/html/i.test(res.headers['content-type'] ?? '')) return;
    const m = IDE.exec(res.body.slice(0, 200_000));
    if (!m) return;
    const name = (m[1] as string).toLowerCase();
    const ide = name.includes('playground')
      ? 'GraphQL Playground'
      : name.includes('sandbox')
        ? 'Apollo Sandbox'
        : name.includes('altair')
          ? 'Altair'
          : 'GraphiQL';
    reportOn(ctx, { method: 'GET', messageId: 'ide', data: { ide, path: endpointPath(ctx.gql) }, exchanges: [ex] });
  },
});
