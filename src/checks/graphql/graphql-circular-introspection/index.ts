import { executed, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { reportOn } from '../_shared/probe.ts';

/** `__schema { types { fields { type { fields { type { … } } } } } }`: each `fields { type }` pair is one round. */
function circularIntrospection(rounds: number): string {
  return `query { __schema { types { ${'fields { type { '.repeat(rounds)}name${' } }'.repeat(rounds)} } } }`;
}

export default defineGraphqlProbeCheck({
  id: 'graphql-circular-introspection',
  title: 'Deep circular introspection query answered',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-674'],
  messages: {
    ran: 'An introspection query going {{rounds}} times around `__Type.fields → __Field.type` ({{depth}} levels) was answered ({{bytes}} bytes): introspection types are recursive, so without a depth limit anyone can make the server build huge answers. Disable introspection or limit depth.',
  },
  defaultOptions: { rounds: 4 },
  docs: {
    description:
      'Sends one introspection query that goes around the `__Type.fields → __Field.type → __Type` cycle a bounded number of times (4 by default, about 11 levels) and reports when the server answers it.',
    attack:
      'Introspection types form cycles, and every round multiplies the answer by the number of fields in the schema: a few more rounds turn a small query into hundreds of megabytes of JSON. It works on any schema, without knowing a single field (OWASP API4).',
    fix: 'Disable introspection in production and enforce a depth limit that applies to introspection fields as well (GraphQL Armor `maxDepth` with `ignoreIntrospection: false`).',
  },
  async run(ctx) {
    const rounds = Math.max(2, Math.min(Number(ctx.options.rounds) || 4, 6));
    const ex = await ctx.gql.post(ctx, circularIntrospection(rounds), null);
    if (!executed(parse(ex))) return;
    reportOn(ctx, { messageId: 'ran', data: { rounds, depth: 3 + rounds * 2, bytes: ex.response?.body.length ?? 0 }, exchanges: [ex] });
  },
});
