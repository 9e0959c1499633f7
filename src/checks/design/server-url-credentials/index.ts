import { defineDesignCheck } from '../../../engines/design/types.ts';
import { judgeServerUrls, type ServerInfo } from '../_shared/net-servers.ts';
import { isPlaceholder, redactUserinfo } from '../_shared/net-url.ts';

export default defineDesignCheck({
  id: 'server-url-credentials',
  title: 'Credentials embedded in a server URL',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API2:2023', 'API8:2023'],
  cwe: ['CWE-798'],
  messages: {
    password:
      'Server URL "{{url}}" embeds the password of user "{{user}}" (redacted here): anyone who reads the definition can call the API as that user; rotate the password.',
    token:
      'Server URL "{{url}}" embeds a credential as its user name (redacted here): anyone who reads the definition can use it; rotate it.',
    template:
      'Server URL "{{url}}" asks clients to put credentials in the URL: URLs end up in logs, browser history, proxies and Referer headers; send credentials in an Authorization header instead.',
  },
  docs: {
    description:
      'Flags a user name and password (`https://user:password@host`) or a bare credential (`https://token@host`) in an OpenAPI 3.x server URL, after server-variable defaults are substituted, or in a Swagger 2.0 `host`. Messages and evidence never show the password: only the user name and a redacted value. Placeholders such as `{username}:{password}` are reported at medium severity, as a design smell rather than a leaked secret.',
    attack:
      'A published definition is read by anyone: partners, search engines, the whole internet when it sits in a public repository or developer portal. Credentials in it are credentials given away, and they also leak through every tool that logs or displays the server URL (SDK generators, API consoles, proxies, browser history).',
    fix: 'Remove the credentials from the URL and rotate them now: they must be considered compromised. Declare the authentication as a security scheme (OAuth 2.0, bearer token, API key in a header) so clients send credentials in headers, and keep real values in a secret store.',
  },
  create(ctx) {
    const judge = (group: ServerInfo[]) => {
      const info = group[0];
      if (info.parsed.relative) return;
      const p = info.parsed;
      if (!p.username && !p.password) return;
      const node = ctx.api.version === '2.0' && info.host ? info.host : info.server.ref;
      const url = redactUserinfo(p);
      if ((!p.username || isPlaceholder(p.username)) && (!p.password || isPlaceholder(p.password))) {
        ctx.report({ node, part: 'value', messageId: 'template', data: { url: info.server.url }, severity: 'medium' });
        return;
      }
      const evidence = p.password
        ? `${url} (password redacted, ${p.password.length} chars)`
        : `${url} (user name redacted, ${p.username.length} chars)`;
      if (p.password) ctx.report({ node, part: 'value', messageId: 'password', data: { url, user: p.username || '(empty)' }, evidence });
      else ctx.report({ node, part: 'value', messageId: 'token', data: { url }, evidence });
    };
    // The same URL declared on many operations is one leak: reported once.
    return judgeServerUrls(ctx, judge);
  },
});
