import { defineDesignCheck } from '../../../engines/design/types.ts';
import {
  capitalize,
  describe,
  hasType,
  inUrlOrHeaders,
  isA,
  isInbound,
  isUpload,
  opOrWebhookLabel,
  readOnlyInPath,
  stringIsBounded,
} from '../_shared/data-schema.ts';

export default defineDesignCheck({
  id: 'string-unbounded',
  title: 'Request string without maxLength',
  severity: 'low',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-1284'],
  messages: {
    body: '{{what}} {{isA}} without maxLength{{note}}: a client can send megabytes.',
    param: "{{what}} {{isA}} without maxLength{{note}}: only the server's URL and header size limits bound it.",
  },
  docs: {
    description:
      'Flags strings the API receives (body properties and query, path, header, cookie and form parameters) that have no `maxLength`, no `enum`/`const`, no length-bounding `format` and no anchored pattern without unbounded quantifiers. Formats that bound length by definition are accepted: date, date-time, time, uuid, guid, ulid, ipv4, ipv6, hostname, and numbers written as strings (int32, int64, float, double). email, uri and byte are not: their RFCs allow very long values. File uploads are left to upload-without-size-limit; readOnly strings are skipped.',
    attack:
      'A field with no length limit accepts whatever the body-size limit allows, often megabytes: it fills databases and logs, slows regular expressions and full-text indexes, overflows fixed-size columns into errors that leak internals, and multiplies the cost of every request (unrestricted resource consumption).',
    fix: 'Give every request string a `maxLength` that fits its meaning (and the database column), or constrain it with `enum`, a bounded `format` or an anchored pattern such as `^[A-Z]{2}[0-9]{6}$`; validate it at the edge (gateway or request validator) before it reaches business code.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || !hasType(v.schema, 'string') || readOnlyInPath(v)) return;
        if (stringIsBounded(v.schema) || isUpload(v)) return;
        const f = v.schema.format;
        const what = describe(v);
        ctx.report({
          node: v.ref,
          messageId: inUrlOrHeaders(v) ? 'param' : 'body',
          data: {
            what: capitalize(what),
            isA: isA(what, 'string'),
            note:
              typeof f === 'string'
                ? ` (format "${f}" does not bound its length)`
                : typeof v.schema.pattern === 'string'
                  ? ' (its pattern allows any length)'
                  : '',
          },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
    };
  },
});
