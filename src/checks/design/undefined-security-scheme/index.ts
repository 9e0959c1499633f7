import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { SecurityRequirement } from '../../../formats/openapi/model.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { opLabel } from '../_shared/operations.ts';

export default defineDesignCheck({
  id: 'undefined-security-scheme',
  title: 'Security requirement names an undefined scheme',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-287'],
  messages: {
    undefined:
      '{{where}} requires the security scheme "{{name}}", which is not defined in `{{section}}`: tools cannot tell how clients authenticate, and gateways or generated middleware may enforce nothing.',
  },
  docs: {
    description:
      'Flags security requirements, at the root or on an operation (including webhooks and callbacks), that name a scheme missing from `components/securitySchemes` (`securityDefinitions` in Swagger 2.0). Names are case-sensitive: `BearerAuth` does not match `bearerAuth`.',
    attack:
      'A requirement on an undefined scheme is a requirement nobody can enforce: depending on the tool, a gateway or generated server skips it or rejects the whole definition, and a renamed scheme silently leaves operations unprotected while the definition still looks secured to reviewers.',
    fix: 'Define the scheme under `components/securitySchemes` (`securityDefinitions` in 2.0) with the exact same name, or fix the typo in the requirement.',
  },
  create(ctx) {
    let defined: Set<string> = new Set();
    let section = 'components.securitySchemes';
    const check = (reqs: SecurityRequirement[] | undefined, where: string) => {
      for (const req of reqs ?? []) {
        for (const s of req.schemes) {
          if (defined.has(s.name)) continue;
          const node = child(req.ref, s.name);
          if (node) ctx.report({ node, messageId: 'undefined', data: { where, name: s.name, section } });
        }
      }
    };
    return {
      document(api) {
        const raw = api.securitySchemesRef?.value;
        // Entries whose $ref cannot be resolved are still defined by name: the loader reports the broken $ref.
        defined = new Set(raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : []);
        if (api.version === '2.0') section = 'securityDefinitions';
        check(api.globalSecurity, 'The root security');
      },
      operation(op) {
        if (op.securityFrom === 'operation') check(op.security, opLabel(op));
      },
    };
  },
});
