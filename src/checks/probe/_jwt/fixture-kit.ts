import { createHmac, generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import type { IdentityConfig, LoginFlow } from '../../../engines/probe/types.ts';
import { app, type FixtureRequest, type Route, sendJson } from '../_kit/app.ts';

/**
 * Shared pieces of the JWT checks' fixture servers: one RSA key pair per process, real tokens signed
 * with `jose` for the standard identities (alice, bob users; carol admin), a small secured API whose
 * token verification each fixture supplies (the flaw, or the correct way), and its OpenAPI definition.
 */

export const RSA_KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The public key as a server would keep it in a file: SPKI PEM, trailing newline included. */
export const RSA_PUBLIC_PEM = RSA_KEYS.publicKey.export({ type: 'spki', format: 'pem' }).toString();
export const KID = 'fixture-key-1';

export type Claims = Record<string, unknown>;

export const CLAIMS: Record<string, Claims> = {
  alice: { sub: 'alice', role: 'user' },
  bob: { sub: 'bob', role: 'user' },
  carol: { sub: 'carol', role: 'admin' },
};

/** An RS256 token valid for an hour (or expired, with a negative lifetime). */
export function signRs256(claims: Claims, lifetimeSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID })
    .setIssuedAt(lifetimeSeconds > 0 ? now : now + lifetimeSeconds - 600)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(RSA_KEYS.privateKey);
}

/** An HS256 token under `secret`, valid for an hour (or expired, with a negative lifetime). */
export function signHs256(claims: Claims, secret: string, lifetimeSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(lifetimeSeconds > 0 ? now : now + lifetimeSeconds - 600)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** The standard identities, each sending `Authorization: Bearer <its token>`. */
export async function jwtIdentities(sign: (claims: Claims) => Promise<string>): Promise<IdentityConfig[]> {
  return [
    { name: 'alice', role: 'user', bearer: await sign(CLAIMS.alice) },
    { name: 'bob', role: 'user', bearer: await sign(CLAIMS.bob) },
    { name: 'carol', role: 'admin', admin: true, bearer: await sign(CLAIMS.carol) },
  ];
}

/** The bearer token of a request, if any. */
export function bearer(req: FixtureRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
  return m?.[1];
}

/** Verifies a token; the claims, or undefined to refuse. */
export type Verifier = (token: string) => Promise<Claims | undefined> | Claims | undefined;

/** The correct verification: RS256 only, signature and expiry checked. */
export const verifyRs256: Verifier = async (token) => {
  try {
    return (await jwtVerify(token, RSA_KEYS.publicKey, { algorithms: ['RS256'] })).payload;
  } catch {
    return undefined;
  }
};

/** The decoded parts of a token without any check (what flawed verifiers start from). */
export function parts(token: string): { header: Claims; claims: Claims } | undefined {
  const [h, p] = token.split('.');
  try {
    return {
      header: JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8')) as Claims,
      claims: JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as Claims,
    };
  } catch {
    return undefined;
  }
}

export interface JwtApiOptions {
  /** Verification per path (default: `verify` for every secured route). */
  verifyFor?: Record<string, Verifier>;
  /** More routes (public or with their own checks). */
  routes?: Route[];
  /** Where the token is read from (default: the bearer header). */
  tokenOf?: (req: FixtureRequest) => string | undefined;
}

/** The secured API: GET /api/me, GET /api/orders, GET /api/me/preferences (bearer JWT) and a public GET /api/health. */
export function jwtApi(verify: Verifier, opts: JwtApiOptions = {}): RequestListener {
  const secured =
    (path: string, body: (claims: Claims) => unknown): Route['handler'] =>
    async (req, res) => {
      const token = (opts.tokenOf ?? bearer)(req);
      const claims = token ? await (opts.verifyFor?.[path] ?? verify)(token) : undefined;
      if (!claims) return sendJson(res, 401, { error: 'unauthorized' });
      sendJson(res, 200, body(claims));
    };
  return app([
    { method: 'GET', path: '/api/health', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    { method: 'GET', path: '/api/me', handler: secured('/api/me', (c) => ({ user: c.sub, role: c.role })) },
    { method: 'GET', path: '/api/orders', handler: secured('/api/orders', (c) => [{ id: 1, owner: c.sub, total: 12.5 }]) },
    {
      method: 'GET',
      path: '/api/me/preferences',
      handler: secured('/api/me/preferences', (c) => ({ user: c.sub, theme: 'dark' })),
    },
    ...(opts.routes ?? []),
  ]);
}

const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } };
const refused = { '401': { description: 'No valid token' } };

