import { defineDesignCheck } from '../../../engines/design/types.ts';
import { opLabel } from '../_shared/operations.ts';
import { isServedByApi, responsesNode, statusClass } from '../_shared/resp-status.ts';

export default defineDesignCheck({
  id: 'missing-server-error-response',
  title: 'Operation documents no server error response',
  severity: 'info',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209'],
  messages: {
    missing: '{{op}} documents no 5xx or default response: the shape of server errors is unspecified.',
  },
  docs: {
    description:
      'Flags operations that document no server error: no 500, no other 5xx code (502, 503...), no 5XX range and no default response. Webhooks and callbacks are skipped: their responses belong to the consumer.',
    attack:
      'When the error body of a failure is not specified, frameworks fall back to their defaults, which in many stacks include exception names, stack traces, SQL fragments or file paths; clients also cannot distinguish a retryable outage (503) from a bug (500).',
    fix: 'Document a generic 500 (and 503 where the service sheds load) with a minimal, stable error body (an error code, a message and a correlation id; RFC 9457 problem details), shared through `components/responses`, and make the error handler return exactly that in production.',
  },
  create(ctx) {
    return {
      operation(op) {
        if (!isServedByApi(op)) return;
        for (const r of op.responses) if (r.status === 'default' || statusClass(r.status) === 5) return;
        ctx.report({ node: responsesNode(op), messageId: 'missing', data: { op: opLabel(op) } });
      },
    };
  },
});
