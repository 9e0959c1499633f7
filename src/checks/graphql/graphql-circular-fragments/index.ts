import { parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { reportOn } from '../_shared/probe.ts';

export default defineGraphqlProbeCheck({
  id: 'graphql-circular-fragments',
  title: 'Circular fragments not rejected',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023', 'API8:2023'],
  cwe: ['CWE-674', 'CWE-400'],
  messages: {
    ran: 'A document whose fragments spread each other (A → B → A) was executed instead of rejected: the server skips the NoFragmentCycles validation rule, and a server with a naive executor recurses until it crashes. Validate with every specified rule.',
    hang: 'A document whose fragments spread each other (A → B → A) got no answer ({{error}}): the server recursed on it. Validate documents with every specified rule before executing them.',
  },
  docs: {
    description:
      'Sends one query whose two fragments spread each other (`fragment A on Query { …B } fragment B on Query { …A }`). The GraphQL specification requires rejecting it; reports when the server runs it (medium) or answers with a server error or not at all (high).',
    attack:
      'Servers and gateways that skip or customise validation run circular fragments: a naive executor expands A, B, A, B… until the stack overflows or memory runs out, taking the process down with one small request (OWASP API4).',
    fix: 'Validate every document with all of graphql-js `specifiedRules` (NoFragmentCyclesRule included) before executing it; when you pass a custom rule list, start from specifiedRules and add to it.',
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    const root = got?.schema.getQueryType()?.name ?? 'Query';
    const doc = `query { ...A } fragment A on ${root} { __typename ...B } fragment B on ${root} { __typename ...A }`;
    const ex = await ctx.gql.post(ctx, doc, null);
    const res = parse(ex);
    if (!ex.response || ex.response.status >= 500) {
      if (ex.error?.startsWith('request budget') || ex.error === 'probe stopped') return;
      reportOn(ctx, { messageId: 'hang', severity: 'high', data: { error: ex.error ?? `HTTP ${ex.response?.status}` }, exchanges: [ex] });
      return;
    }
    // Rejected: any error without a path is the validation error we expect.
    if (!res?.data || (res.errors ?? []).some((e) => !Array.isArray(e.path))) return;
    reportOn(ctx, { messageId: 'ran', exchanges: [ex] });
  },
});
