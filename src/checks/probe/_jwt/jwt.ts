import { createHmac, randomBytes } from 'node:crypto';

/**
 * Reading and forging compact JWTs (header.payload.signature) for the JWT probe checks. Forged tokens
 * are built by hand (base64url JSON + node:crypto HMAC) so a check controls every byte: `alg: none`
 * variants, HMAC keys that are not valid secrets for a library (a PEM public key), broken signatures.
 */

export type JwtHeader = Record<string, unknown> & { alg?: unknown; kid?: unknown; typ?: unknown };
export type JwtClaims = Record<string, unknown> & { exp?: unknown; iat?: unknown; nbf?: unknown };

export interface DecodedJwt {
  token: string;
  header: JwtHeader;
  claims: JwtClaims;
  /** The algorithm named in the header, e.g. `RS256` (empty when absent). */
  alg: string;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  /** The raw signature bytes. */
  signature: Buffer;
}

/** A JWT anywhere in a text (response bodies, headers, URLs). */
export const JWT_IN_TEXT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

export const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function jsonPart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a compact JWS without verifying it; undefined when it is not one. */
export function decodeJwt(token: string | undefined): DecodedJwt | undefined {
  if (!token || token.length > 16384) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = jsonPart(h);
  const claims = jsonPart(p);
  if (!header || !claims || typeof header.alg !== 'string') return undefined;
  if (s && !/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  return { token, header, claims, alg: header.alg, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** Distinct JWTs found in a text, in order of appearance (bounded). */
export function findJwts(text: string, max = 20): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(JWT_IN_TEXT)) {
    if (decodeJwt(m[0])) out.add(m[0]);
    if (out.size >= max) break;
  }
  return [...out];
}

export function isHmacAlg(alg: string): boolean {
  return alg in HMAC_HASHES;
}

/** RS*, PS*, ES* and EdDSA: signed with a private key, verified with a public one. */
export function isAsymmetricAlg(alg: string): boolean {
  return /^(?:RS|PS|ES)(?:256|384|512|256K)$/.test(alg) || alg === 'EdDSA';
}

function encodeParts(header: JwtHeader, claims: JwtClaims): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
}

/** A token signed with HMAC (`HS256`/`HS384`/`HS512`) under any key bytes. */
export function signHmac(alg: string, key: string | Buffer, header: JwtHeader, claims: JwtClaims): string {
  const hash = HMAC_HASHES[alg];
  if (!hash) throw new Error(`not an HMAC algorithm: ${alg}`);
  const input = encodeParts({ ...header, alg }, claims);
  return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
}

/** An unsigned token: `alg` set to `algName` (`none`, `None`...) and an empty signature. */
export function unsigned(algName: string, header: JwtHeader, claims: JwtClaims): string {
  return `${encodeParts({ ...header, alg: algName }, claims)}.`;
}

/** The same header and claims with a signature of random bytes (same length): what no verifier may accept. */
export function withBrokenSignature(jwt: DecodedJwt): string {
  const len = Math.max(jwt.signature.length, 32);
  let sig = randomBytes(len);
  if (sig.equals(jwt.signature)) sig = randomBytes(len);
  return `${jwt.signingInput}.${sig.toString('base64url')}`;
}

/** True when `key` is the HMAC secret of the token. */
export function hmacMatches(jwt: DecodedJwt, key: string | Buffer): boolean {
  const hash = HMAC_HASHES[jwt.alg];
  if (!hash) return false;
  return createHmac(hash, key).update(jwt.signingInput).digest().equals(jwt.signature);
}

/** Claims of an otherwise identical token that expired `agoSeconds` ago (nbf and iat moved before it). */
export function expiredClaims(claims: JwtClaims, agoSeconds = 3600, now = Math.floor(Date.now() / 1000)): JwtClaims {
  const exp = now - agoSeconds;
  const lifetime =
    typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat ? claims.exp - claims.iat : 900;
  const out: JwtClaims = { ...claims, iat: exp - lifetime, exp };
  if ('nbf' in out) out.nbf = exp - lifetime;
  return out;
}

/** True when the token carries an `exp` in the past. */
export function isExpired(claims: JwtClaims, now = Math.floor(Date.now() / 1000)): boolean {
  return typeof claims.exp === 'number' && claims.exp < now;
}

/** `se…(6 chars)`: enough to recognise a cracked secret in a report, never the secret itself. */
export function maskSecret(secret: string): string {
  if (secret === '') return '(empty string)';
  return `"${secret.slice(0, Math.min(2, Math.floor(secret.length / 2)))}…" (${secret.length} chars)`;
}
