import { executed, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import type { Exchange } from '../../../engines/probe/types.ts';
import { reportOn } from '../_shared/probe.ts';

/** `__schema { types { fields { type { fields { type { … } } } } } }`: each `fields { type }` pair is one round. */
function circularIntrospection(rounds: number): string {
  return `query { __schema { types { ${'fields { type { '.repeat(rounds)}name${' } }'.repeat(rounds)} } } }`;
}

/** The answer starts as the introspection result itself, not as an error or a page. */
const SCHEMA_START = /^\s*\{\s*"data"\s*:\s*\{\s*"__schema"\s*:\s*\{\s*"types"\s*:\s*\[/;

/** `"fields":[{"type":{` nested `rounds` times down to a `"name"`: the server went all the way around the cycle. */
function nestedRounds(rounds: number): RegExp {
  // Each round starts with a literal, so the whitespace runs cannot trade characters (linear time).
  return new RegExp(`(?:"fields"\\s*:\\s*\\[\\s*\\{\\s*"type"\\s*:\\s*\\{\\s*){${rounds}}"name"\\s*:`);
}

/**
 * A 200 answer cut at the probe's size limit cannot be parsed, but its beginning shows whether the deep
 * query ran: a huge answer is the strongest proof there is, not a reason to stay silent.
 */
function cutWhileAnswering(ex: Exchange, rounds: number): boolean {
  const res = ex.response;
  if (!res?.truncated || ex.error || res.status !== 200) return false;
  return SCHEMA_START.test(res.body) && nestedRounds(rounds).test(res.body);
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
    cut: 'An introspection query going {{rounds}} times around `__Type.fields → __Field.type` ({{depth}} levels) was answered with more than the probe reads: the answer was truncated at {{bytes}} bytes, its nested introspection data already that deep. Introspection types are recursive, so without a depth limit anyone can make the server build huge answers. Disable introspection or limit depth.',
  },
  defaultOptions: { rounds: 4 },
  docs: {
    description:
      'Sends one introspection query that goes around the `__Type.fields → __Field.type → __Type` cycle a bounded number of times (4 by default, about 11 levels) and reports when the server answers it. An answer larger than the probe reads (its response size limit) is reported too when its beginning is the introspection data nested that deep.',
    attack:
      'Introspection types form cycles, and every round multiplies the answer by the number of fields in the schema: a few more rounds turn a small query into hundreds of megabytes of JSON. It works on any schema, without knowing a single field (OWASP API4).',
    fix: 'Disable introspection in production and enforce a depth limit that applies to introspection fields as well (GraphQL Armor `maxDepth` with `ignoreIntrospection: false`).',
  },
  async run(ctx) {
    const rounds = Math.max(2, Math.min(Number(ctx.options.rounds) || 4, 6));
    const ex = await ctx.gql.post(ctx, circularIntrospection(rounds), null);
    const messageId = executed(parse(ex)) ? 'ran' : cutWhileAnswering(ex, rounds) ? 'cut' : undefined;
    if (!messageId) return;
    const bytes = Buffer.byteLength(ex.response?.body ?? '');
    reportOn(ctx, { messageId, data: { rounds, depth: 3 + rounds * 2, bytes }, exchanges: [ex] });
  },
});
