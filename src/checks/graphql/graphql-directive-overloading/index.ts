import { executed, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { repeat, reportOn } from '../_shared/probe.ts';

export default defineGraphqlProbeCheck({
  id: 'graphql-directive-overloading',
  title: 'No limit on directives per query',
  severity: 'low',
  confidence: 'medium',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    errors:
      'A field carrying {{n}} directives was processed directive by directive ({{errors}} errors in the answer): nothing bounds the directives or errors per document, so huge documents cost the server parse and validation time. Limit directives and tokens per document.',
    ran: 'A field carrying {{n}} unknown directives ran: the server neither validates nor limits directives. Validate documents and limit directives and tokens per document.',
  },
  defaultOptions: { directives: 50 },
  docs: {
    description:
      'Sends `query { __typename @rampart @rampart … }` with 50 unknown directives and reports when the server answers one error per directive (no limit on directives or errors) or runs the query anyway.',
    attack:
      'Directive overloading sends thousands of directives on one field; servers validate each one and build an error for each, so a single request of a few hundred kilobytes burns CPU and memory (OWASP API4: unrestricted resource consumption).',
    fix: 'Limit directives and tokens per document before validation (GraphQL Armor `maxDirectives` and `maxTokens`, graphql-js `parse(…, { maxTokens })`) and cap the number of errors returned (graphql-js `maxErrors`).',
  },
  async run(ctx) {
    const n = Math.max(10, Math.min(Number(ctx.options.directives) || 50, 200));
    const ex = await ctx.gql.post(ctx, `query { __typename ${repeat(n, () => '@rampart')} }`, null);
    const res = parse(ex);
    const errors = res?.errors?.length ?? 0;
    if (executed(res)) reportOn(ctx, { messageId: 'ran', data: { n }, exchanges: [ex] });
    else if (errors >= n) reportOn(ctx, { messageId: 'errors', data: { n, errors }, exchanges: [ex] });
  },
});
