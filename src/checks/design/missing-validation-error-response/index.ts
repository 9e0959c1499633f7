import { defineDesignCheck } from '../../../engines/design/types.ts';
import { opLabel } from '../_shared/operations.ts';
import { isServedByApi, responsesNode } from '../_shared/resp-status.ts';

export default defineDesignCheck({
  id: 'missing-validation-error-response',
  title: 'Operation with input documents no validation error response',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-20'],
  messages: {
    missing:
      '{{op}} takes input ({{input}}) but documents no 400, 422, 4XX or default response: the contract does not say how invalid input is rejected.',
  },
  docs: {
    description:
      'Flags operations that take input (parameters or a request body) and document no response for invalid input: no 400, no 422, no 4XX range and no default response. Webhooks and callbacks are skipped (their responses belong to the consumer), and so are pure redirect endpoints such as an OAuth `authorize` that only documents a 302: they report errors through the redirect.',
    attack:
      'When rejecting bad input is not part of the contract, it is rarely part of the implementation or of its tests: malformed, oversized or type-confused values reach business logic and parsers, where they cause crashes (500s that leak internals), injection or inconsistent states. Clients and fuzzers also cannot tell a validation failure from a server bug.',
    fix: 'Validate every input against the schema at the edge (gateway or framework validation) and document the rejection: a 400 (or 422) response with a structured error body, e.g. RFC 9457 problem details, shared through `components/responses`.',
  },
  create(ctx) {
    return {
      operation(op) {
        if (!isServedByApi(op)) return;
        const inputs: string[] = [];
        const params = op.parameters.filter((p) => p.in !== 'body');
        if (params.length) inputs.push(params.length === 1 ? `parameter "${params[0].name}"` : `${params.length} parameters`);
        if (op.requestBody) inputs.push('a request body');
        if (inputs.length === 0) return;
        // A pure redirect endpoint (OAuth authorize, SSO) reports errors through the redirect (RFC 6749 4.1.2.1).
        if (op.responses.length > 0 && op.responses.every((r) => r.status.startsWith('3'))) return;
        for (const r of op.responses) {
          const s = r.status.toUpperCase();
          if (s === '400' || s === '422' || s === '4XX' || s === 'DEFAULT') return;
        }
        ctx.report({ node: responsesNode(op), messageId: 'missing', data: { op: opLabel(op), input: inputs.join(' and ') } });
      },
    };
  },
});
