import { defineProbeCheck, type Exchange, type ProbeContext } from '../../../engines/probe/types.ts';
import { ApiWide } from '../_config/api-wide.ts';
import { header, PROBE_ORIGIN, perRun, replayable, successfulExchanges } from '../_config/exchanges.ts';

interface State {
  wide: ApiWide;
  /** Access-Control-Allow-Origin values seen (other than `*`). */
  origins: Set<string>;
}
const state = perRun<State>(() => ({ wide: new ApiWide(), origins: new Set() }));

function hstsProblem(value: string | undefined): string | undefined {
  if (value === undefined) return 'no Strict-Transport-Security header';
  const m = /max-age\s*=\s*"?(\d+)/i.exec(value);
  if (!m) return `Strict-Transport-Security: ${value} (no max-age)`;
  if (Number(m[1]) <= 0) return `Strict-Transport-Security: ${value} (max-age 0 switches HSTS off)`;
  return undefined;
}

function varies(res: NonNullable<Exchange['response']>): boolean {
  const vary = (header(res, 'vary') ?? '').toLowerCase();
  return vary.split(',').some((v) => v.trim() === 'origin' || v.trim() === '*');
}

function judge(ex: Exchange, ctx: ProbeContext): void {
  const s = state(ctx);
  const where = s.wide.where(ex, ctx);
  const res = ex.response;
  if (!where || !res) return;
  s.wide.saw(where);
  if (!(header(res, 'x-content-type-options') ?? '').toLowerCase().includes('nosniff')) s.wide.add(ctx, 'nosniff', where, ex);
  if (!header(res, 'cross-origin-resource-policy')) s.wide.add(ctx, 'corp', where, ex);
  if (ctx.target.protocol === 'https:') {
    const problem = hstsProblem(header(res, 'strict-transport-security'));
    if (problem) s.wide.add(ctx, 'hsts', where, ex, { problem });
  }
  const acao = header(res, 'access-control-allow-origin');
  if (acao && acao.trim() !== '*') {
    const reflected = ex.request.sentHeaders.origin === acao.trim();
    s.origins.add(acao.trim());
    if ((reflected || s.origins.size > 1) && !varies(res)) s.wide.add(ctx, 'vary', where, ex, { acao: acao.trim() });
  }
}

export default defineProbeCheck({
  id: 'security-headers-missing',
  title: 'Security response headers missing',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-693'],
  messages: {
    nosniff:
      'Responses of this API lack "X-Content-Type-Options: nosniff" ({{count}} of {{total}} endpoints probed): a browser may sniff an answer that echoes user input as HTML or script and run it in the API\'s origin. Send "X-Content-Type-Options: nosniff" on every response (one middleware).',
    corp: 'Responses of this API lack a "Cross-Origin-Resource-Policy" header ({{count}} of {{total}} endpoints probed): any other site can load these responses as no-cors resources and read them through side channels such as Spectre. Send "Cross-Origin-Resource-Policy: same-origin" (or same-site) on every response.',
    hsts: 'This HTTPS API answers with {{problem}} ({{count}} of {{total}} endpoints probed): a client\'s first request can be downgraded to plain HTTP by anyone on the network, who then reads tokens and cookies. Send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every HTTPS response.',
    vary: 'The API answers "Access-Control-Allow-Origin: {{acao}}" depending on the request\'s Origin but without "Vary: Origin" ({{count}} of {{total}} endpoints probed): a browser cache, proxy or CDN can replay one origin\'s CORS answer to another, locking out legitimate front-ends or opening the API to a hostile one. Add "Vary: Origin" to every response whose Access-Control-Allow-Origin depends on the Origin header.',
  },
  defaultOptions: {},
  docs: {
    description:
      'Watches every response of the run for the headers an API should always send: X-Content-Type-Options: nosniff, Cross-Origin-Resource-Policy, Strict-Transport-Security on HTTPS targets, and Vary: Origin when Access-Control-Allow-Origin changes with the Origin header (one request with a foreign Origin tests that). Each missing header is reported once for the whole API.',
    attack:
      'Without nosniff a browser may execute a JSON or text answer that reflects attacker input as HTML or script; without CORP other sites can pull responses into their own pages and read them through side channels; without HSTS a network attacker downgrades the first request to HTTP and steals credentials; without Vary: Origin caches mix up CORS answers between origins.',
    fix: 'Add one response middleware (or gateway policy) that sets X-Content-Type-Options: nosniff, Cross-Origin-Resource-Policy: same-origin, Strict-Transport-Security: max-age=31536000; includeSubDomains (HTTPS), and Vary: Origin whenever the CORS answer depends on the Origin header. Helmet (Express), secure_headers (Rails) or the gateway can do it.',
  },
  async run(ctx) {
    // One request with a foreign Origin, so an Origin-dependent CORS answer shows up even when the
    // crawl sent none. Replays the crawl's first successful GET.
    const [ex] = successfulExchanges(ctx).values();
    if (ex && !ctx.signal.aborted) await ctx.send(replayable(ex, { origin: PROBE_ORIGIN }), ex.identity ?? null, ex.endpoint);
  },
  observe(ex, ctx) {
    judge(ex, ctx);
  },
  done(ctx) {
    state(ctx).wide.report(ctx, ['nosniff', 'corp', 'hsts', 'vary'], (key) => ({
      messageId: key,
      severity: key === 'hsts' ? 'medium' : 'low',
    }));
  },
});
