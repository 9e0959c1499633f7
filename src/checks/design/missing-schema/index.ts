import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Operation, Parameter } from '../../../formats/openapi/model.ts';
import { isStructured } from '../_shared/media-types.ts';
import { onlyOnce } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';
import { isSuccess } from '../_shared/resp-status.ts';
import { subjectOf } from '../_shared/resp-words.ts';

type Obj = Record<string, unknown>;

export default defineDesignCheck({
  id: 'missing-schema',
  title: 'Request or response content without a schema',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-20'],
  messages: {
    response:
      'The {{status}} response of {{op}} returns {{type}} without a schema: what the API sends back is unspecified, so nothing checks it does not leak more than intended.',
    sharedResponse:
      'The shared response {{op}} returns {{type}} without a schema: what the API sends back is unspecified, so nothing checks it does not leak more than intended.',
    request:
      'The {{type}} request body of {{op}} has no schema: any payload is accepted as far as the contract says, so nothing can validate it.',
    parameter:
      'Parameter "{{name}}" ({{in}}) of {{op}} has neither a schema nor content: any value is accepted as far as the contract says.',
    parameterContent:
      'Parameter "{{name}}" ({{in}}) of {{op}} declares content {{type}} without a schema: any value is accepted as far as the contract says.',
    parameterV2: 'Parameter "{{name}}" ({{in}}) of {{op}} has no type: any value is accepted as far as the contract says.',
    bodyV2: 'Body parameter "{{name}}" of {{op}} has no schema: any payload is accepted as far as the contract says.',
  },
  docs: {
    description:
      'Flags structured content (JSON, XML, YAML, form data, multipart) without a schema: a 2xx response media type, a request body media type, a parameter with neither `schema` nor `content` (OpenAPI 3.x), a Swagger 2.0 non-body parameter without `type` or a body parameter without `schema`. No body is expected, so nothing is reported, for 204, 205 and 304 responses, 3xx and 1xx responses, HEAD operations and Swagger 2.0 responses without `schema` (they return no body). Binary and free-text media types (octet-stream, images, PDF, text/plain) may omit their schema. Components shared by several operations are reported once.',
    attack:
      "Without a schema, neither gateways nor the implementation's validation layer can reject malformed, oversized or unexpected input, and nothing states what a response may contain: mass assignment, injection payloads and excessive data exposure (internal fields, other users' data) go unnoticed by contract tests and reviews.",
    fix: 'Give every structured request body, parameter and success response a schema (`$ref` a component), as strict as the data allows: types, formats, `maxLength`/`maximum`, `required` and `additionalProperties: false`. Use a binary media type (`application/octet-stream`) for opaque payloads.',
  },
  create(ctx) {
    const once = onlyOnce();
    const v2 = ctx.api.version === '2.0';
    const checkParam = (p: Parameter, operation: Operation) => {
      const raw = p.ref.value as Obj;
      const { subject, shared, pathLevel } = subjectOf(p.ref, operation);
      const op = !shared ? subject : pathLevel ? `the operations of ${subject}` : `the operations that reference ${subject}`;
      const evidence = shared ? `used by ${opLabel(operation)}` : undefined;
      if (v2) {
        if (p.in === 'body') {
          if (!p.schema && once(p.ref)) ctx.report({ node: p.ref, messageId: 'bodyV2', data: { name: p.name, op }, evidence });
        } else if (raw.type === undefined && once(p.ref))
          ctx.report({ node: p.ref, messageId: 'parameterV2', data: { name: p.name, in: p.in, op }, evidence });
        return;
      }
      if (p.schema) return;
      const content = raw.content;
      if (content !== null && typeof content === 'object' && Object.keys(content).length > 0) {
        if (once(p.ref))
          ctx.report({
            node: p.ref,
            messageId: 'parameterContent',
            data: { name: p.name, in: p.in, op, type: Object.keys(content)[0] },
            evidence,
          });
      } else if (once(p.ref)) ctx.report({ node: p.ref, messageId: 'parameter', data: { name: p.name, in: p.in, op }, evidence });
    };
    return {
      operation(op) {
        const label = opLabel(op);
        for (const p of op.parameters) checkParam(p, op);
        // Swagger 2.0 bodies are body parameters (checked above); their responses have a schema or no body.
        if (v2) return;
        for (const mt of op.requestBody?.content ?? []) {
          if (!mt.schema && isStructured(mt.type) && once(mt.ref)) {
            const { subject, shared } = subjectOf(mt.ref, op);
            ctx.report({
              node: mt.ref,
              messageId: 'request',
              data: { type: mt.type, op: subject },
              evidence: shared ? `used by ${label}` : undefined,
            });
          }
        }
        if (op.method === 'head') return;
        for (const r of op.responses) {
          if (!isSuccess(r.status) || r.status === '204' || r.status === '205') continue;
          for (const mt of r.content) {
            if (mt.schema || !isStructured(mt.type) || !once(mt.ref)) continue;
            const { subject, shared } = subjectOf(mt.ref, op);
            ctx.report({
              node: mt.ref,
              messageId: shared ? 'sharedResponse' : 'response',
              data: { status: r.status, type: mt.type, op: subject },
              evidence: shared ? `used by the ${r.status} response of ${label}` : undefined,
            });
          }
        }
      },
    };
  },
});
