import { defineInventoryCheck } from '../../../engines/runtime/inventory/types.ts';
import { newerDocumented } from '../../../engines/runtime/inventory/versions.ts';
import { SENSITIVE_LABELS } from '../../../engines/runtime/sensitive.ts';

export default defineInventoryCheck({
  id: 'shadow-endpoint',
  title: 'Shadow endpoint: in traffic but not in the API definition',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059', 'CWE-912'],
  needsDefinitions: true,
  messages: {
    path: '{{method}} {{path}} answered {{answered}} of {{requests}}{{auth}}{{data}}, but no definition documents this path ({{files}}).',
    method:
      '{{method}} {{path}} answered {{answered}} of {{requests}}{{auth}}{{data}}; the path is documented, but not for {{method}} (only {{documented}}).',
  },
  defaultOptions: { minAnswered: 1 },
  docs: {
    description:
      'Reports endpoints that real traffic reached and that answered (any status but 404, 405, 410 or 501), on the hosts of the given OpenAPI definitions, while no definition documents the path, or documents the path for other methods only.',
    attack:
      'Undocumented endpoints escape review, testing and monitoring: debug and admin routes, forgotten internal APIs and methods left enabled by a framework are where attackers find missing authorization, verbose errors and data exposure (OWASP API9, improper inventory management).',
    fix: 'Decide for each one: document it (with its security requirements) so it is reviewed and tested like the rest, or remove the route from the server. Make the gateway reject paths and methods that are not in the definition.',
  },
  run(ctx) {
    const files = [...new Set(ctx.operations.map((o) => o.file))].join(', ');
    const min = Number(ctx.options.minAnswered ?? 1);
    for (const ep of ctx.endpoints) {
      if (!ep.inScope || ep.documented || ep.method === 'OPTIONS' || ep.answered < min) continue;
      // An older API version is the zombie check's finding.
      if (newerDocumented(ep, ctx.operations)) continue;
      const others = ctx.operations.filter((o) => o.templates.includes(ep.path)).map((o) => o.method);
      const sensitive = [...new Set([...ep.sensitive.request, ...ep.sensitive.response])];
      ctx.report({
        method: ep.method,
        path: ep.path,
        endpoint: ep,
        messageId: others.length ? 'method' : 'path',
        severity: ep.sensitive.response.length ? 'high' : undefined,
        data: {
          method: ep.method,
          path: ep.path,
          answered: ep.answered,
          requests: `${ep.count} request${ep.count === 1 ? '' : 's'}`,
          auth: ep.credentials.requests ? ` (with ${ep.credentials.kinds.join(', ')})` : ' (without credentials)',
          data: sensitive.length ? `, carrying ${sensitive.map((k) => SENSITIVE_LABELS[k]).join(', ')}` : '',
          files,
          documented: [...new Set(others)].join(', '),
        },
      });
    }
  },
});
