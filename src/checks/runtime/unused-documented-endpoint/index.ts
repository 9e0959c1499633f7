import { defineInventoryCheck } from '../../../engines/runtime/inventory/types.ts';

const JUDGED = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export default defineInventoryCheck({
  id: 'unused-documented-endpoint',
  title: 'Documented endpoint unused or not deployed',
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
    notDeployed:
      '{{method}} {{path}} is documented, but every request to it ({{calls}}) got 404, 405, 410 or 501: the server does not implement it, and clients built against the definition fail.',
  },
  defaultOptions: { minRequests: 20 },
  docs: {
    description:
      'Reports operations of the given OpenAPI definitions that no request in the traffic matched, once the traffic holds at least `minRequests` requests to the documented API (fewer say nothing about what is unused), and documented operations without path parameters whose every request got 404, 405, 410 or 501 (documented, not deployed).',
    attack:
      'An operation nobody calls is either dead code still deployed (attack surface that no one watches or patches) or a gap in the capture that hides how the API is really used; both weaken the inventory that OWASP API9 asks you to keep.',
    fix: 'Check the operation in the server: if it is retired, remove the route and its documentation; if it is live, capture traffic that covers it (a longer window, more clients) so the inventory is complete.',
  },
  run(ctx) {
    const requests = ctx.endpoints.filter((e) => e.inScope).reduce((n, e) => n + e.count, 0);
    const enough = requests >= Number(ctx.options.minRequests ?? 20);
    for (const op of ctx.operations) {
      if (!JUDGED.has(op.method)) continue;
      const path = op.templates[0];
      const seen = ctx.seen(op);
      if (seen > 0) {
        const eps = ctx.endpointsOf(op);
        // A 404 on /books/{isbn} says the book is missing, not the route: only fixed paths are judged.
        if (eps.some((e) => e.answered > 0) || path.includes('{')) continue;
        ctx.report({
          method: op.method,
          path: eps[0]?.path ?? path,
          endpoint: eps[0],
          operation: op,
          messageId: 'notDeployed',
          severity: 'medium',
          fingerprintKey: 'notDeployed',
          data: { method: op.method, path: eps[0]?.path ?? path, calls: `${seen} request${seen === 1 ? '' : 's'}` },
        });
        continue;
      }
      if (!enough) continue;
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
