import { defineWsProbeCheck } from '../../../engines/websocket/types.ts';
import { isLoopback } from '../../design/_shared/net-url.ts';

export default defineWsProbeCheck({
  id: 'websocket-cleartext-endpoint',
  title: 'WebSocket served over ws:// instead of wss://',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-319'],
  defaultOptions: { allowLoopback: true, wssPort: 443 },
  messages: {
    cleartext:
      'The socket at {{url}} accepts unencrypted ws:// connections{{who}}{{also}}: messages and the credentials on the upgrade cross the network in clear text. Serve it over wss:// only.',
  },
  docs: {
    description:
      'Reports a ws:// target whose upgrade is accepted, unless its host is loopback (127.0.0.0/8, ::1, localhost), where traffic never leaves the machine. Also tries one anonymous wss:// upgrade on the same host (option `wssPort`, default 443): a host that serves the socket over TLS too is reported even on loopback, since ws:// is then only a downgrade path. Set `allowLoopback: false` to judge a loopback target as the deployed host it stands for.',
    attack:
      'On any shared network (Wi-Fi, a hosting provider, a compromised router) a ws:// session is readable and writable by whoever sits on the path: the session cookie or token on the upgrade opens the account, and every message in both directions can be read or altered.',
    fix: 'Terminate TLS in front of the socket and publish only wss:// URLs; refuse (or redirect the page that opens) plain ws:// upgrades on public hosts, and mark session cookies `Secure` so browsers never send them over ws://.',
  },
  async run(ctx) {
    if (ctx.target.protocol !== 'ws:') return;
    const port = Number(ctx.options.wssPort) || 443;
    // A host that serves the socket over wss:// too needs no ws:// at all, on loopback as elsewhere.
    const twin = await ctx.connect({ as: null, tlsPort: port });
    const servesWss = [101, 401, 403].includes(twin.upgrade.status);
    await twin.close();
    if (!servesWss && ctx.options.allowLoopback !== false && isLoopback(ctx.target.hostname)) return;
    const accepted = await ctx.connectAccepted();
    if (!accepted) return;
    const who = accepted.identity ? ` and carried ${accepted.identity}'s credentials` : '';
    const also = servesWss ? ` although the same host serves it over wss:// on port ${port}` : '';
    ctx.report({
      messageId: 'cleartext',
      severity: accepted.identity ? 'high' : undefined,
      data: { url: ctx.target.href, who, also },
      sessions: servesWss ? [accepted, twin] : [accepted],
    });
  },
});
