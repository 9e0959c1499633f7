import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';

export default defineDesignCheck({
  id: 'deprecated-oauth-flow',
  title: 'Deprecated OAuth 2.0 flow',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-287'],
  messages: {
    implicit:
      'OAuth2 scheme "{{name}}" offers the implicit flow: the access token comes back in the redirect URL, where browser history, Referer headers and injected scripts can take it, and nothing binds it to the client. The OAuth 2.0 Security Best Current Practice (RFC 9700) says not to use it.',
    password:
      'OAuth2 scheme "{{name}}" offers the resource owner password flow: the client collects the user\'s password itself, which defeats delegation, multi-factor login and phishing resistance. The OAuth 2.0 Security Best Current Practice (RFC 9700) says it must not be used.',
  },
  docs: {
    description:
      'Flags OAuth2 security schemes that offer the implicit flow or the resource owner password credentials (ROPC) flow: `flows.implicit` / `flows.password` in OpenAPI 3.x, `flow: implicit` / `flow: password` in Swagger 2.0. Both are deprecated by RFC 9700 and absent from OAuth 2.1.',
    attack:
      'Implicit-flow tokens travel in the URL fragment, leak through history, Referer headers and open redirectors, and can be injected into another session; the flow has no refresh tokens, so apps keep long-lived tokens. The password flow teaches users to type their password into third-party apps, cannot do multi-factor or federated login, and turns every client into a credential-phishing point.',
    fix: 'Use the authorization code flow with PKCE for browser, mobile and desktop apps (`flows.authorizationCode`, `flow: accessCode` in 2.0), and the client credentials flow for machine-to-machine calls.',
  },
  create(ctx) {
    return {
      securityScheme(s) {
        if (s.type !== 'oauth2') return;
        for (const f of s.flows) {
          if (f.kind !== 'implicit' && f.kind !== 'password') continue;
          // 3.x: the flow's key under `flows`; 2.0: the `flow` value of the scheme.
          const flowValue = f.ref === s.ref ? child(s.ref, 'flow') : undefined;
          if (flowValue) ctx.report({ node: flowValue, part: 'value', messageId: f.kind, data: { name: s.name } });
          else ctx.report({ node: f.ref, messageId: f.kind, data: { name: s.name } });
        }
      },
    };
  },
});
