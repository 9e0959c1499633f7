import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { isCredentialName, namesCollectionItem } from '../_shared/auth-words.ts';

export default defineDesignCheck({
  id: 'credential-in-url-parameter',
  title: 'Credential passed in the URL',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-598'],
  messages: {
    query:
      'Query parameter "{{name}}" carries a credential in the URL: URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers.',
    path: 'Path parameter "{{name}}" puts a credential in the URL path: URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers.',
  },
  docs: {
    description:
      'Flags query and path parameters whose name means a credential: token, access_token, id_token, api_key / apiKey / X-Api-Key, password, passwd, secret, client_secret, session_id, JSESSIONID, auth, authorization, jwt, otp. Names are split into words (snake_case, camelCase, kebab-case, dots) and judged by their head word, never by substring: `tokenizer`, `author`, `token_type`, `secret_name`, `api_key_id` are not credentials, and neither are pagination or sync cursors (`page_token`, `nextToken`, `continuation_token`, `sync_token`), CSRF or idempotency tokens, a bare `key` (object keys, sort keys), or a bare `session` (checkout, upload or verification sessions are ordinary resources; `session_id` counts only when `session` starts the name). A path parameter that names the item of the collection before it (`/tokens/{token}`, `/authorizations/{authorization}`) identifies a resource and is skipped too. A query parameter that is the declared `apiKey` scheme parameter is left to api-key-in-url.',
    attack:
      'Whatever is in a URL is copied into access logs on every hop (web server, load balancer, proxy, CDN, SIEM), into browser history and caches, and into the Referer header sent to third-party sites. Anyone who can read one of those copies can replay the token or password: no interception needed.',
    fix: 'Send credentials in a header (`Authorization: Bearer ...`, or a dedicated header such as `X-API-Key`) or in the request body of a POST, and declare them as a security scheme rather than as a parameter. For one-time links (password reset, email verification), exchange the token for a session on the first request and expire it immediately.',
  },
  create(ctx) {
    let schemeParams = new Set<string>();
    return {
      document(api) {
        schemeParams = new Set(
          [...api.securitySchemes.values()]
            .filter((s) => s.type === 'apiKey' && s.in === 'query' && s.paramName)
            .map((s) => s.paramName as string),
        );
      },
      parameter(p, op) {
        if (p.in !== 'query' && p.in !== 'path') return;
        if (p.in === 'query' && schemeParams.has(p.name)) return;
        if (!isCredentialName(p.name)) return;
        if (p.in === 'path' && namesCollectionItem(op.path, p.name)) return;
        const node = child(p.ref, 'name') ?? p.ref;
        ctx.report({ node, part: 'value', messageId: p.in, data: { name: p.name } });
      },
    };
  },
});
