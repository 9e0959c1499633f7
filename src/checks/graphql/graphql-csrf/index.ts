import { executed, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import type { Exchange } from '../../../engines/probe/types.ts';
import { reportOn } from '../_shared/probe.ts';

const MUTATION = 'mutation { __typename }';
const QUERY = 'query { __typename }';

export default defineGraphqlProbeCheck({
  id: 'graphql-csrf',
  title: 'GraphQL operations accepted over GET or form posts (CSRF)',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-352'],
  messages: {
    'mutation-get':
      'A mutation sent as GET {{path}}?query=… was executed: a link, an <img> or a redirect on any site makes a logged-in browser run mutations with its cookies (CSRF). Run mutations only from POST.',
    'mutation-form':
      'A mutation sent as an application/x-www-form-urlencoded POST was executed: an HTML form on any site makes a logged-in browser run it with its cookies, without a CORS preflight (CSRF). Accept only application/json.',
    'query-get':
      'Queries are executed over GET: harmless for token-authenticated APIs, but with cookie sessions a foreign page can trigger them (and leak answers through JSONP-style tricks or timing). Prefer POST with application/json.',
    'query-form':
      'Queries are executed from form posts (application/x-www-form-urlencoded): with cookie sessions a foreign page can trigger them without a CORS preflight. Accept only application/json.',
  },
  docs: {
    description:
      'Sends `mutation { __typename }` (valid on any schema with mutations, changes nothing) as GET with a `query` parameter and as a form post, then `query { __typename }` the same two ways, and reports what the server executes. Mutations are high, queries low.',
    attack:
      'Browsers send GET requests and form posts cross-site with cookies and without a CORS preflight. A GraphQL endpoint that runs mutations from them lets any web page change the victim\'s data (`<img src="/graphql?query=mutation{deleteAccount}">`, an auto-submitted form): cross-site request forgery.',
    fix: 'Execute mutations only from POST requests, accept only `application/json` bodies (or require a custom header such as `apollo-require-preflight` / Apollo Server `csrfPrevention: true`), and use SameSite cookies.',
  },
  async run(ctx) {
    const get = (query: string) =>
      ctx.send({ method: 'GET', path: ctx.gql.withQuery({ query }), headers: { accept: 'application/json' } }, null);
    const form = (query: string) => ctx.send({ method: 'POST', path: ctx.gql.path, form: { query } }, null);
    // Ran: a 200 whose data holds the root type's name (a validation or method error has none).
    const ran = (ex: Exchange) => {
      const res = parse(ex);
      return ex.response?.status === 200 && executed(res) && (res?.data as { __typename?: unknown } | undefined)?.__typename !== undefined;
    };
    const mGet = await get(MUTATION);
    if (ran(mGet))
      reportOn(ctx, {
        method: 'GET',
        messageId: 'mutation-get',
        data: { path: ctx.gql.path },
        exchanges: [mGet],
        fingerprintKey: 'mutation',
      });
    else {
      const qGet = await get(QUERY);
      if (ran(qGet)) reportOn(ctx, { method: 'GET', messageId: 'query-get', severity: 'low', exchanges: [qGet], fingerprintKey: 'query' });
    }
    const mForm = await form(MUTATION);
    if (ran(mForm)) reportOn(ctx, { messageId: 'mutation-form', exchanges: [mForm], fingerprintKey: 'mutation-form' });
    else {
      const qForm = await form(QUERY);
      if (ran(qForm)) reportOn(ctx, { messageId: 'query-form', severity: 'low', exchanges: [qForm], fingerprintKey: 'query-form' });
    }
  },
});
