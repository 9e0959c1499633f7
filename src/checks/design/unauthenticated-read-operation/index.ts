import { defineDesignCheck } from '../../../engines/design/types.ts';
import {
  ANONYMOUS_REASONS,
  anonymousAccess,
  changesData,
  declaresAnySecurity,
  isAdminPath,
  isAuthEntryPoint,
  isPublicReadPath,
} from '../_shared/auth-security.ts';
import { opLabel } from '../_shared/operations.ts';

const READ_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'trace', 'post']);

export default defineDesignCheck({
  id: 'unauthenticated-read-operation',
  title: 'Read operation without authentication',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: {
    read: '{{label}} returns data without authentication: {{reason}}. Anyone who can reach the API can read what it returns.',
  },
  docs: {
    description:
      'Flags GET, HEAD and TRACE operations, and POST searches (`POST /records/search`), whose effective security needs no credentials: no requirement on the operation nor at the root, `security: []`, or an anonymous alternative `{}`. OPTIONS is skipped (CORS preflight requests never carry credentials). Paths that are public by nature are skipped, and the list is kept small on purpose: `/`, `/.well-known/...`, parameter-free health and liveness probes (`health`, `healthz`, `livez`, `readyz`, `ping`), `status`, `version`, API docs (`docs`, `api-docs`, `openapi.json`, `swagger.json`, `redoc`), `robots.txt`, `favicon.ico` and `jwks`, optionally behind API prefixes such as `/api/v1`; authentication entry points (login pages, OAuth authorize) too. Operations under an admin path are left to admin-operation-shared-security. A definition that declares no security at all is reported once by no-security-schemes rather than once per read here.',
    attack:
      'Anonymous reads let anyone harvest the data the operation returns: customer records, internal identifiers to feed BOLA attacks, or enough of the API surface to plan one. Without authentication there is also no identity to rate-limit or audit.',
    fix: 'Require a security scheme on the operation or at the root, and remove `security: []` and `{}` alternatives from operations that return non-public data. For data that really is public, state it explicitly with `security: []` and an `x-rampart-ignore` entry that gives the reason, so the decision is visible in review.',
  },
  create(ctx) {
    let skipAll = false;
    return {
      document(api) {
        skipAll = !declaresAnySecurity(api);
      },
      operation(op) {
        if (skipAll || op.kind !== 'path' || !READ_METHODS.has(op.method) || changesData(op)) return;
        const code = anonymousAccess(op);
        if (!code || isPublicReadPath(op.path) || isAuthEntryPoint(op.path) || isAdminPath(op.path)) return;
        ctx.report({ node: op.ref, messageId: 'read', data: { label: opLabel(op), reason: ANONYMOUS_REASONS[code] } });
      },
    };
  },
});
