import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { SecurityRequirement, SecurityScheme } from '../../../formats/openapi/model.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { opLabel } from '../_shared/operations.ts';

export default defineDesignCheck({
  id: 'undeclared-oauth-scope',
  title: 'OAuth scope required but not declared',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API5:2023'],
  cwe: ['CWE-285'],
  messages: {
    scope:
      '{{where}} requires the scope "{{scope}}" from OAuth2 scheme "{{name}}", but no flow of that scheme declares it: the authorization server will not issue it, or the requirement is a typo that leaves the intended permission unchecked.',
  },
  docs: {
    description:
      "Flags OAuth2 security requirements, at the root or on an operation, that list a scope which none of the flows of that scheme declares under `scopes`. Only `oauth2` schemes are judged: OpenID Connect scopes come from the provider's discovery document, and OpenAPI 3.1 lets other scheme types list role names instead of scopes.",
    attack:
      "The scope list is the definition's statement of who may call an operation. A scope nobody declared is either never granted (the operation is unusable, so teams loosen it) or a typo for the real one, in which case gateways and reviewers check a permission that does not exist and the real restriction is lost: function-level authorization breaks quietly.",
    fix: "Declare every scope your operations require under the `scopes` of the scheme's flows (or of the 2.0 scheme), with a description, or fix the scope name in the requirement.",
  },
  create(ctx) {
    const declared = new Map<string, Set<string>>();
    const check = (reqs: SecurityRequirement[] | undefined, where: string) => {
      for (const req of reqs ?? []) {
        for (const s of req.schemes) {
          const known = declared.get(s.name);
          if (!known) continue;
          s.scopes.forEach((scope, i) => {
            if (known.has(scope)) return;
            const node = child(req.ref, s.name, i);
            if (node) ctx.report({ node, part: 'value', messageId: 'scope', data: { where, scope, name: s.name } });
          });
        }
      }
    };
    const scopesOf = (scheme: SecurityScheme) => {
      const set = new Set<string>();
      for (const f of scheme.flows) for (const k of Object.keys(f.scopes)) set.add(k);
      return set;
    };
    return {
      document(api) {
        for (const s of api.securitySchemes.values()) if (s.type === 'oauth2') declared.set(s.name, scopesOf(s));
        check(api.globalSecurity, 'The root security');
      },
      operation(op) {
        if (op.securityFrom === 'operation') check(op.security, opLabel(op));
      },
    };
  },
});
