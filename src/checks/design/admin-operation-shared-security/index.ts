import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Operation, SecurityRequirement } from '../../../formats/openapi/model.ts';
import {
  ANONYMOUS_REASONS,
  anonymousAccess,
  changesData,
  isAdminPath,
  isAuthEntryPoint,
  isPublicReadPath,
  requirementKey,
  requirementLabel,
  requirementSatisfiedBy,
} from '../_shared/auth-security.ts';
import { opLabel } from '../_shared/operations.ts';

export default defineDesignCheck({
  id: 'admin-operation-shared-security',
  title: 'Admin operation not set apart from ordinary operations',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API5:2023'],
  cwe: ['CWE-285'],
  messages: {
    unauthenticated:
      'Admin operation {{label}} needs no authentication: {{reason}}. Anyone who can reach the API can use an administrative function.',
    shared:
      "Admin operation {{label}} accepts the same credentials as ordinary operations ({{requirement}}): nothing in the definition requires an administrator, so any user's token may call it.",
  },
  docs: {
    description:
      "Flags operations under an administrative path (a segment holding admin, administrator, administration, superadmin, superuser, sysadmin, backoffice, manage or management as a whole word: `/admin/users`, `/internal/admin`, `/admin.users.list`) whose security can be met by the credentials of an ordinary operation: one of the admin requirements asks for no scheme or scope that an ordinary operation's requirement does not already ask for. Scopes are compared: `oauth: [admin]` on admin operations and `oauth: [orders:read]` elsewhere is fine. An admin operation with no effective security at all (none declared, `security: []`, or an anonymous `{}` alternative) is reported as critical here, and unauthenticated-write-operation and unauthenticated-read-operation leave admin paths to this check so the operation is reported once. Admin login pages and public-by-nature reads (`/admin/health`) are skipped, and so is a definition whose operations are all administrative (there is nothing to compare with).",
    attack:
      'Broken function level authorization: a regular user, or anyone who self-registers, takes their own valid token and calls `/admin/...` directly. If the only gate is "has a token", the API relies on code somewhere checking the role, and the definition gives gateways, tests and reviewers no way to verify that it does. Unauthenticated admin operations are directly exploitable.',
    fix: 'Give administrative operations their own requirement: an admin scope (`security: [{ oauth: [admin:users] }]`), a separate scheme for the admin audience (an admin-only identity provider, mutual TLS, a network-restricted API key), or move them to a separate, internal definition. Never leave them with `security: []` or an anonymous `{}` alternative.',
  },
  create(ctx) {
    return {
      document(api) {
        const ops = api.operations.filter((op) => op.kind === 'path');
        const admin: Operation[] = [];
        const ordinary = new Map<string, { req: SecurityRequirement; op: Operation }>();
        for (const op of ops) {
          if (isAdminPath(op.path)) {
            admin.push(op);
            continue;
          }
          for (const req of op.security ?? []) {
            if (req.schemes.length === 0) continue;
            const key = requirementKey(req);
            if (!ordinary.has(key)) ordinary.set(key, { req, op });
          }
        }
        for (const op of admin) {
          const code = anonymousAccess(op);
          if (code) {
            if (isAuthEntryPoint(op.path) || (!changesData(op) && isPublicReadPath(op.path)) || op.method === 'options') continue;
            ctx.report({
              node: op.ref,
              messageId: 'unauthenticated',
              severity: 'critical',
              data: { label: opLabel(op), reason: ANONYMOUS_REASONS[code] },
            });
            continue;
          }
          let match: { req: SecurityRequirement; op: Operation } | undefined;
          let mine: SecurityRequirement | undefined;
          for (const req of op.security ?? []) {
            for (const other of ordinary.values()) {
              if (requirementSatisfiedBy(req, other.req)) {
                match = other;
                mine = req;
                break;
              }
            }
            if (match) break;
          }
          if (!match || !mine) continue;
          ctx.report({
            node: op.ref,
            messageId: 'shared',
            data: { label: opLabel(op), requirement: requirementLabel(mine) },
            evidence: `also accepted by ${opLabel(match.op)}`,
          });
        }
      },
    };
  },
});
