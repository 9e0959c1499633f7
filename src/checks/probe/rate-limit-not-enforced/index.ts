import { defineProbeCheck, type Endpoint, type Exchange, type ProbeContext, type ProbeRequest } from '../../../engines/probe/types.ts';
import { randomToken, replayable, successfulExchanges } from '../_config/exchanges.ts';
import {
  bodyFields,
  burst,
  codeShape,
  duration,
  type FlowKind,
  flowKind,
  loginShape,
  patchBody,
  slowedDown,
  statuses,
  withQuery,
} from '../_config/quota.ts';

const PRIORITY: FlowKind[] = ['login', 'otp', 'reset', 'signup', 'expensive'];

const RISK: Record<FlowKind, string> = {
  login: 'attackers can replay leaked passwords against every account at machine speed (credential stuffing)',
  otp: 'one-time codes can be guessed by trying them all',
  reset: 'anyone can flood users with reset e-mails or SMS, which costs money and buries real messages',
  signup: 'bots can create fake accounts in bulk',
  expensive: 'one client can call it until CPU, memory or the database give out, and run up costs for everyone (denial of service)',
};

interface Plan {
  as: string | null;
  make: (i: number) => ProbeRequest;
}

/** The requests of a burst: a crawl request replayed, or a harmless one built for the flow. */
async function plan(ctx: ProbeContext, e: Endpoint, kind: FlowKind, crawl: Map<Endpoint, Exchange>): Promise<Plan | undefined> {
  const tok = randomToken(4);
  const decoyMail = `rampart-decoy-${tok}@example.invalid`;
  if (kind === 'expensive') {
    // Only read-like calls: a GET the crawl saw succeed (or a POST search), replayed as is.
    const base = crawl.get(e);
    if (!base) return undefined;
    if (e.method !== 'GET' && !/search/i.test(e.path)) return undefined;
    const req = replayable(base);
    return { as: base.identity ?? null, make: () => req };
  }
  if (kind === 'login') {
    const login = loginShape(e);
    const req = login && (await ctx.build(e, null));
    if (!login || !req) return undefined;
    const decoy = login.email ? decoyMail : `rampart-decoy-${tok}`;
    return { as: null, make: () => patchBody(req, { [login.user]: decoy, [login.password]: `Wrong-${tok}` }) };
  }
  if (kind === 'otp') {
    const code = codeShape(e);
    const as = e.auth === 'none' ? null : ((ctx.identities.find((i) => !i.admin) ?? ctx.identities[0])?.name ?? null);
    const req = code && (await ctx.build(e, as));
    if (!code || !req) return undefined;
    const value = String(100000 + Math.floor(Math.random() * 800000));
    return { as, make: () => (code.in === 'query' ? withQuery(req, code.field, value) : patchBody(req, { [code.field]: value })) };
  }
  // Reset and sign-up: the same decoy identity every time (at most one account or one mail to nowhere).
  const req = await ctx.build(e, null);
  if (!req) return undefined;
  const patch: Record<string, string> = {};
  for (const name of Object.keys(bodyFields(e))) {
    if (/mail/i.test(name)) patch[name] = decoyMail;
    else if (/^(?:user(?:_?name)?|login|handle)$/i.test(name)) patch[name] = `rampart-decoy-${tok}`;
  }
  return { as: null, make: () => patchBody(req, patch) };
}

export default defineProbeCheck({
  id: 'rate-limit-not-enforced',
  title: 'No rate limit on a sensitive or expensive operation',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API4:2023', 'API6:2023'],
  cwe: ['CWE-770', 'CWE-799'],
  phase: 'last',
  messages: {
    unlimited:
      '{{n}} requests in {{elapsed}} ({{who}}) were all answered {{statuses}}: no 429, no Retry-After or RateLimit headers and no slowdown. Without a limit on this {{kind}} operation, {{risk}}. Limit requests per client and per account (in the gateway or the app) and answer 429 with Retry-After when the limit is reached.',
  },
  defaultOptions: { requests: 30, maxEndpoints: 4 },
  docs: {
    description:
      "At the end of the run, sends a bounded burst (default 30 requests, through the run's budget and rate limit) to up to four sensitive or expensive operations: login, one-time codes, password reset, sign-up (with a decoy account) and export, report, search, upload or import calls the crawl saw succeed. Reports when no answer is a 429/423, carries Retry-After or RateLimit headers, or slows down clearly.",
    attack:
      'Operations without a rate limit let one client do what should take thousands: guess passwords and codes, create accounts or send reset messages in bulk, or call expensive exports and searches until the database, the CPU or the cloud bill gives out (OWASP API4 and API6).',
    fix: 'Put rate limits in front of every operation, per client address and per account, stricter on authentication flows and costly operations (e.g. 5 failed logins a minute, 10 exports a minute); answer 429 with Retry-After and advertise limits with RateLimit headers. API gateways (Kong, NGINX limit_req, Envoy, cloud API gateways) and libraries (express-rate-limit, bucket4j) do this.',
  },
  async run(ctx) {
    const n = Math.max(2, Number(ctx.options.requests ?? 30));
    const max = Number(ctx.options.maxEndpoints ?? 4);
    const crawl = successfulExchanges(ctx, ['GET', 'POST']);
    const targets = ctx.endpoints
      .map((e) => ({ e, kind: flowKind(e) }))
      .filter((t): t is { e: Endpoint; kind: FlowKind } => !!t.kind)
      .sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
    let tried = 0;
    for (const { e, kind } of targets) {
      if (ctx.signal.aborted || tried >= max) return;
      const p = await plan(ctx, e, kind, crawl);
      if (!p) continue;
      tried++;
      const r = await burst(ctx, n, p.make, p.as, e);
      if (r.incomplete || r.limited || r.exchanges.length < n || slowedDown(r.exchanges)) continue;
      const codes = r.exchanges.map((x) => x.response?.status ?? 0);
      // Server errors under load prove no limit either way; an expensive call must keep succeeding.
      if (codes.some((s) => s >= 500) || (kind === 'expensive' && codes.some((s) => s >= 300))) continue;
      const names: Record<FlowKind, string> = {
        login: 'login',
        otp: 'one-time-code',
        reset: 'password-reset',
        signup: 'sign-up',
        expensive: 'expensive',
      };
      ctx.report({
        endpoint: e,
        messageId: 'unlimited',
        data: {
          n,
          elapsed: duration(r.elapsedMs),
          who: p.as ? `as ${p.as}` : 'anonymously',
          statuses: statuses(r.exchanges),
          kind: names[kind],
          risk: RISK[kind],
        },
        exchanges: [r.exchanges[r.exchanges.length - 1] as Exchange, r.exchanges[0] as Exchange],
        identities: p.as ? [p.as] : undefined,
      });
    }
  },
});
