import { defineAsyncApiCheck } from '../../../engines/websocket/types.ts';
import { joinPointer } from '../../../formats/pointer.ts';
import { isLoopback } from '../../design/_shared/net-url.ts';

export default defineAsyncApiCheck({
  id: 'websocket-cleartext-server',
  title: 'WebSocket server over ws:// instead of wss://',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-319'],
  messages: {
    cleartext:
      'Server "{{name}}" ({{url}}) speaks unencrypted WebSocket (ws): every message, and the cookie or token sent with the upgrade request, crosses the network in clear text. Serve it over wss.',
  },
  docs: {
    description:
      'Flags AsyncAPI 2.x and 3.x servers whose protocol is `ws` (or whose URL starts with `ws://`) on any host other than loopback (`localhost`, 127.0.0.0/8, ::1). Servers of other protocols and `wss` servers are not judged.',
    attack:
      "Anyone on the path (public Wi-Fi, a compromised router, a proxy) reads and rewrites ws:// traffic: chat messages, account data, and the session cookie or token that authenticated the upgrade, which then opens the victim's account. Long-lived sockets give the attacker a live feed rather than one request.",
    fix: 'Terminate TLS for the socket (`protocol: wss`, `wss://` URLs), redirect or refuse plain `ws://` upgrades on public hosts, and keep `ws` only for loopback development servers.',
  },
  check(api, ctx) {
    for (const s of api.servers) {
      if (s.protocol !== 'ws' && !/^ws:\/\//i.test(s.url)) continue;
      if (isLoopback(s.host)) continue;
      const field = s.value.protocol !== undefined ? 'protocol' : api.version === 2 ? 'url' : 'host';
      ctx.report({
        pointer: joinPointer(s.pointer, field),
        part: 'value',
        messageId: 'cleartext',
        data: { name: s.name, url: /^ws:\/\//i.test(s.url) ? s.url : `ws://${s.url}` },
        evidence: s.url,
      });
    }
  },
});