/** The definition of `jwtApi` (bearer JWT on every operation but /api/health), plus `paths`. */
export function jwtOpenapi(paths: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'JWT fixture', version: '1.0.0' },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/health': { get: { security: [], responses: ok } },
      '/api/me': { get: { responses: { ...ok, ...refused } } },
      '/api/orders': { get: { responses: { ...ok, ...refused } } },
      '/api/me/preferences': { get: { responses: { ...ok, ...refused } } },
      ...paths,
    },
  };
}

/** A definition of GET operations: `secured` ones require a bearer token, `open` ones declare `security: []`. */
export function getOpenapi(secured: string[], open: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const p of secured) paths[p] = { get: { responses: { ...ok, ...refused } } };
  for (const p of open) paths[p] = { get: { security: [], responses: ok } };
  return {
    openapi: '3.0.3',
    info: { title: 'Auth fixture', version: '1.0.0' },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearerAuth: [] }],
    paths: { ...paths, ...extra },
  };
}

/** POST /api/login `{username, password}` (password `<name>-pw`) -> `{ token }` signed by `sign`. */
export function loginRoute(sign: (claims: Claims) => Promise<string>): Route {
  return {
    method: 'POST',
    path: '/api/login',
    handler: async (req, res) => {
      const { username, password } = (req.json ?? {}) as { username?: string; password?: string };
      const claims = username ? CLAIMS[username] : undefined;
      if (!claims || password !== `${username}-pw`) return sendJson(res, 401, { error: 'bad credentials' });
      sendJson(res, 200, { token: await sign(claims) });
    },
  };
}

export const LOGIN_OPENAPI = {
  '/api/login': {
    post: {
      security: [],
      requestBody: {
        content: {
          'application/json': { schema: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } } },
        },
      },
      responses: { '200': { description: 'A session token' }, '401': { description: 'Bad credentials' } },
    },
  },
};

/** alice and bob (users) logging in through POST /api/login; the token goes where `use` says (default: bearer). */
export function loginIdentities(use?: LoginFlow['use']): IdentityConfig[] {
  return ['alice', 'bob'].map((name) => ({
    name,
    role: 'user',
    login: {
      request: { method: 'POST', path: '/api/login', json: { username: '{{username}}', password: '{{password}}' } },
      token: { from: 'json', pointer: '/token' },
      ...(use ? { use } : {}),
    },
    vars: { username: name, password: `${name}-pw` },
  }));
}

/** The claims of an HS256 token whose signature is right under `secret`, expiry NOT checked. */
export function hs256Claims(token: string, secret: string): Claims | undefined {
  const [h, p, s] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const got = Buffer.from(s ?? '', 'base64url');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return undefined;
  const decoded = parts(token);
  return decoded?.header.alg === 'HS256' ? decoded.claims : undefined;
}

/**
 * Share links (standard identities): GET /api/files/{fileId}/link -> `{ url, token }` with an HS256
 * token signed under `secret`; GET /api/downloads?token= serves the file when the token verifies
 * (and, unless `ignoreExp`, has not expired).
 */
export function shareLinkRoutes(secret: string, opts: { ignoreExp?: boolean } = {}): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/files/{fileId}/link',
      handler: async (req, res) => {
        if (!req.user) return sendJson(res, 401, { error: 'unauthorized' });
        const token = await signHs256({ file: req.params.fileId, sub: req.user }, secret, 600);
        sendJson(res, 200, { url: `/api/downloads?token=${token}`, token, expiresIn: 600 });
      },
    },
    {
      method: 'GET',
      path: '/api/downloads',
      handler: (req, res) => {
        const claims = hs256Claims(req.query.get('token') ?? '', secret);
        if (!claims) return sendJson(res, 403, { error: 'invalid link' });
        if (!opts.ignoreExp && !(typeof claims.exp === 'number' && claims.exp > Date.now() / 1000)) {
          return sendJson(res, 403, { error: 'link expired' });
        }
        sendJson(res, 200, { file: claims.file, content: 'quarterly numbers' });
      },
    },
  ];
}

export const SHARE_LINK_OPENAPI = {
  '/api/files/{fileId}/link': {
    get: {
      parameters: [{ name: 'fileId', in: 'path', required: true, schema: { type: 'string' }, example: 'f1' }],
      responses: { ...ok, ...refused },
    },
  },
  '/api/downloads': {
    get: {
      security: [],
      parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
      responses: { ...ok, '403': { description: 'Invalid or expired link' } },
    },
  },
};

/** The JWKS of the fixture key pair. */
export function jwks(): { keys: Record<string, unknown>[] } {
  return { keys: [{ ...RSA_KEYS.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] };
}
