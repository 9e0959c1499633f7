import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { numOption } from '../_jwt/replay.ts';
import { accepted, findTargets, garbageToken, malformedJwt, withGarbage, withToken } from '../_jwt/targets.ts';

export default defineProbeCheck({
  id: 'auth-invalid-token-accepted',
  title: 'Invalid credentials accepted',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-287'],
  messages: {
    accepted:
      "{{method}} {{path}} accepted {{what}} in place of {{identity}}'s credentials, while it refuses requests without any: it checks that a credential is present, not that it is valid, so anyone can call it with any value. Validate every token (signature, expiry, issuer) or look the session or API key up before serving the request.",
  },
  defaultOptions: { maxEndpoints: 30 },
  docs: {
    description:
      "Replays an identity's request to each secured endpoint (a 2xx with the identity's credentials, 401/403 without) with its credentials replaced by a random value, then with a malformed JWT (three segments that decode to nothing). Reported per endpoint that answers 2xx.",
    attack:
      'Middleware that only tests whether an Authorization header, cookie or API key is present (or that a token "looks like" a JWT) lets anyone in: `Authorization: Bearer x` is enough. The endpoint looks protected, since requests without credentials get 401, which hides the flaw from casual tests.',
    fix: 'Verify credentials on every request with the same middleware as the rest of the API: JWTs with the key and pinned algorithms, sessions and API keys by looking them up server side. Treat a value that fails verification exactly like a missing one (401).',
  },
  async run(ctx) {
    const targets = await findTargets(ctx, { max: numOption(ctx.options, 'maxEndpoints', 30) });
    for (const t of targets) {
      if (ctx.signal.aborted) return;
      const garbage = garbageToken();
      let what = `a random value (\`${garbage.slice(0, 16)}…\`)`;
      let x = await ctx.send(withGarbage(t.request, t.creds, garbage), null, t.endpoint);
      if (!accepted(x, t.genuine)) {
        if (t.creds.token === undefined) continue;
        what = 'a malformed JWT (segments that decode to no JSON)';
        x = await ctx.send(withToken(t.request, t.creds, malformedJwt()), null, t.endpoint);
        if (!accepted(x, t.genuine)) continue;
      }
      const { endpoint, identity } = t;
      ctx.report({
        endpoint,
        messageId: 'accepted',
        data: { method: endpoint.method, path: endpoint.path, identity, what },
        exchanges: [x, t.anonymous],
        identities: [identity],
      });
    }
  },
});
