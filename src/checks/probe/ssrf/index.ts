import { type CanaryHit, defineProbeCheck, type Exchange, type ProbeContext } from '../../../engines/probe/types.ts';
import { describePoint, eachTarget, type InjectionPoint, inject, label, marker, type Target } from '../_inject/points.ts';
import { urlLike } from '../_inject/ssrf.ts';

interface Shot {
  t: Target;
  p: InjectionPoint;
  marker: string;
  url: string;
  ex: Exchange;
}

/** Plants a fresh canary URL at the point; the shot, if the request went out. */
async function plant(ctx: ProbeContext, t: Target, p: InjectionPoint): Promise<Shot | undefined> {
  const m = marker('ssrf');
  const url = ctx.canary.url(m);
  const ex = await inject(ctx, t, p, url);
  return ex?.response ? { t, p, marker: m, url, ex } : undefined;
}

function describeHit(h: CanaryHit): string {
  const ua = h.headers['user-agent'];
  return `${h.method}${ua ? ` with User-Agent "${ua.slice(0, 60)}"` : ''}`;
}

const FIX =
  'Fetch only what the feature needs: allow-list the hosts (or URL prefixes) the server may call, resolve the name and refuse loopback, private, link-local (169.254.169.254) and other internal addresses, also at connect time and after each redirect (or do not follow redirects), and send the request from an egress proxy that enforces the same rules.';

export default defineProbeCheck({
  id: 'ssrf',
  title: 'Server-side request forgery',
  severity: 'high',
  confidence: 'high',
  owasp: ['API7:2023'],
  cwe: ['CWE-918'],
  messages: {
    fetched: `{{where}} of {{endpoint}} makes the server fetch any URL: given a URL on Rampart's loopback canary, the API server requested it ({{hit}}), and did again with a second URL. Anyone can make the server call what only it can reach: localhost admin ports, internal services, the cloud metadata endpoint with its credentials. ${FIX}`,
  },
  defaultOptions: { maxPointsPerEndpoint: 12, waitMs: 1500 },
  docs: {
    description:
      'Puts a unique URL of a canary server Rampart runs on 127.0.0.1 into every URL-like parameter and JSON body field (names such as url, callbackUrl, webhook, image, avatar, feed; values that already are http(s) URLs; schema format uri) and reports the field when the canary receives a request for that URL, confirmed with a second unique URL. Only the canary address is ever sent, so the probe makes the target call nothing but Rampart itself, on the machine that runs it.',
    attack:
      'Webhook testers, URL previews, image imports and PDF renderers fetch URLs from the request. Without restrictions an attacker points them at http://169.254.169.254/ (cloud credentials), http://localhost:8080/admin, internal databases or other services behind the firewall, and reads the answers or uses the server as a proxy for scanning and attacks.',
    fix: `${FIX} Do not return the fetched content or detailed errors to the caller.`,
  },
  async run(ctx) {
    const waitMs = Number(ctx.options.waitMs ?? 1500);
    const shots: Shot[] = [];
    await eachTarget(ctx, async (t) => {
      for (const p of t.points) {
        if (ctx.signal.aborted) return;
        if (p.place === 'path' || !urlLike(p.name, p.original, p.parameter?.schema)) continue;
        const shot = await plant(ctx, t, p);
        if (shot) shots.push(shot);
      }
    });
    // Wait for late fetches once for all (a webhook may be sent after the answer).
    const hit = await Promise.all(shots.map((s) => ctx.canary.hits(s.marker, waitMs)));
    const confirmed = await Promise.all(
      shots.map(async (s, i) => {
        const first = hit[i] as CanaryHit[];
        if (!first.length || ctx.signal.aborted) return undefined;
        const again = await plant(ctx, s.t, s.p);
        if (!again || !(await ctx.canary.hits(again.marker, waitMs)).length) return undefined;
        return { s, again, first: first[0] as CanaryHit };
      }),
    );
    for (const c of confirmed) {
      if (!c) continue;
      const { s, again, first } = c;
      ctx.report({
        endpoint: s.t.endpoint,
        messageId: 'fetched',
        data: {
          where: describePoint(s.p),
          endpoint: label(s.t.endpoint),
          name: s.p.name,
          technique: 'canary',
          url: s.url,
          hit: describeHit(first),
        },
        exchanges: [s.ex, again.ex],
        identities: s.t.as ? [s.t.as] : undefined,
        fingerprintKey: s.p.name,
      });
    }
  },
});
