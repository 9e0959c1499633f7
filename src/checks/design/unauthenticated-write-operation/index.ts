import { defineDesignCheck } from '../../../engines/design/types.ts';
import { ANONYMOUS_REASONS, anonymousAccess, changesData, isAdminPath, isAuthEntryPoint } from '../_shared/auth-security.ts';
import { opLabel } from '../_shared/operations.ts';

export default defineDesignCheck({
  id: 'unauthenticated-write-operation',
  title: 'Write operation without authentication',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: {
    write: '{{label}} changes data without authentication: {{reason}}. Anyone who can reach the API can call it.',
  },
  docs: {
    description:
      'Flags POST, PUT, PATCH and DELETE operations whose effective security needs no credentials: no requirement on the operation nor at the root, `security: []`, or an anonymous alternative `{}` among the requirements (which Spectral misses on writes). Authentication entry points, which are public by design (login, sign-in, sign-up, register, OAuth token/authorize, forgotten or reset password, verification; parameter-free paths only), are skipped, and so are POST searches (`POST /records/search`), which the read check judges. Operations under an admin path are left to admin-operation-shared-security, which reports them as critical.',
    attack:
      'Anyone who finds the endpoint can create, change or delete data: no token to steal, no account to compromise. Scanners find such endpoints within hours of deployment, and an anonymous `{}` alternative is as open as no security at all: the client simply sends no credentials.',
    fix: 'Require a security scheme on the operation or at the root (`security: [{ oauth: [orders:write] }]`), and remove `security: []` and `{}` alternatives from operations that change data. If the operation really must be public (for example a contact form), document why with `x-rampart-ignore` and protect it against automation (rate limits, CAPTCHA).',
  },
  create(ctx) {
    return {
      operation(op) {
        if (op.kind !== 'path' || !changesData(op)) return;
        const code = anonymousAccess(op);
        if (!code || isAuthEntryPoint(op.path) || isAdminPath(op.path)) return;
        ctx.report({
          node: op.ref,
          messageId: 'write',
          data: { label: opLabel(op), reason: ANONYMOUS_REASONS[code] },
        });
      },
    };
  },
});
