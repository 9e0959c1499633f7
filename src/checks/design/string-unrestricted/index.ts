import { defineDesignCheck } from '../../../engines/design/types.ts';
import {
  capitalize,
  describe,
  hasType,
  isA,
  isEnumerated,
  isInbound,
  isUpload,
  opOrWebhookLabel,
  readOnlyInPath,
} from '../_shared/data-schema.ts';

export default defineDesignCheck({
  id: 'string-unrestricted',
  title: 'Request string without format, pattern or enum',
  severity: 'info',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-20'],
  messages: {
    unrestricted: '{{what}} {{isA}} with no format, pattern, enum or const: any characters are accepted.',
  },
  docs: {
    description:
      'Flags strings the API receives (body properties and parameters) that say nothing about their content: no `format`, no `pattern`, no `enum` and no `const`. A `maxLength` limits size (see string-unbounded) but not content, so it does not count here. Uploads, readOnly strings, responses and webhook payloads are not flagged. This is hygiene (info): free text fields legitimately have no pattern.',
    attack:
      'Input that is described only as "a string" reaches parsers, queries, templates and logs unchecked, so injection payloads, control characters and oversized Unicode pass the API edge; positive validation at the edge (an allowlist of what a value looks like) is the cheapest defence, and the definition is where validators and gateways read it from.',
    fix: 'Describe what each identifier, code or token looks like: a `format` (uuid, date, email...), an anchored `pattern` such as `^[a-z0-9-]{3,40}$`, or an `enum` of accepted values. Leave true free text unrestricted but bounded with `maxLength`, and escape it where it is used.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || !hasType(v.schema, 'string') || readOnlyInPath(v)) return;
        const s = v.schema;
        if (typeof s.format === 'string' || typeof s.pattern === 'string' || isEnumerated(s) || isUpload(v)) return;
        const what = describe(v);
        ctx.report({
          node: v.ref,
          messageId: 'unrestricted',
          data: { what: capitalize(what), isA: isA(what, 'string') },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
    };
  },
});
