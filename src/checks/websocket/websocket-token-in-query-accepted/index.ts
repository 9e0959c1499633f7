import { defineWsProbeCheck, type WsProbeContext } from '../../../engines/websocket/types.ts';

export default defineWsProbeCheck({
  id: 'websocket-token-in-query-accepted',
  title: 'WebSocket accepts a token in the query string',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-598'],
  defaultOptions: { message: '{"type":"ping"}', params: ['access_token', 'token'] },
  messages: {
    accepted:
      'The socket accepted {{identity}}\'s token in the query parameter "{{param}}" of the upgrade URL, with no header or cookie: the URL, token included, is written to access logs of every proxy and server on the way.',
    configured:
      'Identity {{identity}} authenticates the socket with a credential in the query string of the upgrade URL, and the server accepts it: the URL, credential included, is written to access logs of every proxy and server on the way.',
  },
  docs: {
    description:
      'Takes the bearer or login token of an identity, sends it only as a query parameter of the upgrade URL (options `params`, default `access_token` and `token`), and reports when the socket opens and answers the probe message while the same connection without credentials does not. Identities configured with an API key or token in the query are reported when the socket accepts them and refuses the same upgrade without them. A socket that opens for anyone is not reported here: websocket-unauthenticated-upgrade covers it.',
    attack:
      'Upgrade URLs are logged in full by reverse proxies, load balancers, CDNs and application servers, and kept in browser history: whoever reads those logs (staff, log pipelines, a breached SIEM) gets working tokens and opens sockets as the victims.',
    fix: 'Authenticate the upgrade with a header (native clients), a cookie plus an Origin allow-list (browsers), or a single-use ticket that expires within seconds; refuse long-lived tokens in the query string and strip query strings from access logs.',
  },
  async run(ctx) {
    const configured = ctx.queryIdentities()[0];
    // Credentials are cached: asking for the tokens again below logs no one in twice.
    if (!configured && !(await ctx.tokenIdentities()).length) return noToken(ctx);
    // A socket that opens for anyone needs no token, in the query or elsewhere: that is
    // websocket-unauthenticated-upgrade's finding, and this one would only repeat it under another name.
    const anonymous = await ctx.connect({ as: null });
    if (anonymous.upgrade.status === 101 && (await ctx.exchange(anonymous)).length) return;
    await anonymous.close();
    if (configured) {
      const s = await ctx.connect({ as: configured });
      if (s.upgrade.status === 101 && (await ctx.exchange(s)).length) {
        ctx.report({
          messageId: 'configured',
          data: { identity: configured },
          sessions: [s, anonymous],
          identities: [configured],
          fingerprintKey: 'configured',
        });
        return;
      }
      await s.close();
    }
    const [first] = await ctx.tokenIdentities();
    if (!first) return noToken(ctx);
    const { name, token } = first;
    const params = Array.isArray(ctx.options.params) ? ctx.options.params.map(String) : ['access_token', 'token'];
    for (const param of params) {
      const s = await ctx.connect({ as: name, credentials: 'none', query: { [param]: token } });
      if (s.upgrade.status !== 101 || !(await ctx.exchange(s)).length) {
        await s.close();
        continue;
      }
      ctx.report({
        messageId: 'accepted',
        data: { identity: name, param },
        // The refused anonymous upgrade goes with the proof: the token in the URL is what opened the socket.
        sessions: [s, anonymous],
        identities: [name],
        fingerprintKey: `accepted\0${param}`,
      });
      return;
    }
  },
});

function noToken(ctx: WsProbeContext): void {
  ctx.note('no identity in probe.identities has a bearer or login token: tokens in the query string were not tested');
}
