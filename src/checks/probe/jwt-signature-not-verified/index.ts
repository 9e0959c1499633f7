import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { decodeJwt, withBrokenSignature } from '../_jwt/jwt.ts';
import { numOption } from '../_jwt/replay.ts';
import { accepted, findTargets, garbageToken, sendWithToken } from '../_jwt/targets.ts';

export default defineProbeCheck({
  id: 'jwt-signature-not-verified',
  title: 'JWT signature not verified',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-347'],
  messages: {
    accepted:
      "{{method}} {{path}} accepted {{identity}}'s token with its signature {{how}}, while it refuses anonymous requests and a garbage token: it reads the claims without checking the signature, so anyone can change `sub` or `role` and act as any user. Verify the token (`jwt.verify`, `jwtVerify`, with the key and pinned algorithms) instead of only decoding it (`jwt.decode`, `decodeJwt`).",
  },
  defaultOptions: { maxEndpoints: 15 },
  docs: {
    description:
      "Replays an identity's request to each secured endpoint (a 2xx with the identity's token, 401/403 without) with the same token but a signature of random bytes, then with the signature removed. Reported per endpoint when one is accepted and a garbage token is not (an endpoint that takes any token at all is auth-invalid-token-accepted).",
    attack:
      'A handler that decodes the JWT (base64 + JSON) to read `sub` or `role` but never verifies it trusts whatever the client writes: the attacker edits the payload of their own token, keeps or drops the signature, and becomes another user or an admin. It often hides in one route that was written with `jwt.decode` while the rest of the API uses the verifying middleware.',
    fix: 'Put every route behind the same verifying middleware; use `jwt.verify(token, key, { algorithms })` (jsonwebtoken), `jwtVerify` (jose), `jwt.decode(..., key, algorithms=[...])` (PyJWT) and never the decode-only functions for authorization decisions. Reject tokens whose signature is missing.',
  },
  async run(ctx) {
    const targets = await findTargets(ctx, { max: numOption(ctx.options, 'maxEndpoints', 15), jwt: true });
    for (const t of targets) {
      if (ctx.signal.aborted) return;
      const jwt = decodeJwt(t.creds.token);
      if (!jwt) continue;
      let how = 'replaced by random bytes';
      let x = await sendWithToken(ctx, t, withBrokenSignature(jwt));
      if (!accepted(x, t.genuine)) {
        how = 'removed';
        x = await sendWithToken(ctx, t, `${jwt.signingInput}.`);
        if (!accepted(x, t.genuine)) continue;
      }
      const control = await sendWithToken(ctx, t, garbageToken());
      if (accepted(control, t.genuine)) continue;
      const { endpoint, identity } = t;
      ctx.report({
        endpoint,
        messageId: 'accepted',
        data: { method: endpoint.method, path: endpoint.path, identity, how },
        exchanges: [x, t.anonymous, control],
        identities: [identity],
      });
    }
  },
});
