import { defineProbeCheck, type Exchange } from '../../../engines/probe/types.ts';
import { ApiWide } from '../_config/api-wide.ts';
import { header, is2xx, perRun } from '../_config/exchanges.ts';

const state = perRun(() => new ApiWide());

/**
 * A request that carried credentials (an identity's, or an Authorization / Cookie / API key header) to
 * an endpoint the definition does not declare public: a public catalog fetched by a signed-in user
 * may still be cached.
 */
function authenticated(ex: Exchange): boolean {
  if (ex.endpoint?.auth === 'none') return false;
  if (ex.identity) return true;
  const h = ex.request.sentHeaders;
  return !!(h.authorization || h.cookie || h['x-api-key']);
}

export default defineProbeCheck({
  id: 'cache-control-missing',
  title: 'Authenticated responses may be cached',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-525'],
  messages: {
    cacheable:
      'An authenticated answer comes back with {{what}} instead of "Cache-Control: no-store" ({{count}} of {{total}} endpoints probed): a browser, proxy or CDN may keep one user\'s data and hand it to the next person on the same machine or behind the same cache. Send "Cache-Control: no-store" on every response to a request with credentials.',
  },
  defaultOptions: {},
  docs: {
    description:
      'Watches the successful (2xx) GET and HEAD responses the run receives for requests carrying credentials (to endpoints not declared public) and reports, once for the API, when they lack Cache-Control: no-store (private, no-cache or max-age still let a cache store the data).',
    attack:
      'Responses to signed-in users hold their personal data. Without no-store, the browser keeps them on disk and shared caches (corporate proxies, CDNs misconfigured to cache API paths) may keep and serve them: the next user of a shared computer, or another customer behind the same cache, reads data that was never theirs.',
    fix: 'Set Cache-Control: no-store on every response to an authenticated request (one middleware or gateway rule), and keep caching headers only on public, non-personal resources. Add Pragma: no-cache for HTTP/1.0 caches if needed.',
  },
  observe(ex, ctx) {
    const wide = state(ctx);
    const where = wide.where(ex, ctx);
    const res = ex.response;
    if (!where || !is2xx(res) || !authenticated(ex)) return;
    if (ex.request.method !== 'GET' && ex.request.method !== 'HEAD') return;
    if (res.status === 204) return;
    wide.saw(where);
    const cc = header(res, 'cache-control');
    if (cc && /(^|[\s,])no-store([\s,]|$)/i.test(cc)) return;
    wide.add(ctx, 'cacheable', where, ex, { what: cc ? `"Cache-Control: ${cc}"` : 'no Cache-Control header' });
  },
  done(ctx) {
    state(ctx).report(ctx, ['cacheable'], () => ({ messageId: 'cacheable' }));
  },
});
