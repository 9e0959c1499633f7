import { defineProbeCheck, type Exchange } from '../../../engines/probe/types.ts';
import { type Baseline, looksLikeBaseline, mediaFamily, notFoundBaseline, replayable, successfulExchanges } from '../_config/exchanges.ts';

/** The first version segment of a path: `/api/v2/users` -> prefix `/api/`, version 2. */
const VERSION_SEGMENT = /^(.*?\/)v(\d{1,3})(?=\/|$)/i;

function topLevelKeys(body: string): Set<string> | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    const obj = Array.isArray(v) ? v[0] : v;
    return obj && typeof obj === 'object' ? new Set(Object.keys(obj as object)) : undefined;
  } catch {
    return undefined;
  }
}

/** Fields the old answer has and the current one does not (a sign the old version skips newer filtering). */
function extraFields(oldBody: string, newBody: string): string[] {
  const o = topLevelKeys(oldBody);
  const n = topLevelKeys(newBody);
  if (!o || !n) return [];
  return [...o].filter((k) => !n.has(k));
}

export default defineProbeCheck({
  id: 'old-version-still-served',
  title: 'Older API version still served',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  messages: {
    served:
      'GET {{oldPath}} still answers {{status}} although the definition documents only {{current}} (v{{currentVersion}}){{extra}}: an old version keeps the bugs fixed since and misses the checks added later, so attackers go around the current API through it. Retire it (remove the routes or answer 410 Gone) or, if clients still need it, document it and give it the same security as the current version.',
  },
  defaultOptions: { maxEndpoints: 40 },
  docs: {
    description:
      'For each documented GET endpoint with a version segment (/v2/) that answered 2xx in the crawl, replays the same request (same identity) with the previous version, v1 and v0 when the definition does not document them. An answer counts when it is 2xx, of the same kind (JSON or not) as the current one, and not the page any unknown path under that version gets.',
    attack:
      'Teams ship /v2 with fixes and leave /v1 running for old clients, unmonitored and undocumented. Attackers try the older prefix on purpose: it often lacks the authorization checks, rate limits and response filtering added in the newer version (the OWASP API9 "zombie API").',
    fix: 'Keep an inventory of every deployed version, retire old versions on a schedule (Sunset and Deprecation headers first, then 410 Gone), and route only documented versions at the gateway. While a version must live, back-port security fixes and test it like the current one.',
  },
  async run(ctx) {
    const max = Number(ctx.options.maxEndpoints ?? 40);
    const documented = new Set<string>();
    for (const e of ctx.endpoints) {
      const m = VERSION_SEGMENT.exec(e.path);
      if (m) documented.add(`${m[1]?.toLowerCase()}v${Number(m[2])}`);
    }
    const order = (ex: Exchange) => (ex.endpoint ? ctx.endpoints.indexOf(ex.endpoint) : 0);
    const bases = [...successfulExchanges(ctx).values()]
      .filter((ex) => ex.endpoint && VERSION_SEGMENT.test(ex.endpoint.path))
      .sort((a, b) => order(a) - order(b))
      .slice(0, max);
    const baselines = new Map<string, Baseline | undefined>();
    for (const base of bases) {
      const e = base.endpoint;
      const m = e && VERSION_SEGMENT.exec(e.path);
      const concrete = VERSION_SEGMENT.exec(base.request.path);
      if (!e || !m || !concrete || !base.response) continue;
      const prefix = m[1] as string;
      const current = Number(m[2]);
      const older = [...new Set([current - 1, 1, 0])].filter(
        (v) => v >= 0 && v < current && !documented.has(`${prefix.toLowerCase()}v${v}`),
      );
      for (const v of older) {
        if (ctx.signal.aborted) return;
        const as = base.identity ?? null;
        const dir = `${concrete[1]}v${v}/`;
        const key = `${dir}\0${as}`;
        if (!baselines.has(key)) baselines.set(key, (await notFoundBaseline(ctx, dir, 'GET', as)).baseline);
        const path = base.request.path.replace(VERSION_SEGMENT, `$1v${v}`);
        const ex = await ctx.send({ ...replayable(base), path }, as);
        const res = ex.response;
        if (!res || res.status < 200 || res.status >= 300) continue;
        if (mediaFamily(res) !== mediaFamily(base.response) || looksLikeBaseline(ex, baselines.get(key))) continue;
        const oldPath = e.path.replace(VERSION_SEGMENT, `$1v${v}`);
        const extra = extraFields(res.body, base.response.body);
        ctx.report({
          method: 'GET',
          path: oldPath,
          messageId: 'served',
          data: {
            oldPath,
            status: res.status,
            current: e.path,
            currentVersion: current,
            extra: extra.length ? `, and returns fields the current version does not (${extra.slice(0, 5).join(', ')})` : '',
          },
          exchanges: [ex, base],
          identities: as ? [as] : undefined,
          fingerprintKey: oldPath,
        });
        break;
      }
    }
  },
});
