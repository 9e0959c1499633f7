import { defineDesignCheck } from '../../../engines/design/types.ts';

export default defineDesignCheck({
  id: 'http-basic-auth',
  title: 'HTTP Basic authentication',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-522'],
  messages: {
    basic: 'Security scheme "{{name}}" uses HTTP Basic: every request carries the password, only base64-encoded.',
  },
  docs: {
    description: 'Flags security schemes that use HTTP Basic authentication (username and password on every request).',
    attack:
      'The password travels with every call and is trivially decoded from logs, proxies and browser caches; it cannot be scoped or expire, and brute force needs nothing but the login endpoint.',
    fix: 'Use a token scheme instead: OAuth 2.0 / OpenID Connect access tokens or short-lived bearer tokens; keep Basic only to obtain a token, over HTTPS.',
  },
  create(ctx) {
    return {
      securityScheme(s) {
        if (s.type === 'http' && s.scheme === 'basic') ctx.report({ node: s.ref, messageId: 'basic', data: { name: s.name } });
      },
    };
  },
});
