import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { reportOn } from '../_shared/probe.ts';

export default defineGraphqlProbeCheck({
  id: 'graphql-batching-unlimited',
  title: 'Batched GraphQL operations accepted',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-307'],
  messages: {
    batch:
      'A JSON array of {{n}} operations got {{n}} answers in one response: batching multiplies what one HTTP request can do ({{n}} login attempts, {{n}} expensive queries). Disable batching or cap it at a few operations.',
  },
  defaultOptions: { operations: 10 },
  docs: {
    description: 'Posts a JSON array of 10 operations (`query { __typename }`) and reports when the server answers each of them.',
    attack:
      'Array batching runs many operations per HTTP request: brute force of passwords and one-time codes goes past rate limits and lockouts that count requests, and a few requests carry thousands of operations (OWASP API4).',
    fix: 'Disable array batching unless your clients need it (Apollo Server `allowBatchedHttpRequests: false`, Yoga `batching: false`); if they do, cap the batch size (e.g. 5) and count every operation against rate limits.',
  },
  async run(ctx) {
    const n = Math.max(2, Math.min(Number(ctx.options.operations) || 10, 50));
    const batch = Array.from({ length: n }, (_, i) => ({ query: `query Batch${i} { __typename }` }));
    const ex = await ctx.send({ method: 'POST', path: ctx.gql.path, json: batch }, null);
    let answers: unknown;
    try {
      answers = JSON.parse(ex.response?.body ?? '');
    } catch {
      return;
    }
    if (!Array.isArray(answers) || answers.length < n) return;
    if (!answers.every((a) => a && typeof a === 'object' && (a as { data?: unknown }).data)) return;
    reportOn(ctx, { messageId: 'batch', data: { n }, exchanges: [ex] });
  },
});
