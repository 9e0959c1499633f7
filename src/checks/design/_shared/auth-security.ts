import type { ApiModel, Operation, SecurityRequirement } from '../../../formats/openapi/model.ts';
import { stemmedWords, words } from './words.ts';

/**
 * Shared logic of the authentication and authorization checks (group A): what "no effective security"
 * means, which operations are public by design, which paths are administrative, and how two security
 * requirements compare. Each helper is O(size of its input).
 */

export type AnonymousCode = 'undeclared' | 'emptyOperation' | 'emptyGlobal' | 'anonymousOperation' | 'anonymousGlobal';

/**
 * Why an operation accepts requests without credentials, or undefined when every alternative of its
 * effective security needs at least one scheme. An anonymous alternative `{}` among others counts as no
 * security: a client may simply pick it (Spectral misses this on writes).
 */
export function anonymousAccess(op: Operation): AnonymousCode | undefined {
  const sec = op.security;
  if (!sec) return 'undeclared';
  const fromOp = op.securityFrom === 'operation';
  if (sec.length === 0) return fromOp ? 'emptyOperation' : 'emptyGlobal';
  if (sec.some((r) => r.schemes.length === 0)) return fromOp ? 'anonymousOperation' : 'anonymousGlobal';
  return undefined;
}

/** Explanations of `anonymousAccess` codes, for messages. */
export const ANONYMOUS_REASONS: Record<AnonymousCode, string> = {
  undeclared: 'no security requirement is declared, neither on the operation nor at the root',
  emptyOperation: 'the operation sets `security: []`, which turns authentication off',
  emptyGlobal: 'the root `security: []` declares no requirement and the operation adds none',
  anonymousOperation: 'its security lists the anonymous alternative `{}`, so a request without credentials is accepted',
  anonymousGlobal: 'the root security lists the anonymous alternative `{}`, so a request without credentials is accepted',
};

/** The definition declares security somewhere: a scheme, a root requirement or an operation requirement. */
export function declaresAnySecurity(api: ApiModel): boolean {
  if (api.securitySchemes.size > 0 || api.globalSecurity !== undefined) return true;
  return api.operations.some((op) => op.securityFrom === 'operation');
}

/** Path segments without the template parameters (`/users/{id}/tokens` → users, tokens). */
export function staticSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && !s.includes('{'));
}

export function hasPathParameter(path: string): boolean {
  return path.includes('{');
}

function segmentWords(seg: string): string[] {
  return stemmedWords(seg);
}

/** The last segment of a path when it is static (not a `{param}`). */
function lastStaticSegment(path: string): string | undefined {
  const segs = path.split('/').filter((s) => s !== '');
  const last = segs[segs.length - 1];
  return last === undefined || last.includes('{') ? undefined : last;
}

const ENTRY_WORDS: ReadonlySet<string> = new Set([
  'login',
  'logon',
  'signin',
  'signup',
  'register',
  'registration',
  'token',
  'authorize',
  'authenticate',
  'forgot',
  'verify',
  'verification',
]);
const ENTRY_PAIRS: ReadonlySet<string> = new Set([
  'sign in',
  'sign up',
  'log in',
  'log on',
  'reset password',
  'password reset',
  'recover password',
  'password recovery',
]);
const OAUTH_WORDS: ReadonlySet<string> = new Set(['oauth', 'oidc', 'openid']);

/**
 * An authentication entry point: an operation a client must reach before it has credentials, so it is
 * public by design (login, sign-in, sign-up, register, OAuth token and authorize endpoints, forgotten or
 * reset password, verification). Only paths without parameters qualify, and the action must be the last
 * segment (`/auth/login`, `/oauth/token`, `/password/reset`, `/users/verify-email`): `/users/{id}/token`
 * or `/api-tokens` manage credentials of an existing account and need authentication.
 */
export function isAuthEntryPoint(path: string): boolean {
  if (hasPathParameter(path)) return false;
  const segs = staticSegments(path);
  if (segs.length === 0) return false;
  for (const s of segs) for (const w of segmentWords(s)) if (OAUTH_WORDS.has(w)) return true;
  const last = segmentWords(segs[segs.length - 1]);
  if (last.some((w) => ENTRY_WORDS.has(w))) return true;
  const tail = segs.length > 1 ? [...segmentWords(segs[segs.length - 2]), ...last] : last;
  for (let i = 0; i + 1 < tail.length; i++) if (ENTRY_PAIRS.has(`${tail[i]} ${tail[i + 1]}`)) return true;
  return false;
}

/** Last segments of read-only paths that are public by nature: probes, version, docs, discovery. */
const PUBLIC_READ_NAMES: ReadonlySet<string> = new Set([
  'health',
  'healthz',
  'healthcheck',
  'livez',
  'readyz',
  'liveness',
  'readiness',
  'ping',
  'status',
  'version',
  'docs',
  'apidocs',
  'openapi',
  'swagger',
  'swaggerui',
  'redoc',
  'robots',
  'favicon',
  'jwks',
]);
/** Segments allowed before a public name: API prefixes (`/api/v2/health`), docs folders, admin consoles. */
const PREFIX_SEGMENTS: ReadonlySet<string> = new Set([
  'api',
  'apis',
  'rest',
  'public',
  'service',
  'system',
  'sys',
  'meta',
  'actuator',
  'monitoring',
  'internal',
  'admin',
  'management',
]);
const FILE_EXTENSIONS: ReadonlySet<string> = new Set(['json', 'yaml', 'yml', 'txt', 'ico', 'html']);

