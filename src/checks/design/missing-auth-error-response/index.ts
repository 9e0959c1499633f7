import { defineDesignCheck } from '../../../engines/design/types.ts';
import { opLabel } from '../_shared/operations.ts';
import { isServedByApi, responsesNode } from '../_shared/resp-status.ts';

export default defineDesignCheck({
  id: 'missing-auth-error-response',
  title: 'Secured operation documents no 401 response',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023', 'API2:2023'],
  cwe: ['CWE-287'],
  messages: {
    optional:
      '{{op}} accepts credentials ({{schemes}}, or none) but documents no 401, 4XX or default response: the contract does not say how invalid credentials are rejected.',
    missing:
      '{{op}} requires credentials ({{schemes}}) but documents no 401, 4XX or default response: the contract does not say how missing or invalid credentials are rejected.',
  },
  docs: {
    description:
      "Flags operations whose effective security requires credentials (a requirement naming at least one scheme, declared on the operation or at the root) and that document no 401 response, no 4XX range and no default response. Any documented response counts, with or without a body: Swagger 2.0 responses carry `schema`, not `content`, and a 401 with only a description is documented (Spectral's OWASP ruleset reports every 2.0 operation here; Rampart does not). Operations that also accept anonymous access still get a 401 for bad credentials, so they are checked too.",
    attack:
      'An authentication failure path that is not specified is not tested: implementations then answer bad tokens with 200 and an empty body, 500 with a stack trace, or a redirect to a login page, and clients treat those as success. Consistent 401s are also what monitoring counts to detect credential stuffing.',
    fix: 'Document a 401 response (with a WWW-Authenticate header) on every secured operation, usually once in `components/responses` (or `responses` in 2.0) and referenced everywhere; add 403 where authorization can fail.',
  },
  create(ctx) {
    return {
      operation(op) {
        if (!isServedByApi(op) || !op.security) return;
        const named = op.security.filter((r) => r.schemes.length > 0);
        if (named.length === 0) return;
        for (const r of op.responses) {
          const s = r.status.toUpperCase();
          if (s === '401' || s === '4XX' || s === 'DEFAULT') return;
        }
        const schemes = [...new Set(named.flatMap((r) => r.schemes.map((x) => x.name)))];
        ctx.report({
          node: responsesNode(op),
          messageId: named.length < op.security.length ? 'optional' : 'missing',
          data: { op: opLabel(op), schemes: schemes.length > 3 ? `${schemes.slice(0, 3).join(', ')}...` : schemes.join(', ') },
        });
      },
    };
  },
});
