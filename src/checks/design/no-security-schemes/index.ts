import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';

export default defineDesignCheck({
  id: 'no-security-schemes',
  title: 'No security scheme defined',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: {
    none: 'The definition has operations but defines no security scheme: nothing says how a client authenticates, so every operation reads as public.',
    empty:
      '`{{where}}` is empty while the definition has operations: nothing says how a client authenticates, so every operation reads as public.',
  },
  docs: {
    description:
      'Flags definitions that have path operations but no security scheme at all (no `components/securitySchemes` in OpenAPI 3, no `securityDefinitions` in Swagger 2.0, or an empty one). The finding is reported once: on the empty section, else on `components` (OpenAPI 3), else on the `openapi`/`swagger` field.',
    attack:
      'Without a declared scheme, neither the gateway, the generated clients nor the reviewers know that the API needs credentials; endpoints are deployed and tested as if they were public, and missing authentication goes unnoticed until someone calls them anonymously.',
    fix: 'Declare how clients authenticate (for example an OAuth 2.0 / OpenID Connect scheme or an HTTP bearer scheme) under `components/securitySchemes` (`securityDefinitions` in 2.0) and require it with a root `security` section; mark the few truly public operations with `security: []`.',
  },
  create(ctx) {
    return {
      document(api) {
        const count = api.operations.filter((op) => op.kind === 'path').length;
        if (count === 0) return;
        // The count is evidence, not message data: the fingerprint must not change when operations are added.
        const evidence = `${count} path operation(s)`;
        const section = api.securitySchemesRef;
        const raw = section?.value;
        // Entries that failed to resolve still count as defined: the loader reports the broken $ref.
        if (raw && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length > 0) return;
        if (section) {
          const where = api.version === '2.0' ? 'securityDefinitions' : 'components.securitySchemes';
          ctx.report({ node: section, messageId: 'empty', data: { where }, evidence });
          return;
        }
        // Point where the schemes belong: `components` (3.x) when it exists, else the version field.
        const node =
          (api.version === '2.0' ? undefined : child(api.root, 'components')) ??
          child(api.root, api.version === '2.0' ? 'swagger' : 'openapi') ??
          api.root;
        ctx.report({ node, messageId: 'none', evidence });
      },
    };
  },
});
