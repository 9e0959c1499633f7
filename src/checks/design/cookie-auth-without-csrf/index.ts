import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { ApiModel, Operation, SecurityScheme } from '../../../formats/openapi/model.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { changesData } from '../_shared/auth-security.ts';
import { isObj } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';
import { words } from '../_shared/words.ts';

type Obj = Record<string, unknown>;

/** `X-CSRF-Token`, `X-XSRF-TOKEN`, `csrfmiddlewaretoken`, `_csrf`, `authenticity_token` (Rails). */
function isCsrfName(name: string): boolean {
  const w = words(name);
  if (w.some((x) => x.startsWith('csrf') || x.startsWith('xsrf'))) return true;
  return w.length >= 2 && w[w.length - 2] === 'authenticity' && w[w.length - 1] === 'token';
}

/**
 * The operation declares a CSRF defence: a header parameter named like a CSRF token, or a CSRF field in
 * the form or body it accepts (a form field, or a top-level property of the request body schema).
 */
function declaresCsrfDefence(api: ApiModel, op: Operation): boolean {
  for (const p of op.parameters) if ((p.in === 'header' || p.in === 'formData') && isCsrfName(p.name)) return true;
  for (const mt of op.requestBody?.content ?? []) {
    const schema = api.set.resolve<Obj>(mt.schema);
    if (!schema || !isObj(schema.value)) continue;
    const props = api.set.resolve<Obj>(child(schema, 'properties'));
    if (props && isObj(props.value) && Object.keys(props.value).some(isCsrfName)) return true;
  }
  return false;
}

export default defineDesignCheck({
  id: 'cookie-auth-without-csrf',
  title: 'Cookie authentication without CSRF defence',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-352'],
  messages: {
    csrf: '{{label}} changes data and accepts the cookie "{{cookie}}" (scheme "{{name}}") as its only credential, but declares no CSRF defence: another site can make a logged-in browser send this request.',
  },
  docs: {
    description:
      'Flags write operations (POST, PUT, PATCH, DELETE; POST searches excepted) whose effective security lets a cookie `apiKey` scheme (`in: cookie`, OpenAPI 3.x) authenticate on its own, when the operation declares no CSRF defence: no header parameter named like a CSRF token (`X-CSRF-Token`, `X-XSRF-TOKEN`), no CSRF field in the form or body (`_csrf`, `csrf_token`, `authenticity_token`), and no second, non-cookie scheme required in the same requirement. Swagger 2.0 has no cookie location for API keys (only query and header), so this concerns OpenAPI 3.x.',
    attack:
      "Browsers attach cookies to every request to the API's domain, whoever triggers it. A malicious page that the victim visits while logged in can submit a form or a script-driven request to this operation, and the API sees a valid session: the attacker changes the victim's email, moves money or deletes data (cross-site request forgery). SameSite cookies reduce this but do not cover same-site subdomains or older clients, and the definition cannot state them.",
    fix: 'Require a CSRF token header on every state-changing operation (synchronizer or double-submit token, e.g. `X-CSRF-Token`) and declare it as a header parameter; or authenticate API calls with a header credential (`Authorization: Bearer`) instead of a cookie, or require both in the same security requirement. Also set session cookies `SameSite=Lax` or `Strict`, `Secure` and `HttpOnly`.',
  },
  create(ctx) {
    let cookies = new Map<string, SecurityScheme>();
    return {
      document(api) {
        cookies = new Map([...api.securitySchemes].filter(([, s]) => s.type === 'apiKey' && s.in === 'cookie'));
      },
      operation(op) {
        if (cookies.size === 0 || op.kind !== 'path' || !changesData(op) || !op.security) return;
        // A requirement is cookie-only when every scheme it names is a cookie scheme: nothing a forged
        // cross-site request cannot send.
        const cookieOnly = op.security.find((r) => r.schemes.length > 0 && r.schemes.every((s) => cookies.has(s.name)));
        if (!cookieOnly || declaresCsrfDefence(ctx.api, op)) return;
        const scheme = cookies.get(cookieOnly.schemes[0].name) as SecurityScheme;
        ctx.report({
          node: op.ref,
          messageId: 'csrf',
          data: { label: opLabel(op), cookie: scheme.paramName ?? '(unnamed)', name: scheme.name },
        });
      },
    };
  },
});
