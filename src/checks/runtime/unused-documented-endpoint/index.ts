import { defineInventoryCheck } from '../../../engines/runtime/inventory/types.ts';

const JUDGED = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export default defineInventoryCheck({
  id: 'unused-documented-endpoint',
  title: 'Documented endpoint never seen in traffic',
  severity: 'low',
  confidence: 'low',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  needsDefinitions: true,
  messages: {
    unused:
      '{{method}} {{path}} is documented but was never called in {{requests}} requests to this API: retired, or not covered by this capture.',
    deprecatedUnused:
      '{{method}} {{path}} is deprecated and was never called in {{requests}} requests to this API: it can probably be removed.',
  },
  defaultOptions: { minRequests: 20 },
  docs: {
    description:
      'Reports operations of the given OpenAPI definitions that no request in the traffic matched, once the traffic holds at least `minRequests` requests to the documented API (fewer say nothing about what is unused).',
    attack:
      'An operation nobody calls is either dead code still deployed (attack surface that no one watches or patches) or a gap in the capture that hides how the API is really used; both weaken the inventory that OWASP API9 asks you to keep.',
    fix: 'Check the operation in the server: if it is retired, remove the route and its documentation; if it is live, capture traffic that covers it (a longer window, more clients) so the inventory is complete.',
  },
  run(ctx) {
    const requests = ctx.endpoints.filter((e) => e.inScope).reduce((n, e) => n + e.count, 0);
    if (requests < Number(ctx.options.minRequests ?? 20)) return;
    for (const op of ctx.operations) {
      if (!JUDGED.has(op.method) || ctx.seen(op) > 0) continue;
      const path = op.templates[0];
      ctx.report({
        method: op.method,
        path,
        operation: op,
        messageId: op.deprecated ? 'deprecatedUnused' : 'unused',
        data: { method: op.method, path, requests },
      });
    }
  },
});
