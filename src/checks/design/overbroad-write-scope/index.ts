import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Operation, SecurityRequirement, SecurityScheme } from '../../../formats/openapi/model.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { changesData, isAdminPath } from '../_shared/auth-security.ts';
import { opLabel } from '../_shared/operations.ts';
import { words } from '../_shared/words.ts';

const READ_WORDS: ReadonlySet<string> = new Set(['read', 'readonly', 'view', 'viewer', 'ro']);
const WRITE_WORDS: ReadonlySet<string> = new Set([
  'write',
  'readwrite',
  'rw',
  'manage',
  'admin',
  'edit',
  'create',
  'update',
  'delete',
  'modify',
  'execute',
  'full',
  'all',
]);
const ALL_ACCESS: ReadonlySet<string> = new Set(['all', 'admin', 'fullaccess', 'full', 'root', 'superuser', 'superadmin', 'everything']);

/** `read`, `orders:read`, `read:*`, `drive.readonly`: grants reading only. */
export function isReadScope(scope: string): boolean {
  const w = words(scope);
  return w.some((x) => READ_WORDS.has(x)) && !w.some((x) => WRITE_WORDS.has(x));
}

/** `*`, `all`, `admin`, `full_access`, `orders:*`, `orders:all`: grants everything (in its namespace). */
export function isWildcardScope(scope: string, onAdminPath: boolean): boolean {
  const s = scope.trim();
  if (s === '*' || s.endsWith(':*') || s.endsWith('.*') || s.endsWith('/*')) return true;
  const w = words(s);
  const joined = w.join('');
  if (joined === 'admin' && onAdminPath) return false;
  if (ALL_ACCESS.has(joined)) return true;
  const last = w[w.length - 1];
  return last === 'all' || last === 'fullaccess' || (last === 'access' && w[w.length - 2] === 'full');
}

type Verdict = { kind: 'noScopes' | 'readOnly' | 'wildcard'; req: SecurityRequirement; scheme: string; scopes: string[] };

/**
 * Judges the OAuth2 entries of an operation's requirements: any entry without scopes (while the scheme
 * declares some) or with read-only scopes lets a weak token write; wildcard scopes are over-broad only
 * when every OAuth2 alternative is a wildcard (a narrow alternative lets clients stay least-privileged).
 */
function judge(op: Operation, oauth: Map<string, SecurityScheme>, declared: Map<string, number>): Verdict | undefined {
  const admin = isAdminPath(op.path);
  let entries = 0;
  let wildcards: Verdict | undefined;
  let allWildcard = true;
  for (const req of op.security ?? []) {
    for (const e of req.schemes) {
      if (!oauth.has(e.name)) continue;
      if (e.scopes.length === 0) {
        // A scheme that declares no scope at all does not use scopes: there is nothing narrower to ask for.
        if ((declared.get(e.name) ?? 0) > 0) return { kind: 'noScopes', req, scheme: e.name, scopes: [] };
        allWildcard = false;
        continue;
      }
      entries++;
      if (e.scopes.every(isReadScope)) return { kind: 'readOnly', req, scheme: e.name, scopes: e.scopes };
      if (e.scopes.every((s) => isWildcardScope(s, admin))) wildcards ??= { kind: 'wildcard', req, scheme: e.name, scopes: e.scopes };
      else allWildcard = false;
    }
  }
  return entries > 0 && allWildcard ? wildcards : undefined;
}

export default defineDesignCheck({
  id: 'overbroad-write-scope',
  title: 'Write operation with missing, read-only or all-access OAuth scope',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API5:2023'],
  cwe: ['CWE-285'],
  messages: {
    noScopes:
      '{{label}} changes data but its OAuth2 requirement "{{scheme}}" lists no scope: any token the authorization server issues, whatever it was granted for, is accepted.',
    readOnly:
      '{{label}} changes data but its OAuth2 requirement "{{scheme}}" asks only for read scopes ({{scopes}}): a token granted read access can write.',
    wildcard:
      '{{label}} changes data but can only be called with all-access scopes ({{scopes}}): every client that needs it must hold a token that can do everything.',
    globalNoScopes:
      'The root requirement on OAuth2 scheme "{{scheme}}" lists no scope and write operations inherit it: any token the authorization server issues can change data.',
    globalReadOnly:
      'The root requirement on OAuth2 scheme "{{scheme}}" asks only for read scopes ({{scopes}}) and write operations inherit it: a token granted read access can change data.',
    globalWildcard:
      'The root requirement on OAuth2 scheme "{{scheme}}" asks for all-access scopes ({{scopes}}) and write operations inherit it: every client must hold a token that can do everything.',
  },
  docs: {
    description:
      'Flags write operations (POST, PUT, PATCH, DELETE; POST searches excepted) whose OAuth2 requirement lists no scope (when the scheme declares scopes), only read scopes (`read`, `orders:read`, `read:*`, `drive.readonly`), or only all-access scopes (`*`, `all`, `admin`, `full_access`, names ending in `:*`, `:all` or `full_access`) with no narrower alternative. An `admin` scope on an admin path is the right gate, not a wildcard. When the operations inherit the requirement from the root `security`, the finding is reported once, on that root requirement, with the number of write operations in the evidence.',
    attack:
      'Scopes are how an OAuth API limits what a token can do. A write with no scope accepts any token: one issued to a read-only reporting integration, or leaked from a low-risk app, can create, change and delete. A read scope that allows writes breaks the promise made to users on the consent screen. Requiring `*` or `admin` forces every integration to hold an all-powerful token, so one leaked token compromises everything.',
    fix: "Give each write operation a specific write scope (`orders:write`, `users:delete`) and declare it on the operation's security, e.g. `security: [{ oauth: [orders:write] }]`; keep read scopes for reads, and keep all-access scopes for administrative tooling only.",
  },
  create(ctx) {
    const oauth = new Map<string, SecurityScheme>();
    const declared = new Map<string, number>();
    const inherited = new Map<string, { v: Verdict; node: NodeRef; count: number; example: string }>();
    return {
      document(api) {
        for (const s of api.securitySchemes.values()) {
          if (s.type !== 'oauth2') continue;
          oauth.set(s.name, s);
          declared.set(
            s.name,
            s.flows.reduce((n, f) => n + Object.keys(f.scopes).length, 0),
          );
        }
      },
      operation(op) {
        if (oauth.size === 0 || op.kind !== 'path' || !changesData(op)) return;
        const v = judge(op, oauth, declared);
        if (!v) return;
        const scopes = v.scopes.join(', ');
        if (op.securityFrom === 'global') {
          const node = child(v.req.ref, v.scheme) ?? v.req.ref;
          const key = `${node.pointer}#${v.kind}`;
          const agg = inherited.get(key);
          if (agg) agg.count++;
          else inherited.set(key, { v, node, count: 1, example: opLabel(op) });
          return;
        }
        ctx.report({ node: op.ref, messageId: v.kind, data: { label: opLabel(op), scheme: v.scheme, scopes } });
      },
      done() {
        for (const { v, node, count, example } of inherited.values()) {
          const messageId = v.kind === 'noScopes' ? 'globalNoScopes' : v.kind === 'readOnly' ? 'globalReadOnly' : 'globalWildcard';
          ctx.report({
            node,
            messageId,
            data: { scheme: v.scheme, scopes: v.scopes.join(', ') },
            evidence: `inherited by ${count} write operation(s), e.g. ${example}`,
          });
        }
      },
    };
  },
});
