import { defineProbeCheck, type Exchange } from '../../../engines/probe/types.ts';
import { header, label, PROBE_ORIGIN, replayable, successfulExchanges } from '../_config/exchanges.ts';

type Kind = 'reflected' | 'null' | 'wildcard';

function judge(ex: Exchange, origin: string): Kind | undefined {
  const res = ex.response;
  if (!res) return undefined;
  const acao = header(res, 'access-control-allow-origin')?.trim();
  const credentials = header(res, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  if (!acao || !credentials) return undefined;
  if (acao === '*') return 'wildcard';
  if (origin === 'null' && acao === 'null') return 'null';
  if (acao === origin) return 'reflected';
  return undefined;
}

export default defineProbeCheck({
  id: 'cors-misconfiguration',
  title: 'CORS lets other sites read authenticated responses',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-942'],
  messages: {
    reflected:
      'The API copies any Origin into "Access-Control-Allow-Origin" and adds "Access-Control-Allow-Credentials: true" ({{count}} of {{total}} endpoints tried; Origin: {{origin}} was accepted): any website a signed-in user visits can call this API with the user\'s cookies or credentials and read the answers. Allow only a fixed list of trusted origins, and compare the Origin header against that list exactly.',
    null: 'The API allows "Origin: null" with "Access-Control-Allow-Credentials: true" ({{count}} of {{total}} endpoints tried): sandboxed iframes, data: URLs and local files all send Origin null, so any attacker page can read authenticated answers. Never put null in the CORS allow-list.',
    wildcard:
      'The API answers "Access-Control-Allow-Origin: *" together with "Access-Control-Allow-Credentials: true" ({{count}} of {{total}} endpoints tried): browsers refuse this combination, so the CORS setup is broken, and the usual "fix" (reflecting the Origin) opens the API to every site. Use a fixed list of trusted origins when credentials are needed, or drop Allow-Credentials for a public API.',
  },
  defaultOptions: { maxEndpoints: 10 },
  docs: {
    description:
      'Replays successful GET requests of the crawl (with the same identity) carrying a foreign Origin and then "Origin: null", and reports, once for the API, an Access-Control-Allow-Origin that reflects the foreign origin or null together with Access-Control-Allow-Credentials: true, or the wildcard with credentials.',
    attack:
      "With a reflected origin and credentials allowed, a malicious page opened by a signed-in user sends requests to the API from the victim's browser (cookies attached) and reads the answers: profile data, tokens, orders. Origin null is just as bad: an attacker gets it from a sandboxed iframe.",
    fix: "Keep an explicit allow-list of trusted front-end origins and answer Access-Control-Allow-Origin only with an exact match from it (plus Vary: Origin); never echo the request's Origin unchecked, never allow null, and send Access-Control-Allow-Credentials only to allow-listed origins.",
  },
  async run(ctx) {
    const max = Number(ctx.options.maxEndpoints ?? 10);
    const order = (ex: Exchange) => (ex.endpoint ? ctx.endpoints.indexOf(ex.endpoint) : 0);
    const candidates = [...successfulExchanges(ctx).values()].sort((a, b) => order(a) - order(b)).slice(0, max);
    const found = new Map<Kind, { ex: Exchange; origin: string; endpoints: Set<string> }>();
    for (const base of candidates) {
      for (const origin of [PROBE_ORIGIN, 'null']) {
        if (ctx.signal.aborted) return;
        const ex = await ctx.send(replayable(base, { origin }), base.identity ?? null, base.endpoint);
        const kind = judge(ex, origin);
        if (!kind) continue;
        const f = found.get(kind) ?? { ex, origin, endpoints: new Set<string>() };
        f.endpoints.add(base.endpoint ? label(base.endpoint) : base.request.path);
        found.set(kind, f);
      }
    }
    for (const [kind, f] of found) {
      ctx.report({
        endpoint: f.ex.endpoint,
        messageId: kind,
        severity: kind === 'wildcard' ? 'medium' : 'high',
        data: { origin: f.origin, count: f.endpoints.size, total: candidates.length },
        exchanges: [f.ex],
        identities: f.ex.identity ? [f.ex.identity] : undefined,
        fingerprintKey: kind,
      });
    }
  },
});
