import { createHash, createHmac } from 'node:crypto';
import type { SecretRule } from '../../../engines/secrets/types.ts';

/**
 * JSON Web Tokens (RFC 7519, compact JWS serialization RFC 7515 §7.1): three base64url parts, the first
 * two JSON objects. The header must name an `alg`; the payload is read (bounded by the pattern to 16 KB)
 * to tell a live-looking token from an expired one, and `alg: none` tokens from signed ones. Three rules
 * share one pattern so that each kind has its own id and severity in reports and policies:
 *
 * - `jwt`: signed, with no `exp` or an `exp` still in the future: a bearer credential anyone can replay
 *   until it expires (never, without `exp`), the worst case;
 * - `jwt-expired`: signed but past its `exp`: no longer accepted, yet it tells who issued what to whom
 *   and it may still work where expiry is not checked;
 * - `jwt-unsigned`: `alg: none`: forgeable by anyone; a server that accepts it is broken.
 *
 * Documentation tokens are not reported: the jwt.io samples (sub `1234567890`, name `John Doe`) and
 * RFC 7519's example (iss `joe`).
 */
const PATTERN =
  /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,4096}\.ey[A-Za-z0-9_-]{4,16384}\.(?:[A-Za-z0-9_-]{16,2048})?)(?![A-Za-z0-9_-])/;

interface Jwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signed: boolean;
}

