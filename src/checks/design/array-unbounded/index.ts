import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';
import {
  capitalize,
  describe,
  effectiveTypes,
  hasType,
  inUrlOrHeaders,
  isA,
  isEnumerated,
  isInbound,
  opOrWebhookLabel,
  readOnlyInPath,
} from '../_shared/data-schema.ts';

export default defineDesignCheck({
  id: 'array-unbounded',
  title: 'Request array without maxItems',
  severity: 'low',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    unbounded: '{{what}} {{isA}} without maxItems{{items}}: a client can send any number of elements in one request.',
  },
  docs: {
    description:
      'Flags arrays the API receives (body properties, whole bodies and query/header/form parameters) that set no `maxItems`. A 3.1 tuple (`prefixItems` with `items: false`) and an enumerated array are bounded. readOnly arrays, responses and webhook payloads are not flagged. Arrays of objects are named as such in the message but stay low: the missing bound is hardening, and batch endpoints that multiply work are better judged by their rate limits.',
    attack:
      'An unbounded array turns one request into thousands of units of work: a batch of a million ids to look up, objects to create or recipients to notify. The cost grows with every element while the attacker pays for one request, which defeats per-request rate limits (unrestricted resource consumption, and with batch operations, an amplifier for brute force).',
    fix: 'Set `maxItems` on every request array to what a legitimate client needs (for example 100 for a batch), enforce it before processing, and count batch elements against rate limits.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || !hasType(v.schema, 'array') || readOnlyInPath(v)) return;
        const s = v.schema;
        if (typeof s.maxItems === 'number' || isEnumerated(s)) return;
        if (s.items === false && Array.isArray(s.prefixItems)) return;
        const items = child(v.ref, 'items');
        const itemTypes = items ? effectiveTypes(ctx.resolve, items) : new Set<string>();
        const what = describe(v);
        ctx.report({
          node: v.ref,
          messageId: 'unbounded',
          data: {
            what: capitalize(what),
            isA: isA(what, 'array'),
            items: itemTypes.size === 1 && itemTypes.has('object') && !inUrlOrHeaders(v) ? ' (of objects, each one more unit of work)' : '',
          },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
    };
  },
});
