import { defineDesignCheck } from '../../../engines/design/types.ts';
import {
  capitalize,
  describe,
  hasMaximum,
  hasMinimum,
  hasType,
  isA,
  isEnumerated,
  isInbound,
  opOrWebhookLabel,
  readOnlyInPath,
} from '../_shared/data-schema.ts';
import { PAGE_SIZE_PARAMS } from '../_shared/data-words.ts';

export default defineDesignCheck({
  id: 'number-unbounded',
  title: 'Request number without minimum and maximum',
  severity: 'low',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-1284', 'CWE-770'],
  messages: {
    unbounded: '{{what}} {{isA}} without {{missing}}{{note}}: a client can send any value, {{example}}.',
  },
  docs: {
    description:
      'Flags integers and numbers the API receives (body properties and parameters) that lack a `minimum` or a `maximum` (3.1 numeric `exclusiveMinimum`/`exclusiveMaximum` count; in 3.0 the boolean forms only qualify a declared bound). A `format` such as int32 or int64 is not a bound: it only says how the value is stored. Enumerated values, readOnly numbers, responses and webhook payloads are not flagged, nor page-size query parameters (see pagination-without-maximum).',
    attack:
      'Numbers without bounds reach business logic as the client wrote them: a quantity of -5 refunds money, a timeout or retry count of 10^9 ties up workers, an amount beyond what a column holds overflows or raises errors that leak internals. Declared bounds let validators and gateways stop these before any code runs.',
    fix: 'Declare both `minimum` and `maximum` with the values the business allows (for example `minimum: 1`, `maximum: 1000` for a quantity) and enforce them on the server.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || readOnlyInPath(v)) return;
        const s = v.schema;
        const integer = hasType(s, 'integer');
        if (!integer && !hasType(s, 'number')) return;
        if (isEnumerated(s)) return;
        const p = v.parameter;
        if (p && p.in === 'query' && !v.parent && PAGE_SIZE_PARAMS.match(p.name)) return;
        const min = hasMinimum(s);
        const max = hasMaximum(s);
        if (min && max) return;
        const missing = !min && !max ? 'minimum and maximum' : !min ? 'minimum' : 'maximum';
        const what = describe(v);
        ctx.report({
          node: v.ref,
          messageId: 'unbounded',
          data: {
            what: capitalize(what),
            isA: isA(what, integer ? 'integer' : 'number'),
            missing,
            note: typeof s.format === 'string' ? ` (format "${s.format}" is not a bound)` : '',
            example: !min && !max ? 'negative or huge' : !min ? 'negative or zero included' : 'however large',
          },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
    };
  },
});
