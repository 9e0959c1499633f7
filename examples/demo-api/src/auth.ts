import { generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { App, User } from './app.ts';
import { type Ctx, HttpError } from './http.ts';
import { type Claims, decodeJwt, hs256Valid, now, rs256Valid, signRs256 } from './jwt.ts';

/**
 * Access tokens: RS256 JWTs signed with a key pair generated at every start (the public half is served
 * at /.well-known/jwks.json). The vulnerable server verifies them the way hand-rolled or outdated JWT
 * code often does; the hardened one pins the algorithm and checks expiry, issuer and audience.
 */

export const ISSUER = 'https://shop.example.com';
export const AUDIENCE = 'rampart-shop-api';
/** Access tokens last 15 minutes. */
export const ACCESS_TTL = 900;

export interface Keys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as SPKI PEM text. */
  publicPem: string;
  kid: string;
  jwk: JsonWebKey;
}

export function createKeys(): Keys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    kid,
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
  };
}

export function issueAccessToken(app: App, user: User): string {
  const iat = now();
  return signRs256(
    {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: String(user.id),
      name: user.username,
      role: user.role,
      iat,
      exp: iat + ACCESS_TTL,
      jti: randomUUID(),
    },
    app.keys.privateKey,
    app.keys.kid,
  );
}

/** The claims of a valid access token, or undefined. */
export function verifyAccessToken(app: App, token: string): Claims | undefined {
  const jwt = decodeJwt(token);
  if (!jwt) return undefined;
  const { alg } = jwt.header;
  if (!app.hardened) {
    // FLAW(jwt-alg-none): the token picks its own algorithm, and `none` means "nothing to verify".
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') return jwt.claims;
    // FLAW(jwt-alg-confusion): HS256 tokens are checked with "the key", which is the public key's PEM text:
    // anyone who downloads the JWKS can sign HS256 tokens the server accepts.
    if (alg === 'HS256') return hs256Valid(jwt, app.keys.publicPem) ? jwt.claims : undefined;
    // FLAW(jwt-expiry-not-enforced): `exp` is never looked at, so a leaked token works forever.
    return alg === 'RS256' && rs256Valid(jwt, app.keys.publicKey) ? jwt.claims : undefined;
  }
  // FIX: the algorithm and key are the server's choice, never the token's; then expiry, issuer, audience.
  if (alg !== 'RS256' || jwt.header.kid !== app.keys.kid || !rs256Valid(jwt, app.keys.publicKey)) return undefined;
  const { exp, nbf, iss, aud } = jwt.claims;
  const t = now();
  const leeway = 30;
  if (typeof exp !== 'number' || exp + leeway < t) return undefined;
  if (typeof nbf === 'number' && nbf - leeway > t) return undefined;
  if (iss !== ISSUER || aud !== AUDIENCE) return undefined;
  return jwt.claims;
}

/** The token of an `Authorization: Bearer` header. */
export function bearerToken(ctx: Ctx): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization ?? '');
  return m?.[1];
}

export function loadUser(app: App, id: unknown): User | undefined {
  const n = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
  if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
  const row = app.db.prepare('SELECT id, username, email, role, created_at FROM users WHERE id = ?').get(n);
  return row ? ({ ...row } as unknown as User) : undefined;
}

export function unauthorized(message = 'A valid access token is required'): HttpError {
  return new HttpError(401, 'unauthorized', message, { 'www-authenticate': 'Bearer realm="rampart-shop"' });
}

/** The authenticated user, or a 401. */
export function requireUser(ctx: Ctx): User {
  if (ctx.user) return ctx.user;
  const token = bearerToken(ctx);
  const claims = token ? verifyAccessToken(ctx.app, token) : undefined;
  const user = claims ? loadUser(ctx.app, claims.sub) : undefined;
  if (!user) throw unauthorized();
  ctx.user = user;
  return user;
}

/** A 403 unless the user is an administrator (the role comes from the database, not from the token). */
export function requireAdmin(user: User): void {
  if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'This operation is for administrators');
}
