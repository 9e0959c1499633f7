import { defineWsProbeCheck } from '../../../engines/websocket/types.ts';
import { firstReply } from '../_shared/frames.ts';

export default defineWsProbeCheck({
  id: 'websocket-cross-site-hijacking',
  title: 'Cross-site WebSocket hijacking',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-1385', 'CWE-346'],
  defaultOptions: { message: '{"type":"ping"}', origin: 'https://evil.example' },
  messages: {
    hijack:
      "The socket accepted an upgrade from Origin {{origin}} carrying only {{identity}}'s session cookie and answered with {{identity}}'s data ({{reply}}): any web page {{identity}} visits can open the socket as {{identity}}, read its messages and send commands.",
  },
  docs: {
    description:
      'For the first identity that authenticates with a cookie, connects with a foreign `Origin` (option `origin`, default `https://evil.example`) and only that cookie, as a browser on another site would, then sends the probe message. Reports when the upgrade is accepted and data comes back. Not reported when the socket also answers without any cookie (that is websocket-unauthenticated-upgrade).',
    attack:
      'Browsers attach cookies to WebSocket upgrades from any site, and the same-origin policy does not apply to WebSockets. A malicious page opens `new WebSocket("wss://api.example.com/socket")`, rides the victim\'s session cookie, and reads the victim\'s data or acts as the victim for as long as the tab is open (CSWSH).',
    fix: 'Check the `Origin` header of every upgrade against an allow-list of your own front-end origins and refuse others with 403; set session cookies `SameSite=Lax` or `Strict`; or authenticate sockets with a token sent by your own script (a header from native clients, a one-time ticket or the first message) instead of ambient cookies.',
  },
  async run(ctx) {
    const as = ctx.cookieIdentities()[0];
    if (!as) {
      ctx.note('no identity in probe.identities authenticates with a cookie: cross-site hijacking was not tested');
      return;
    }
    const origin = String(ctx.options.origin);
    const anonymous = await ctx.connect({ as: null, origin });
    if (anonymous.upgrade.status === 101 && (await ctx.exchange(anonymous)).length) return;
    await anonymous.close();
    const s = await ctx.connect({ as, origin, credentials: 'cookie' });
    if (s.upgrade.status !== 101) return;
    const data = await ctx.exchange(s);
    if (!data.length) return;
    // The refused anonymous upgrade goes with the proof: the cookie is what opened the socket.
    ctx.report({
      messageId: 'hijack',
      data: { origin, identity: as, reply: firstReply(data) },
      sessions: [s, anonymous],
      identities: [as],
    });
  },
});
