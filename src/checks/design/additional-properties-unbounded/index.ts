import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { capitalize, describe, isInbound, opOrWebhookLabel, readOnlyInPath } from '../_shared/data-schema.ts';
import { isObj } from '../_shared/nodes.ts';

export default defineDesignCheck({
  id: 'additional-properties-unbounded',
  title: 'Request map without maxProperties',
  severity: 'low',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    unbounded: '{{what}} is a map (schema-valued additionalProperties) without maxProperties: a client can send any number of entries.',
  },
  docs: {
    description:
      'Flags request schemas (bodies and parameters) whose `additionalProperties` is a schema, i.e. a map or dictionary such as `metadata` or `labels`, and that set no `maxProperties`. The finding points at the `additionalProperties` keyword.',
    attack:
      'A map without a size limit lets one request carry millions of keys: the server parses, validates, stores and later re-serializes every one of them, and hash-flooding attacks feed many colliding keys to the parser. Each such request costs the attacker little and the API a lot of CPU, memory and storage (unrestricted resource consumption).',
    fix: 'Set `maxProperties` to the largest number of entries a legitimate client needs (and `maxLength` on keys via `propertyNames` in 3.1), and enforce the same limit in the server and its body-size limit.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || readOnlyInPath(v)) return;
        const s = v.schema;
        if (!isObj(s.additionalProperties) || typeof s.maxProperties === 'number') return;
        const node = child(v.ref, 'additionalProperties');
        if (!node) return;
        ctx.report({
          node,
          messageId: 'unbounded',
          data: { what: capitalize(describe(v)) },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
    };
  },
});
