import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';

/** Keys of `extensions` that carry debugging data rather than protocol data. */
const DEBUG_KEYS = /^(?:tracing|debug|exception|stacktrace|queryplan|sql|queries|timings?|profile|profiler|explain)$/i;

const reported = new WeakSet<AbortSignal>();

export default defineGraphqlProbeCheck({
  id: 'graphql-debug-extensions',
  title: 'Tracing or debug data in GraphQL responses',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-215', 'CWE-200'],
  messages: {
    ext: 'Answers carry `extensions.{{key}}` ({{excerpt}}): tracing and debug data tell attackers how resolvers reach the database (SQL text, timings, internal names). Turn it off in production.',
  },
  docs: {
    description:
      'Watches every answer of the run and reports GraphQL responses whose `extensions` carry tracing or debug data: tracing, debug, exception, stacktrace, queryPlan, sql, timings, profile.',
    attack:
      'Apollo tracing, SQL logs and resolver timings in answers show the statements the server runs, the services behind each field and which inputs are slow: a guide for injection and for targeted denial of service.',
    fix: 'Disable tracing and debug extensions in production (Apollo `tracing: false` / no inline trace plugin for untrusted clients, `debug: false`), and send traces to your observability backend instead of the client.',
  },
  observe(ex: Exchange, ctx: ProbeContext) {
    if (reported.has(ctx.signal)) return;
    const body = ex.response?.body;
    if (!body?.includes('"extensions"')) return;
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch {
      return;
    }
    const ext = (Array.isArray(v) ? v[0] : v) as { extensions?: Record<string, unknown> } | undefined;
    const key = Object.keys(ext?.extensions ?? {}).find((k) => DEBUG_KEYS.test(k));
    if (!key) return;
    reported.add(ctx.signal);
    ctx.report({
      method: ex.request.method,
      path: ex.request.path.split('?')[0] as string,
      messageId: 'ext',
      data: { key, excerpt: JSON.stringify(ext?.extensions?.[key]).slice(0, 120) },
      exchanges: [ex],
    });
  },
});