function json(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isDocSample(p: Record<string, unknown>): boolean {
  return p.sub === '1234567890' || p.name === 'John Doe' || (p.iss === 'joe' && p.exp === 1300819380);
}

const CLAIM =
  /^(?:iss|sub|aud|exp|nbf|iat|jti|azp|scope|scp|roles?|groups|email|name|tid|oid|appid|client_id|cid|uid)$|user|account|tenant|org|session|client|role|perm/i;

export function decodeJwt(token: string): Jwt | undefined {
  const [h, p, sig = ''] = token.split('.');
  const header = json(h);
  const payload = json(p);
  if (!header || !payload || typeof header.alg !== 'string' || isDocSample(payload)) return undefined;
  // Issued tokens carry a registered claim or say whom they are for; `{"some": "payload"}` is a demo.
  if (!Object.keys(payload).some((k) => CLAIM.test(k))) return undefined;
  const unsigned = header.alg.toLowerCase() === 'none';
  // A signed token carries at least 16 bytes of signature (HS256: 32, ES256: 64, RS256: 256).
  if (!unsigned && sig.length < 22) return undefined;
  return { header, payload, signed: !unsigned };
}

function expired(j: Jwt, now = Date.now()): boolean {
  const exp = j.payload.exp;
  return typeof exp === 'number' && exp * 1000 < now;
}

const revoke =
  'Revoke the token (or rotate the signing key if the token cannot be revoked on its own), find out who issued it and to whom, and obtain tokens at run time instead of committing them.';

// Samples are built at load time (no token appears verbatim in this file, which our own scan of the
// repository would otherwise report). Made-up claims, signed with made-up keys.
const b64j = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function hs256(header: object, payload: object, key: string, alg = 'sha256'): string {
  const input = `${b64j(header)}.${b64j(payload)}`;
  return `${input}.${createHmac(alg, key).update(input).digest('base64url')}`;
}

const jwtIo = hs256({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'your-256-bit-secret');
const jwtIoNew = hs256(
  { alg: 'HS256', typ: 'JWT' },
  { sub: '1234567890', name: 'John Doe', admin: true, iat: 1516239022 },
  'a-string-secret-at-least-256-bits-long',
);
const FAR = hs256(
  { alg: 'HS256', typ: 'JWT' },
  { sub: 'svc-billing', iss: 'https://auth.acme-corp.io', aud: 'billing-api', iat: 1718000000, exp: 4102444800 },
  'k9#Qv2',
);
const NO_EXP = hs256({ alg: 'HS512', typ: 'JWT', kid: 'k1' }, { sub: '42', role: 'admin', iat: 1700000000 }, 'Zp4w', 'sha512');
const ES256 = `${b64j({ alg: 'ES256', typ: 'JWT' })}.${b64j({ iss: 'ci', sub: 'deployer', exp: 4070908800 })}.${createHash('sha512')
  .update('es256-sample')
  .digest('base64url')}`;
const EXPIRED = hs256({ alg: 'HS256', typ: 'JWT' }, { sub: 'u-1001', iat: 1262300000, exp: 1262304000 }, 'x1');
const NONE = `${b64j({ alg: 'none', typ: 'JWT' })}.${b64j({ sub: 'admin', role: 'superuser', iat: 1700000000 })}.`;
const NO_ALG = hs256({ typ: 'JWT' }, { sub: '42', iat: 1700000000 }, 'q');
const HEAD = b64j({ alg: 'HS256', typ: 'JWT' });

const commonFp = [
  jwtIo,
  `Authorization: Bearer ${jwtIoNew}`,
  NO_ALG,
  // Truncated in documentation.
  `${HEAD}.${b64j({ sub: 'svc-billing' })}...`,
  `${HEAD}.eyJ...`,
  // Not JSON once decoded.
  `${HEAD}.eyQwMzAzMDMwMzAzMDMwMzAz.k_V6HgNYQ6l2H7HhZ_Zt7qiu2LiVEUO0KWCfC76Sm_o`,
];

const rules: SecretRule[] = [
  {
    id: 'jwt',
    title: 'JSON Web Token that has not expired',
    provider: 'JWT',
    severity: 'high',
    confidence: 'high',
    keywords: ['eyj'],
    pattern: PATTERN,
    validate: (s) => {
      const j = decodeJwt(s);
      return j?.signed === true && !expired(j);
    },
    remediation: revoke,
    cwe: ['CWE-798'],
    samples: {
      tp: [
        { text: `const token = "${FAR}";`, secret: FAR },
        { text: `Authorization: Bearer ${NO_EXP}`, secret: NO_EXP },
        { text: `"id_token": "${ES256}",`, secret: ES256 },
        { text: `https://app.acme-corp.io/callback#access_token=${FAR}&token_type=bearer`, secret: FAR },
        { text: `Paste the token (${NO_EXP}).`, secret: NO_EXP },
      ],
      fp: [...commonFp, EXPIRED, NONE],
    },
  },
  {
    id: 'jwt-expired',
    title: 'Expired JSON Web Token',
    provider: 'JWT',
    severity: 'low',
    confidence: 'high',
    keywords: ['eyj'],
    pattern: PATTERN,
    validate: (s) => {
      const j = decodeJwt(s);
      return j?.signed === true && expired(j);
    },
    remediation:
      'The token has expired, but it shows who issued what to whom and may still work where expiry is not enforced: remove it, check that the issuer rejects expired tokens, and use freshly issued tokens in tests.',
    cwe: ['CWE-798'],
    samples: {
      tp: [{ text: `jwt: ${EXPIRED}`, secret: EXPIRED }],
      fp: [...commonFp, FAR, NO_EXP, NONE],
    },
  },
  {
    id: 'jwt-unsigned',
    title: 'Unsigned JSON Web Token (alg: none)',
    provider: 'JWT',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['eyj'],
    pattern: PATTERN,
    validate: (s) => decodeJwt(s)?.signed === false,
    remediation:
      'An unsigned token proves nothing and anyone can forge one: make sure no service accepts `alg: none` (pin the expected algorithms when verifying), and remove the token.',
    cwe: ['CWE-347'],
    samples: {
      tp: [{ text: `curl -H 'Authorization: Bearer ${NONE}' https://api.acme-corp.io/admin`, secret: NONE }],
      fp: [...commonFp, FAR, EXPIRED],
    },
  },
];

export default rules;
