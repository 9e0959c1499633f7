import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { findLeak } from '../../probe/_inject/errors.ts';

const reported = new WeakSet<AbortSignal>();

function leakOf(ex: Exchange): string | undefined {
  const body = ex.response?.body;
  if (!body) return undefined;
  // graphql-js servers put traces in errors[].extensions.stacktrace (or .exception.stacktrace): lines of text.
  const m = /"stacktrace"\s*:\s*\[\s*"([^"\\]{0,160})/.exec(body);
  if (m) return m[1];
  const leak = findLeak(body.replace(/\\n/g, '\n'));
  return leak && leak.kind !== 'database error' ? leak.excerpt : undefined;
}

export default defineGraphqlProbeCheck({
  id: 'graphql-stack-trace',
  title: 'Stack traces in GraphQL errors',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209'],
  messages: {
    trace:
      'An error answer carries a stack trace ({{excerpt}}): file paths, library versions and code structure help attackers aim their next request. Mask unexpected errors in production.',
  },
  docs: {
    description:
      'Watches every answer of the run (including a malformed JSON body and a syntax error this check sends) and reports stack traces: `extensions.stacktrace` / `extensions.exception.stacktrace` in GraphQL errors, or Node.js, Java, Python, .NET, PHP, Ruby or Go traces anywhere in the body.',
    attack:
      "Stack traces reveal the server's file layout, frameworks and their versions (to look up known vulnerabilities), and often the failing SQL or internal hostnames; attackers trigger errors on purpose to read them.",
    fix: 'Run the GraphQL server in production mode (Apollo `includeStacktraceInErrorResponses: false`, NODE_ENV=production), mask unexpected errors with a generic message and an error id, and log the details server-side.',
  },
  async run(ctx) {
    await ctx.send(
      { method: 'POST', path: ctx.gql.path, headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename' },
      null,
    );
    await ctx.gql.post(ctx, 'query { __typename(', null);
  },
  observe(ex: Exchange, ctx: ProbeContext) {
    if (reported.has(ctx.signal) || !ex.response || ex.response.status < 200) return;
    const excerpt = leakOf(ex);
    if (!excerpt) return;
    reported.add(ctx.signal);
    ctx.report({
      method: ex.request.method,
      path: ex.request.path.split('?')[0] as string,
      messageId: 'trace',
      data: { excerpt: JSON.stringify(excerpt.slice(0, 100)) },
      exchanges: [ex],
    });
  },
});
