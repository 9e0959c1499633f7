import { defineDesignCheck } from '../../../engines/design/types.ts';
import { judgeServerUrls, occurrences, type ServerInfo, variableAlternatives } from '../_shared/net-servers.ts';
import { displayUrl, isCleartext, isLoopback, parseUrl } from '../_shared/net-url.ts';

export default defineDesignCheck({
  id: 'cleartext-server',
  title: 'API served over cleartext HTTP',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-319'],
  messages: {
    server:
      'Server "{{url}}" uses cleartext {{scheme}}://: requests, responses and any credentials they carry can be read and altered on the network.',
    scheme:
      'The API is offered over cleartext HTTP (`schemes` lists "{{value}}") at "{{url}}": requests, responses and any credentials they carry can be read and altered on the network.',
    variable:
      'Server variable "{{name}}" allows "{{value}}", which turns the server into "{{url}}", a cleartext {{scheme}}:// server: clients and generated SDKs may pick it, and then every request and credential travels in clear.',
    schemeNoHost:
      'The API is offered over cleartext HTTP (`schemes` lists "{{value}}"): requests, responses and any credentials they carry can be read and altered on the network.',
  },
  docs: {
    description:
      'Flags OpenAPI 3.x servers whose URL (after substituting server-variable defaults) starts with http:// or ws:// (high), server variables whose `enum` also offers a cleartext variant of an https server (medium), and Swagger 2.0 definitions or operations whose `schemes` list `http`. Loopback servers (localhost, 127.0.0.1, ::1) and relative URLs are left alone: the first never leave the machine (see server-internal-address), the second inherit the scheme the definition is served with.',
    attack:
      'Anyone on the network path (public Wi-Fi, a compromised router, an ISP, a corporate proxy) reads every request and response and can rewrite them: tokens, API keys, cookies and personal data are stolen, and responses are altered to inject content. Publishing an http server also invites clients and generated SDKs to use it, and an https endpoint that still accepts http is open to SSL stripping.',
    fix: 'Serve the API over HTTPS only (TLS 1.2+), list only https:// servers (`schemes: [https]` in Swagger 2.0), redirect or refuse plain HTTP at the edge without processing the request, and send `Strict-Transport-Security` so browsers never downgrade.',
  },
  create(ctx) {
    const reportedAlternatives = new Set<string>();
    const judge = (group: ServerInfo[]) => {
      const info = group[0];
      const evidence = occurrences(group);
      const { parsed, server } = info;
      if (parsed.scheme !== 'http' && parsed.scheme !== 'ws') return;
      if (ctx.api.version === '2.0') {
        if (!parsed.relative && isLoopback(parsed.hostname)) return;
        ctx.report({
          node: server.ref,
          part: 'value',
          messageId: parsed.relative ? 'schemeNoHost' : 'scheme',
          data: { value: String(server.ref.value), url: displayUrl(server.url) },
          evidence,
        });
        return;
      }
      if (parsed.relative || isLoopback(parsed.hostname)) return;
      ctx.report({
        node: server.ref,
        part: 'value',
        messageId: 'server',
        data: { url: displayUrl(server.url), scheme: parsed.scheme },
        evidence,
      });
    };

    // `{scheme}://api.example.com` with `enum: [https, http]`: the definition also offers the http server.
    const alternatives = (group: ServerInfo[], declared: Map<string, ServerInfo[]>) => {
      if (isCleartext(group[0].parsed)) return;
      for (const info of group) {
        if (!info.object) continue;
        for (const alt of variableAlternatives(info.object)) {
          const p = parseUrl(alt.url);
          // Already reported as a server of its own, or already reported through another variable.
          if (!isCleartext(p) || declared.has(alt.url) || reportedAlternatives.has(alt.url)) continue;
          reportedAlternatives.add(alt.url);
          ctx.report({
            node: alt.node,
            part: 'value',
            messageId: 'variable',
            data: { name: alt.name, value: alt.value, url: displayUrl(alt.url), scheme: p.scheme },
            severity: 'medium',
          });
        }
      }
    };
    return judgeServerUrls(ctx, (group, declared) => {
      judge(group);
      if (ctx.api.version !== '2.0') alternatives(group, declared);
    });
  },
});
