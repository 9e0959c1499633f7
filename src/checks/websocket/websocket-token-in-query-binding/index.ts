import { isObj } from '../../../engines/websocket/asyncapi.ts';
import { defineAsyncApiCheck } from '../../../engines/websocket/types.ts';
import { joinPointer } from '../../../formats/pointer.ts';
import { credentialName } from '../_shared/names.ts';

export default defineAsyncApiCheck({
  id: 'websocket-token-in-query-binding',
  title: 'WebSocket credential in the query string',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-598'],
  messages: {
    binding:
      'The WebSocket binding of channel {{channel}} takes query parameter "{{name}}", {{what}}: the upgrade URL (and the credential in it) lands in proxy, load balancer and server access logs and in browser history. Send it in a header, a cookie checked together with Origin, or the first message.',
    scheme:
      'Security scheme "{{name}}" sends an API key in the query parameter "{{param}}" of the WebSocket upgrade URL, where access logs and proxies record it. Use a header or a short-lived one-time ticket.',
  },
  docs: {
    description:
      'Flags WebSocket channel bindings (`bindings.ws.query`) whose query schema has a property named like a credential (`token`, `access_token`, `api_key`, `jwt`, `session_id`, `password`...; cursors such as `page_token` are not) and `httpApiKey` security schemes with `in: query` in documents that describe WebSocket channels.',
    attack:
      "Browsers cannot set headers on a WebSocket upgrade, so teams put the token in the URL: every reverse proxy, CDN, load balancer and APM tool then logs it, support staff and log pipelines can read it, and anyone with log access replays it to open the victim's socket.",
    fix: 'Authenticate the upgrade with a cookie and check `Origin` against an allow-list, or exchange the token for a single-use ticket that expires in seconds, or send the credential in the first message and close the socket if it does not arrive. Keep long-lived tokens out of URLs.',
  },
  check(api, ctx) {
    for (const ch of api.channels) {
      const bindings = api.resolve({ pointer: joinPointer(ch.pointer, 'bindings'), value: ch.value.bindings });
      const ws = bindings && api.resolve({ pointer: joinPointer(bindings.pointer, 'ws'), value: bindings.value.ws });
      const query = ws && api.resolve({ pointer: joinPointer(ws.pointer, 'query'), value: ws.value.query });
      if (!query || !isObj(query.value.properties)) continue;
      for (const name of Object.keys(query.value.properties)) {
        const what = credentialName(name);
        if (!what) continue;
        ctx.report({
          pointer: joinPointer(query.pointer, 'properties', name),
          messageId: 'binding',
          data: { channel: ch.address, name, what },
        });
      }
    }
    if (!api.channels.some((c) => c.webSocket)) return;
    const components = isObj(api.doc.value) ? (api.doc.value as Record<string, unknown>).components : undefined;
    const schemes = isObj(components) && isObj(components.securitySchemes) ? components.securitySchemes : {};
    for (const [name, raw] of Object.entries(schemes)) {
      const s = api.resolve({ pointer: joinPointer('/components/securitySchemes', name), value: raw });
      if (s?.value.type !== 'httpApiKey' || s.value.in !== 'query') continue;
      ctx.report({
        pointer: joinPointer(s.pointer, 'in'),
        part: 'value',
        messageId: 'scheme',
        data: { name, param: typeof s.value.name === 'string' ? s.value.name : '?' },
      });
    }
  },
});
