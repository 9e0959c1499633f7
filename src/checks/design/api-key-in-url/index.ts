import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';

export default defineDesignCheck({
  id: 'api-key-in-url',
  title: 'API key sent in the URL',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-598'],
  messages: {
    query:
      'Security scheme "{{name}}" sends its API key in the query parameter "{{param}}": URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers, and the key with them.',
  },
  docs: {
    description:
      'Flags `apiKey` security schemes declared `in: query` (Swagger 2.0 and OpenAPI 3.x): every request carries the key in its URL.',
    attack:
      'A URL is not a secret: it is logged by every web server, load balancer, proxy and CDN on the way, stored in browser history and bookmarks, cached, and sent to third parties in the Referer header. Anyone with read access to any of those logs, often far more people than hold production credentials, can replay the key.',
    fix: 'Send the key in a request header instead (`in: header`, for example `X-API-Key`), or better, move to short-lived OAuth 2.0 bearer tokens in the `Authorization` header. Rotate keys that have been used in URLs.',
  },
  create(ctx) {
    return {
      securityScheme(s) {
        if (s.type !== 'apiKey' || s.in !== 'query') return;
        const node = child(s.ref, 'in') ?? s.ref;
        ctx.report({ node, part: 'value', messageId: 'query', data: { name: s.name, param: s.paramName ?? '(unnamed)' } });
      },
    };
  },
});
