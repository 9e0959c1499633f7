import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { decodeJwt, unsigned } from '../_jwt/jwt.ts';
import { acceptedAnywhere, numOption, reach } from '../_jwt/replay.ts';
import { findTargets } from '../_jwt/targets.ts';

/** Spellings of `none` that case-sensitive deny lists miss. */
const NONE = ['none', 'None', 'NONE', 'nOnE'];

export default defineProbeCheck({
  id: 'jwt-alg-none',
  title: 'Unsigned JWT (`alg: none`) accepted',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-347'],
  messages: {
    accepted:
      "{{method}} {{path}} accepted a token with `alg: {{alg}}` and no signature (claims copied from {{identity}}'s token) while it refuses anonymous requests{{reach}}: anyone can write their own claims and act as any user, admins included. Verify tokens with a fixed list of algorithms (e.g. `algorithms: ['RS256']`) so `none` is always rejected.",
  },
  defaultOptions: { maxEndpoints: 5 },
  docs: {
    description:
      "Replays an identity's request to secured endpoints (a 2xx with the identity's token, 401/403 without) with the same claims in an unsigned token: header `alg` set to `none` (and `None`, `NONE`, `nOnE`), empty signature. Reported once per API, at the first endpoint that accepts it.",
    attack:
      'RFC 7519 allows unsecured JWTs with `alg: none`. A verifier that reads the algorithm from the token itself (or denies only the exact string `none`) accepts a token anyone can write: the attacker sets `sub` to the victim or `role` to admin and drops the signature. It is the textbook JWT authentication bypass (OWASP API2:2023).',
    fix: "Pass the expected algorithm(s) explicitly when verifying (`jwt.verify(token, key, { algorithms: ['RS256'] })`, `jwtVerify(token, key, { algorithms: [...] })`, `decode(..., algorithms=[...])`), never the one named in the token's header, and use a maintained JWT library that rejects `none` by default.",
  },
  async run(ctx) {
    const targets = await findTargets(ctx, { max: numOption(ctx.options, 'maxEndpoints', 5), jwt: true });
    const hit = await acceptedAnywhere(ctx, targets, (t) => {
      const jwt = decodeJwt(t.creds.token);
      return jwt ? NONE.map((alg) => ({ label: alg, token: unsigned(alg, jwt.header, jwt.claims) })) : [];
    });
    if (!hit) return;
    const { endpoint, identity, anonymous } = hit.target;
    ctx.report({
      endpoint,
      messageId: 'accepted',
      data: { method: endpoint.method, path: endpoint.path, alg: hit.attempt.label, identity, reach: reach(hit) },
      exchanges: [hit.exchange, anonymous, hit.control],
      identities: [identity],
    });
  },
});