function joined(seg: string): string {
  const w = words(seg);
  if (w.length > 1 && FILE_EXTENSIONS.has(w[w.length - 1])) w.pop();
  return w.join('');
}

function isVersionSegment(seg: string): boolean {
  // v1, v2.1, 2023-10-16, 1.0: letters other than a leading "v" are not allowed.
  const s = seg.toLowerCase();
  let i = s.startsWith('v') ? 1 : 0;
  if (i >= s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45)) return false;
  }
  return true;
}

/**
 * A read path that is public by nature: `/`, anything under `/.well-known/`, and parameter-free paths
 * whose last segment is a health or liveness probe, `ping`, `status`, `version`, API docs (`docs`,
 * `openapi.json`, `swagger.json`, `api-docs`), `robots.txt`, `favicon.ico` or `jwks`, with only API
 * prefixes before it (`/api/v1/health`, `/actuator/health`). `/orders/{id}/status` or `/payments/status`
 * are not: they expose business data.
 */
export function isPublicReadPath(path: string): boolean {
  const segs = staticSegments(path);
  if (segs.some((s) => s.toLowerCase() === '.well-known')) return true;
  if (hasPathParameter(path)) return false;
  if (segs.length === 0) return true;
  if (!PUBLIC_READ_NAMES.has(joined(segs[segs.length - 1]))) return false;
  for (let i = 0; i < segs.length - 1; i++) {
    const j = joined(segs[i]);
    if (!(PREFIX_SEGMENTS.has(j) || PUBLIC_READ_NAMES.has(j) || isVersionSegment(segs[i]))) return false;
  }
  return true;
}

const ADMIN_WORDS: ReadonlySet<string> = new Set([
  'admin',
  'admins',
  'administrator',
  'administrators',
  'administration',
  'superadmin',
  'superuser',
  'sysadmin',
  'backoffice',
  'manage',
  'management',
]);

/**
 * An administrative path: one of its static segments holds the word admin, administrator,
 * administration, superadmin, superuser, sysadmin, backoffice, manage or management, as a whole word
 * (`/admin/users`, `/internal/admin`, `/admin.users.list`, `/adminUsers`, `/back-office`; not
 * `/badminton` or `/managed-apps`).
 */
export function isAdminPath(path: string): boolean {
  for (const seg of staticSegments(path)) {
    const w = segmentWords(seg);
    if (w.some((x) => ADMIN_WORDS.has(x))) return true;
    for (let i = 0; i + 1 < w.length; i++) if (w[i] === 'back' && w[i + 1] === 'office') return true;
  }
  return false;
}

/** Words that make a POST a query rather than a change (`POST /records/search`, `performSearch`). */
const QUERY_WORDS: ReadonlySet<string> = new Set(['search', 'query', 'lookup', 'find']);

/**
 * Does the operation change data? PUT, PATCH and DELETE always do; POST does unless it is a search or
 * query sent as POST, a common way to pass large filters: its last static segment or its operationId
 * holds the word search, query, lookup or find (`POST /records/search`, operationId `perform-search`).
 */
export function changesData(op: Operation): boolean {
  if (!op.isWrite) return false;
  if (op.method !== 'post') return true;
  const last = lastStaticSegment(op.path);
  if (last && segmentWords(last).some((w) => QUERY_WORDS.has(w))) return false;
  return !(op.operationId && words(op.operationId).some((w) => QUERY_WORDS.has(w)));
}

/** `bearerAuth`, `oauth [read, write]`, `apiKey + oauth [admin]` — how messages name a requirement. */
export function requirementLabel(req: SecurityRequirement): string {
  if (req.schemes.length === 0) return '{} (anonymous)';
  return req.schemes.map((s) => (s.scopes.length ? `${s.name} [${s.scopes.join(', ')}]` : s.name)).join(' + ');
}

/**
 * True when whoever satisfies `b` also satisfies `a`: every scheme of `a` appears in `b` with at least
 * the scopes `a` asks for. The anonymous requirement `{}` is satisfied by anyone.
 */
export function requirementSatisfiedBy(a: SecurityRequirement, b: SecurityRequirement): boolean {
  for (const s of a.schemes) {
    const other = b.schemes.find((x) => x.name === s.name);
    if (!other) return false;
    for (const scope of s.scopes) if (!other.scopes.includes(scope)) return false;
  }
  return true;
}

/** A stable key for a requirement (scheme names and scopes sorted). */
export function requirementKey(req: SecurityRequirement): string {
  return req.schemes
    .map((s) => `${s.name}[${[...s.scopes].sort().join(',')}]`)
    .sort()
    .join('+');
}
