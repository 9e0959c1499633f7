import type { Endpoint, Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { numOption } from '../_jwt/replay.ts';
import {
  accepted,
  credentialHeaderNames,
  credentialsOf,
  isPlainAnonymous,
  isPlainIdentity,
  isRefused,
  replayable,
  sameEndpoint,
  status,
} from '../_jwt/targets.ts';

/** Operations that are public by nature even when a definition forgets `security: []`. */
const AUTH_ENTRY =
  /\/(?:login|log-in|signin|sign-in|signup|sign-up|register|token|oauth2?|authorize|forgot[\w-]*|reset[\w-]*|otp|refresh)(?:\/|$)/i;

function body(x: Exchange): string {
  return (x.response?.body ?? '').trim();
}

export default defineProbeCheck({
  id: 'auth-not-enforced',
  title: 'Endpoint answers without authentication',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: {
    required:
      '{{method}} {{path}} answered {{status}} to a request without credentials although the definition requires authentication{{admin}}: anyone who can reach the API can call it. Enforce authentication on this operation (the middleware the other secured routes use), or declare it public with `security: []` if it is meant to be.',
    undeclared:
      "{{method}} {{path}} answered {{status}} without credentials with the same data as {{identity}}'s request, although its answers differ per user and other endpoints refuse anonymous requests: per-user data is served to anyone. Require authentication on this operation and take the user from the verified credentials, never from a default.",
  },
  defaultOptions: { maxRequests: 30 },
  docs: {
    description:
      "Compares the crawl's anonymous request to each endpoint with the identities' requests. Flags a 2xx without credentials where the definition requires authentication, and, where the definition says nothing (Postman, HAR), a 2xx without credentials that returns the same data as an identity's request on an endpoint whose data differs per identity (while other endpoints refuse anonymous requests).",
    attack:
      'An operation that the definition marks as secured but whose route was never put behind the authentication middleware (a new route, a forgotten router, a path-based exclusion that matches too much) serves its data, or performs its action, for anyone on the network. Attackers find such routes by simply calling every documented operation without a token.',
    fix: 'Apply authentication globally (deny by default) and opt public routes out explicitly, instead of opting secured ones in; keep the definition in sync (`security: []` only on public operations) and test in CI that every secured operation answers 401 without credentials.',
  },
  async run(ctx) {
    const creds = await credentialsOf(ctx);
    const credHeaders = credentialHeaderNames(creds.values());
    const names = ctx.identities.map((i) => i.name);
    const history = ctx.exchanges();
    const refusesSomewhere = history.some((x) => isPlainAnonymous(x, credHeaders) && isRefused(x));
    let budget = numOption(ctx.options, 'maxRequests', 30);
    for (const endpoint of ctx.endpoints) {
      if (ctx.signal.aborted) return;
      if (endpoint.auth === 'none' || endpoint.method === 'DELETE' || AUTH_ENTRY.test(endpoint.path)) continue;
      if (endpoint.auth === 'unknown' && !refusesSomewhere) continue;
      const xs = history.filter((x) => x.response && sameEndpoint(x, endpoint));
      const own = names.map((n) => xs.find((x) => x.identity === n && isPlainIdentity(x, credHeaders) && accepted(x))).filter((x) => !!x);
      let anon = xs.find((x) => isPlainAnonymous(x, credHeaders));
      if (!anon && endpoint.auth === 'required' && endpoint.method === 'GET' && own[0] && budget-- > 0) {
        // The crawl could not build an anonymous request (ids): replay an identity's request without credentials.
        anon = await ctx.send(replayable(own[0], credHeaders), null, endpoint);
      }
      if (!anon || !accepted(anon, own[0])) continue;
      if (endpoint.auth === 'required') report(ctx, endpoint, 'required', anon, own[0]);
      else {
        const same = own.find((x) => body(x) === body(anon));
        const perUser = new Set(own.map(body)).size > 1;
        if (same && (perUser || endpoint.admin)) report(ctx, endpoint, 'undeclared', anon, same);
      }
    }
  },
});

function report(ctx: ProbeContext, endpoint: Endpoint, messageId: string, anon: Exchange, own: Exchange | undefined): void {
  ctx.report({
    endpoint,
    messageId,
    severity: endpoint.admin ? 'critical' : undefined,
    data: {
      method: endpoint.method,
      path: endpoint.path,
      status: status(anon),
      identity: own?.identity ?? '',
      admin: endpoint.admin ? ' (an admin operation)' : '',
    },
    exchanges: own ? [anon, own] : [anon],
  });
}
