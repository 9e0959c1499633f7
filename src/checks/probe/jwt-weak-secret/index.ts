import { defineProbeCheck, type Exchange } from '../../../engines/probe/types.ts';
import { Cracker } from '../_jwt/crack.ts';
import { isHmacAlg, maskSecret } from '../_jwt/jwt.ts';
import { numOption } from '../_jwt/replay.ts';
import { positionOf, tokenSightings } from '../_jwt/sightings.ts';
import { credentialHeaderNames, credentialsOf, isPlainIdentity } from '../_jwt/targets.ts';
import { JWT_SECRET_WORDLIST } from '../_jwt/wordlist.ts';

export default defineProbeCheck({
  id: 'jwt-weak-secret',
  title: 'JWT signed with a guessable secret',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-521', 'CWE-798'],
  messages: {
    issued:
      '{{method}} {{path}} returns a JWT ({{alg}}{{whose}}) signed with the guessable secret {{secret}}, one of the {{count}} common secrets Rampart tries: anyone can mint tokens with any claims (another user, an admin role, no expiry). Sign with a random key of at least 32 bytes kept in a secrets manager (or switch to RS256/EdDSA), and rotate it now: every token issued under it can be forged.',
    used: "{{identity}}'s token ({{alg}}, sent to {{method}} {{path}}) is signed with the guessable secret {{secret}}, one of the {{count}} common secrets Rampart tries: anyone can mint tokens with any claims (another user, an admin role, no expiry). Sign with a random key of at least 32 bytes kept in a secrets manager (or switch to RS256/EdDSA), and rotate it now.",
  },
  defaultOptions: { maxTokens: 50, maxCrackMs: 3000, secrets: [] },
  docs: {
    description:
      "Collects every HS256/HS384/HS512 JWT the probe holds (identities' tokens, tokens in any response body or header) and recomputes its signature offline with a built-in list of about 1000 common secrets (plus the `secrets` option). Reported where the token was issued (the login or the response that returned it), once per endpoint.",
    attack:
      'An HMAC-signed JWT is only as strong as its secret, and the signature lets anyone test guesses offline at millions per second: tutorial values (`secret`, `your-256-bit-secret`), framework placeholders and short words fall in seconds. With the secret an attacker mints valid tokens for any user or role, with any expiry, and the server cannot tell them from real ones.',
    fix: 'Generate the signing key with a CSPRNG (at least 32 random bytes, e.g. `openssl rand -base64 32`), load it from a secrets manager, never from code or an example config, and rotate it (which invalidates existing tokens). Better, sign with an asymmetric algorithm (RS256, ES256, EdDSA) so services that verify tokens cannot mint them.',
  },
  async run(ctx) {
    const extra = Array.isArray(ctx.options.secrets) ? ctx.options.secrets.filter((s): s is string => typeof s === 'string') : [];
    const cracker = new Cracker({ extra, deadline: Date.now() + numOption(ctx.options, 'maxCrackMs', 3000) });
    const credHeaders = credentialHeaderNames((await credentialsOf(ctx)).values());
    const reported = new Set<string>();
    for (const s of await tokenSightings(ctx, numOption(ctx.options, 'maxTokens', 50))) {
      if (!isHmacAlg(s.jwt.alg)) continue;
      const secret = cracker.crack(s.jwt);
      if (secret === undefined) continue;
      // Where: the response that handed the token out; for a static credential, the first request that used it.
      let where: Exchange | undefined = s.exchange;
      const used = !where;
      if (!where && s.identity) {
        const mine = ctx.exchanges().filter((x) => x.identity === s.identity && isPlainIdentity(x, credHeaders));
        const secured = [...ctx.endpoints.filter((e) => e.auth !== 'none'), ...ctx.endpoints.filter((e) => e.auth === 'none')];
        where = secured.map((e) => mine.find((x) => x.endpoint === e)).find(Boolean);
      }
      if (!where) continue;
      const { method, path } = positionOf(where);
      if (reported.has(`${method} ${path}`)) continue;
      reported.add(`${method} ${path}`);
      const whose = s.source === 'credentials' ? `, ${s.identity}'s access token` : '';
      ctx.report({
        endpoint: where.endpoint,
        method,
        path,
        messageId: used ? 'used' : 'issued',
        data: {
          method,
          path,
          alg: s.jwt.alg,
          whose,
          identity: s.identity ?? '',
          secret: maskSecret(secret),
          count: JWT_SECRET_WORDLIST.length,
        },
        exchanges: [where],
        identities: s.identity ? [s.identity] : undefined,
      });
    }
  },
});
