import { defineProbeCheck, type Endpoint, type Exchange } from '../../../engines/probe/types.ts';
import { type Baseline, label, looksLikeBaseline, notFoundBaseline } from '../_config/exchanges.ts';

const MISSING = new Set([404, 405, 501]);

/** The directory of a concrete path: `/api/v2/loyalty/points?x=1` -> `/api/v2/loyalty/`. */
function dirOf(path: string): string {
  const bare = path.split('?')[0] ?? path;
  return bare.slice(0, bare.lastIndexOf('/') + 1) || '/';
}

export default defineProbeCheck({
  id: 'documented-endpoint-missing',
  title: 'Documented endpoint missing from the running API',
  severity: 'low',
  confidence: 'medium',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  messages: {
    missing:
      'The definition documents {{endpoint}}, but the running API answers {{statuses}} to {{who}}, the same answer as for a path that does not exist: clients built from the definition fail here, and the definition no longer describes what is deployed (so reviews and tests of it miss what really runs). Implement the operation, or remove it from the definition (deprecate it first if clients depend on it).',
  },
  defaultOptions: {},
  docs: {
    description:
      'Looks at the answers every identity (and the anonymous caller, unless refused with 401/403 before routing) got from each documented endpoint in the crawl. An endpoint counts as missing when all of them are 405 or 501, or 404 with the very body a random path next to it gets; for a path with ids, only when the ids are of objects the probe created (so "object not found" never counts).',
    attack:
      'An API whose definition and deployment have drifted apart is an inventory problem (OWASP API9): security reviews, gateway rules and tests are built from a contract that is not what runs, so the operations that do run (older or shadow ones) escape them. A missing documented endpoint is the visible half of that drift.',
    fix: 'Generate routes and the definition from one source, or test the deployment against the definition in CI (contract tests) so drift fails the build. Implement the missing operation, or remove it from the definition after a deprecation period.',
  },
  async run(ctx) {
    const byEndpoint = new Map<Endpoint, Exchange[]>();
    for (const ex of ctx.exchanges()) {
      if (!ex.endpoint || !ex.response) continue;
      const list = byEndpoint.get(ex.endpoint) ?? [];
      list.push(ex);
      byEndpoint.set(ex.endpoint, list);
    }
    const created = ctx.resources.all();
    const baselines = new Map<string, { baseline?: Baseline; exchange: Exchange }>();
    for (const e of ctx.endpoints) {
      if (ctx.signal.aborted) return;
      const all = byEndpoint.get(e) ?? [];
      // Anonymous 401/403 may come from an auth layer in front of the router: it says nothing.
      const judged = all.filter((x) => x.identity || ![401, 403].includes(x.response?.status ?? 0));
      if (!judged.length || !judged.some((x) => x.identity) || !judged.every((x) => MISSING.has(x.response?.status ?? 0))) continue;
      const templated = e.path.includes('{');
      let proof: Exchange | undefined;
      let ok = true;
      for (const x of judged) {
        if (x.response?.status !== 404) continue;
        if (templated && !created.some((r) => x.request.path.split('?')[0]?.startsWith(r.path))) {
          ok = false;
          break;
        }
        const as = x.identity ?? null;
        const key = `${e.method} ${dirOf(x.request.path)}\0${as}`;
        if (!baselines.has(key)) baselines.set(key, await notFoundBaseline(ctx, dirOf(x.request.path), e.method, as));
        const b = baselines.get(key);
        if (!looksLikeBaseline(x, b?.baseline)) {
          ok = false;
          break;
        }
        proof ??= b?.exchange;
      }
      if (!ok) continue;
      const rank = (x: Exchange) => {
        const i = ctx.identities.findIndex((id) => id.name === x.identity);
        return i < 0 ? ctx.identities.length : i;
      };
      judged.sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
      const first = judged[0] as Exchange;
      const statuses = [...new Set(judged.map((x) => x.response?.status))].sort().join('/');
      const names = [...new Set(judged.map((x) => x.identity ?? 'anonymous'))];
      ctx.report({
        endpoint: e,
        messageId: 'missing',
        data: { endpoint: label(e), statuses, who: names.length > 1 ? `every caller tried (${names.join(', ')})` : names[0] },
        exchanges: proof ? [first, proof] : [first],
        identities: names.filter((n) => n !== 'anonymous'),
      });
    }
  },
});
