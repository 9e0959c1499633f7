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

export function decodeJwt(token: string): Jwt | undefined {
  const [h, p, sig = ''] = token.split('.');
  const header = json(h);
  const payload = json(p);
  if (!header || !payload || typeof header.alg !== 'string' || isDocSample(payload)) return undefined;
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

const jwtIo =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const jwtIoNew =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30';

// Made-up tokens, signed with made-up keys.
const FAR =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsImlzcyI6Imh0dHBzOi8vYXV0aC5hY21lLWNvcnAuaW8iLCJhdWQiOiJiaWxsaW5nLWFwaSIsImlhdCI6MTcxODAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.MwTifdgwxlqvVIObn9G1QnWAZFznmyHqbw_78WnkB2Q';
const NO_EXP =
  'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzdWIiOiI0MiIsInJvbGUiOiJhZG1pbiIsImlhdCI6MTcwMDAwMDAwMH0.lZWrTSj_H79EzByspP_ArzwhKD3asK8VgZocXRZsWTg';
const ES256 =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjaSIsInN1YiI6ImRlcGxveWVyIiwiZXhwIjo0MDcwOTA4ODAwfQ.brSjbHv0a52dm124WGvIfos8Fzg-nKqx5et76IvE8G9T4bdAbvBv5tnGenPc0DAH0XU-jkNsqor7YuzL3n0oIA';
const EXPIRED =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTEwMDEiLCJpYXQiOjEyNjIzMDAwMDAsImV4cCI6MTI2MjMwNDAwMH0.kb08fnNoG3ps19-V8jsjZwBEsOmjS835J58qkc8sl6U';
const NONE = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJzdXBlcnVzZXIiLCJpYXQiOjE3MDAwMDAwMDB9.';
const NO_ALG = 'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiI0MiIsImlhdCI6MTcwMDAwMDAwMH0.zVMPvH47WWFWmbjY4XZQyI3V95hgiwVKCppATRRur7s';

const commonFp = [
  jwtIo,
  `Authorization: Bearer ${jwtIoNew}`,
  NO_ALG,
  // Truncated in documentation.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyJ9...',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ...',
  // Not JSON once decoded.
  'eyJhbGciOiJIUzI1NiJ9.eyQwMzAzMDMwMzAzMDMwMzAz.k_V6HgNYQ6l2H7HhZ_Zt7qiu2LiVEUO0KWCfC76Sm_o',
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
