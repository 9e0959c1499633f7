import { defineProbeCheck, type Endpoint, type Exchange, type ProbeContext, type ProbeRequest } from '../../../engines/probe/types.ts';
import { randomToken } from '../_config/exchanges.ts';
import { burst, codeShape, duration, loginShape, patchBody, slowedDown, statuses, withQuery } from '../_config/quota.ts';

interface Plan {
  kind: 'password' | 'code';
  as: string | null;
  target: string;
  make: (i: number) => ProbeRequest;
}

/** The identity that enters codes: the first non-admin one (codes belong to a signed-in user). */
function codeIdentity(ctx: ProbeContext, e: Endpoint): string | null {
  if (e.auth === 'none') return null;
  return (ctx.identities.find((i) => !i.admin) ?? ctx.identities[0])?.name ?? null;
}

async function plan(ctx: ProbeContext, e: Endpoint): Promise<Plan | undefined> {
  const login = loginShape(e);
  if (login) {
    const req = await ctx.build(e, null);
    if (!req) return undefined;
    const tok = randomToken(4);
    const decoy = login.email ? `rampart-decoy-${tok}@example.invalid` : `rampart-decoy-${tok}`;
    return {
      kind: 'password',
      as: null,
      target: `the decoy account "${decoy}"`,
      make: (i) => patchBody(req, { [login.user]: decoy, [login.password]: `Wrong-${tok}-${i}` }),
    };
  }
  const code = codeShape(e);
  if (code) {
    const as = codeIdentity(ctx, e);
    const req = await ctx.build(e, as);
    if (!req) return undefined;
    // Six-digit codes from a random start: the chance of hitting the real one is negligible.
    const start = 100000 + Math.floor(Math.random() * 800000);
    const value = (i: number) => String(start + i);
    return {
      kind: 'code',
      as,
      target: as ? `${as}'s session` : 'the endpoint',
      make: (i) => (code.in === 'query' ? withQuery(req, code.field, value(i)) : patchBody(req, { [code.field]: value(i) })),
    };
  }
  return undefined;
}

export default defineProbeCheck({
  id: 'brute-force-not-prevented',
  title: 'Password or code guessing is not stopped',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-307'],
  phase: 'last',
  messages: {
    password:
      '{{n}} wrong passwords for {{target}} in {{elapsed}} were all answered {{statuses}}, with no 429, no lockout, no CAPTCHA and no slowdown: attackers can try leaked or common passwords against every account at full speed (credential stuffing, password spraying). Limit failed logins per account and per client (e.g. 5 per minute, then 429 with Retry-After or exponential backoff), alert on bursts, and offer MFA.',
    code: '{{n}} wrong codes for {{target}} in {{elapsed}} were all answered {{statuses}}, with no 429, no lockout and no slowdown: a six-digit code falls to a few hundred thousand guesses, so an attacker who has the password gets past the second factor. Invalidate the code after a few wrong attempts (e.g. 5), answer 429 with Retry-After, and alert the account owner.',
  },
  defaultOptions: { attempts: 10, maxEndpoints: 3 },
  docs: {
    description:
      'At the end of the run, sends a bounded number of wrong passwords (default 10) for a random decoy username to each login operation (a POST with a user and a password field), and wrong one-time codes to OTP/verification operations, and reports when none of them is refused with 429/423, Retry-After or RateLimit headers, a lockout message or a clear slowdown. Decoy accounts keep real users from being locked out.',
    attack:
      'Login and one-time-code endpoints that accept unlimited attempts let attackers replay leaked credential lists, spray common passwords over every account, or enumerate a six-digit MFA code; bots do this at thousands of attempts per minute from a few addresses.',
    fix: 'Count failed attempts per account (including unknown usernames, so the limit does not reveal which exist) and per client address; after a few failures answer 429 with Retry-After, add exponential backoff or a CAPTCHA, invalidate one-time codes after a few wrong tries, and alert on bursts. Keep the limits in the app or gateway, not only in the front-end.',
  },
  async run(ctx) {
    const n = Math.max(2, Number(ctx.options.attempts ?? 10));
    const max = Number(ctx.options.maxEndpoints ?? 3);
    const targets = ctx.endpoints.filter((e) => loginShape(e) || codeShape(e)).slice(0, max);
    for (const e of targets) {
      if (ctx.signal.aborted) return;
      const p = await plan(ctx, e);
      if (!p) continue;
      const r = await burst(ctx, n, p.make, p.as, e);
      if (r.incomplete || r.limited || r.exchanges.length < n) continue;
      const res = r.exchanges.map((x) => x.response?.status ?? 0);
      // A 2xx means the guess was accepted or the failure is not an HTTP error: nothing to judge.
      if (res.some((s) => s < 400 || s >= 500) || slowedDown(r.exchanges)) continue;
      const last = r.exchanges[r.exchanges.length - 1] as Exchange;
      ctx.report({
        endpoint: e,
        messageId: p.kind,
        data: { n, target: p.target, elapsed: duration(r.elapsedMs), statuses: statuses(r.exchanges) },
        exchanges: [last, r.exchanges[0] as Exchange],
        identities: p.as ? [p.as] : undefined,
        fingerprintKey: p.kind,
      });
    }
  },
});
