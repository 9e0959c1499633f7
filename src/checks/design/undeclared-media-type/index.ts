import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { baseType, isWildcard } from '../_shared/media-types.ts';
import { onlyOnce } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';
import { subjectOf } from '../_shared/resp-words.ts';

export default defineDesignCheck({
  id: 'undeclared-media-type',
  title: 'Media type not declared or wildcard',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-436'],
  messages: {
    requestWildcard:
      'The request body of {{op}} accepts "{{type}}": any content type is accepted, so the server picks a parser from a header the client controls.',
    sharedRequestWildcard:
      'The shared request body {{op}} accepts "{{type}}": any content type is accepted, so the server picks a parser from a header the client controls.',
    sharedResponseWildcard: 'The shared response {{op}} is declared as "*/*": clients cannot tell what they receive, or parse it safely.',
    responseWildcard: 'The {{status}} response of {{op}} is declared as "*/*": clients cannot tell what they receive, or parse it safely.',
    noConsumes:
      '{{op}} takes a {{kind}} but no `consumes` is declared on the operation or at the root: the accepted content types are unspecified.',
    consumesWildcard:
      '`consumes` {{where}} lists "{{type}}": any content type is accepted, so the server picks a parser from a header the client controls.',
    producesWildcard: '`produces` {{where}} lists "*/*": clients cannot tell what they receive, or parse it safely.',
  },
  docs: {
    description:
      'Flags request bodies that accept any content type (an OpenAPI 3.x `content` key or a Swagger 2.0 `consumes` entry such as `*/*` or `application/*`), Swagger 2.0 operations that take a body or form data while no `consumes` is declared on the operation or at the root, and, at info severity, responses declared as `*/*` (3.x `content`, 2.0 `produces`). A `consumes` or `produces` list shared at the root is reported once.',
    attack:
      'A body accepted in any format reaches whichever parser the Content-Type header selects: XML parsers (XXE), YAML or serialized-object parsers (deserialization gadgets), or `text/plain` and form encodings that browsers send cross-site without a CORS preflight, which turns cookie-authenticated endpoints into CSRF targets. Validation rules written for JSON are also bypassed by sending the same data in another encoding.',
    fix: 'List the exact media types each operation accepts and returns (`application/json`, `multipart/form-data`...), reject other Content-Types with 415 Unsupported Media Type, and send `X-Content-Type-Options: nosniff` with an explicit Content-Type on every response.',
  },
  create(ctx) {
    const once = onlyOnce();
    const v2 = ctx.api.version === '2.0';
    const root = ctx.api.root;
    const listRef = (owner: NodeRef, key: 'consumes' | 'produces'): NodeRef | undefined => {
      const r = child(owner, key);
      return r && Array.isArray(r.value) ? r : undefined;
    };
    const rootConsumes = v2 ? listRef(root, 'consumes') : undefined;
    const rootProduces = v2 ? listRef(root, 'produces') : undefined;
    const wildcards = (list: NodeRef, op: string, own: boolean, messageId: 'consumesWildcard' | 'producesWildcard') => {
      const arr = list.value as unknown[];
      for (let i = 0; i < arr.length; i++) {
        const t = arr[i];
        if (typeof t !== 'string') continue;
        const any = messageId === 'producesWildcard' ? baseType(t) === '*/*' : isWildcard(t);
        const node = child(list, i) as NodeRef;
        if (any && once(node))
          ctx.report({
            node,
            part: 'value',
            messageId,
            data: { type: t, where: own ? `of ${op}` : 'at the root' },
            severity: messageId === 'producesWildcard' ? 'info' : undefined,
            evidence: own ? undefined : `used by ${op}`,
          });
      }
    };
    return {
      operation(op) {
        const label = opLabel(op);
        if (v2) {
          const takesBody = op.parameters.some((p) => p.in === 'body' || p.in === 'formData');
          const opConsumes = listRef(op.ref, 'consumes');
          const consumes = opConsumes ?? rootConsumes;
          if (takesBody) {
            if (!consumes || (consumes.value as unknown[]).length === 0) {
              const kind = op.parameters.some((p) => p.in === 'body') ? 'request body' : 'form';
              ctx.report({ node: op.ref, messageId: 'noConsumes', data: { op: label, kind } });
            } else wildcards(consumes, label, consumes === opConsumes, 'consumesWildcard');
          }
          const returnsBody = op.responses.some((r) => r.content.length > 0);
          const opProduces = listRef(op.ref, 'produces');
          const produces = opProduces ?? rootProduces;
          if (returnsBody && produces) wildcards(produces, label, produces === opProduces, 'producesWildcard');
          return;
        }
        for (const mt of op.requestBody?.content ?? []) {
          if (!isWildcard(mt.type) || !once(mt.ref)) continue;
          const { subject, shared } = subjectOf(mt.ref, op);
          ctx.report({
            node: mt.ref,
            messageId: shared ? 'sharedRequestWildcard' : 'requestWildcard',
            data: { op: subject, type: mt.type },
            evidence: shared ? `used by ${label}` : undefined,
          });
        }
        for (const r of op.responses) {
          for (const mt of r.content) {
            if (baseType(mt.type) !== '*/*' || !once(mt.ref)) continue;
            const { subject, shared } = subjectOf(mt.ref, op);
            ctx.report({
              node: mt.ref,
              messageId: shared ? 'sharedResponseWildcard' : 'responseWildcard',
              data: { op: subject, status: r.status },
              severity: 'info',
              evidence: shared ? `used by ${label}` : undefined,
            });
          }
        }
      },
    };
  },
});
