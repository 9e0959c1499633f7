import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { displayUrl, isCleartext, parseUrl } from '../_shared/net-url.ts';
import { onlyOnce } from '../_shared/nodes.ts';

const FLOW_URLS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const;

export default defineDesignCheck({
  id: 'oauth-url-cleartext',
  title: 'OAuth or OpenID Connect URL over cleartext HTTP',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023', 'API8:2023'],
  cwe: ['CWE-319'],
  messages: {
    authorizationUrl:
      'Authorization URL "{{url}}" of OAuth scheme "{{name}}" ({{flow}} flow) uses cleartext HTTP: the user\'s login, the authorization code or the issued token can be intercepted, and the login page spoofed.',
    tokenUrl:
      'Token URL "{{url}}" of OAuth scheme "{{name}}" ({{flow}} flow) uses cleartext HTTP: client secrets, passwords, codes and the issued access and refresh tokens travel in clear.',
    refreshUrl:
      'Refresh URL "{{url}}" of OAuth scheme "{{name}}" ({{flow}} flow) uses cleartext HTTP: long-lived refresh tokens and the new access tokens travel in clear.',
    openIdConnectUrl:
      'OpenID Connect discovery URL "{{url}}" of scheme "{{name}}" uses cleartext HTTP: a network attacker can serve their own issuer, endpoints and signing keys, and have forged tokens accepted.',
  },
  docs: {
    description:
      'Flags OAuth 2.0 `authorizationUrl`, `tokenUrl` and `refreshUrl` (3.x flows and 2.0 security definitions) and OpenID Connect `openIdConnectUrl` values that use http:// to a host other than loopback. Relative URLs (allowed in 3.1) inherit the server scheme and are left to cleartext-server.',
    attack:
      "These endpoints handle the most valuable secrets of the API: user passwords on the login page, authorization codes, client secrets, access and refresh tokens. Over plain HTTP they are read and replayed by anyone on the network path, and a tampered discovery document or login page lets an attacker harvest credentials or make clients trust the attacker's signing keys.",
    fix: 'Use https:// for every OAuth and OpenID Connect endpoint (OAuth 2.0 requires TLS for them: RFC 6749 sections 3.1 and 3.2, RFC 9700), and make the authorization server refuse plain-HTTP requests.',
  },
  create(ctx) {
    const once = onlyOnce();
    const check = (node: NodeRef | undefined, key: (typeof FLOW_URLS)[number] | 'openIdConnectUrl', name: string, flow?: string) => {
      if (!node || typeof node.value !== 'string') return;
      if (!once(node)) return;
      if (!isCleartext(parseUrl(node.value))) return;
      ctx.report({ node, part: 'value', messageId: key, data: { url: displayUrl(node.value), name, flow } });
    };
    return {
      securityScheme(s) {
        // Swagger 2.0 names its flows differently (accessCode, application): show the name the user wrote.
        const v2Flow = ctx.api.version === '2.0' && typeof s.ref.value.flow === 'string' ? s.ref.value.flow : undefined;
        for (const f of s.flows) for (const key of FLOW_URLS) check(child(f.ref, key), key, s.name, v2Flow ?? f.kind);
        if (s.type === 'openIdConnect') check(child(s.ref, 'openIdConnectUrl'), 'openIdConnectUrl', s.name);
      },
    };
  },
});
