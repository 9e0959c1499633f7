import { executed, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { deepQuery, findCycle } from '../_shared/cycles.ts';
import { caller, reportOn } from '../_shared/probe.ts';

export default defineGraphqlProbeCheck({
  id: 'graphql-depth-limit-missing',
  title: 'No query depth limit',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-674'],
  messages: {
    depth:
      'A query nested {{depth}} levels deep through the cycle {{cycle}} passed validation and ran: nothing limits depth, so a slightly deeper query with lists multiplies the work exponentially. Add a depth limit (around 10).',
  },
  defaultOptions: { depth: 15 },
  docs: {
    description:
      'Finds a cycle in the introspected schema (`User.orders → Order.customer → User`), sends one query that follows it to a bounded depth (15 by default, with single objects preferred over lists) and reports when the server runs it instead of rejecting it at validation.',
    attack:
      'Recursive relations let a client nest a query as deep as it likes; every level with a list multiplies the objects the server loads (10 orders per user, 10 users per order… 10^n). A few kilobytes of query keep the server busy for minutes: a denial of service with one request (OWASP API4).',
    fix: 'Reject deep documents during validation: graphql-depth-limit, GraphQL Armor `maxDepth`, Apollo Server or Yoga plugins; a depth of about 10 is enough for real clients. Add query cost analysis and pagination limits for lists.',
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    if (!got) return;
    const found = findCycle(got.schema);
    if (!found) return;
    const depth = Math.max(4, Math.min(Number(ctx.options.depth) || 15, 40));
    const ex = await ctx.gql.post(ctx, deepQuery(found.root, found.cycle, depth), caller(ctx));
    if (!executed(parse(ex))) return;
    const cycle = [found.root.name, ...found.cycle.map((f) => f.name)].join(' → ');
    reportOn(ctx, { messageId: 'depth', data: { depth, cycle }, exchanges: [ex] });
  },
});
