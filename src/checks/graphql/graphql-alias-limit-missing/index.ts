import { executed, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { repeat, reportOn } from '../_shared/probe.ts';

export default defineGraphqlProbeCheck({
  id: 'graphql-alias-limit-missing',
  title: 'No limit on aliases per query',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-799'],
  messages: {
    aliases:
      'A query with {{n}} aliases ran in full: one request can call the same field {{n}} times, which defeats per-request rate limits (e.g. {{n}} login or coupon attempts per request). Limit aliases per document.',
  },
  defaultOptions: { aliases: 100 },
  docs: {
    description:
      'Sends one query with 100 aliases of `__typename` (harmless, no resolver) and reports when the server answers every one of them.',
    attack:
      'Aliases let a client run the same field many times in one request: `a1: login(…) a2: login(…) …` brute-forces passwords or OTP codes a hundred at a time past rate limits that count HTTP requests, and `a1: expensiveReport … a100: expensiveReport` multiplies server work (OWASP API4).',
    fix: 'Limit aliases (and root fields) per document during validation, e.g. GraphQL Armor `maxAliases` (15 is plenty), and rate-limit sensitive operations per call, not per HTTP request.',
  },
  async run(ctx) {
    const n = Math.max(10, Math.min(Number(ctx.options.aliases) || 100, 500));
    const ex = await ctx.gql.post(ctx, `query { ${repeat(n, (i) => `a${i}: __typename`)} }`, null);
    const res = parse(ex);
    if (!executed(res) || Object.keys(res?.data ?? {}).length < n) return;
    reportOn(ctx, { messageId: 'aliases', data: { n }, exchanges: [ex] });
  },
});
