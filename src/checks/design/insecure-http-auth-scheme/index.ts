import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';

/**
 * The IANA HTTP Authentication Scheme Registry (https://www.iana.org/assignments/http-authschemes),
 * lowercased. `basic` is left to http-basic-auth; `digest`, `negotiate` and `oauth` are weak.
 */
const REGISTERED: ReadonlySet<string> = new Set([
  'basic',
  'bearer',
  'concealed',
  'digest',
  'dpop',
  'gnap',
  'hoba',
  'mutual',
  'negotiate',
  'oauth',
  'privatetoken',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
]);
const WEAK: Record<string, string> = { digest: 'digest', negotiate: 'negotiate', oauth: 'oauth1' };

export default defineDesignCheck({
  id: 'insecure-http-auth-scheme',
  title: 'Weak or unknown HTTP authentication scheme',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-287'],
  messages: {
    digest:
      'Security scheme "{{name}}" uses HTTP Digest: in practice MD5-based, it forces the server to keep password equivalents and offers nothing a short-lived bearer token over TLS does not do better.',
    negotiate:
      'Security scheme "{{name}}" uses HTTP Negotiate (SPNEGO): clients and servers fall back to NTLM, open to relay and pass-the-hash attacks, and the API is tied to a Windows domain.',
    oauth1:
      'Security scheme "{{name}}" uses the HTTP "OAuth" scheme, i.e. OAuth 1.0 signatures (RFC 5849): obsolete, hard to implement correctly, and replaced by OAuth 2.0.',
    unregistered:
      'Security scheme "{{name}}" uses the HTTP scheme "{{scheme}}", which is not in the IANA registry: clients, gateways and scanners cannot know how it works, and home-made schemes rarely get a security review. For tokens use `scheme: bearer` (with `bearerFormat`).',
    missing: 'Security scheme "{{name}}" has `type: http` but no `scheme`: nothing says how clients authenticate.',
  },
  docs: {
    description:
      'Flags `type: http` security schemes (OpenAPI 3.x) whose `scheme` is weak (`digest`, `negotiate`, `oauth` for OAuth 1.0), not registered with IANA (for example `jwt`, `token`, `custom`) or missing. `basic` is reported by http-basic-auth; the other registered schemes (bearer, DPoP, GNAP, HOBA, Mutual, SCRAM, PrivateToken, Concealed, VAPID) are accepted.',
    attack:
      'Digest relies on MD5 and server-side password equivalents; Negotiate degrades to NTLM, which attackers relay and crack; OAuth 1.0 signatures are obsolete and error-prone. An unregistered scheme is a home-made protocol that no standard library implements: every client and server hand-rolls it, and that is where authentication bypasses live.',
    fix: 'Use `scheme: bearer` with short-lived tokens from an OAuth 2.0 / OpenID Connect provider (declare `bearerFormat: JWT` if they are JWTs), or mutual TLS for machine-to-machine traffic. If you really use a standard scheme, spell it as registered with IANA.',
  },
  create(ctx) {
    return {
      securityScheme(s) {
        if (s.type !== 'http') return;
        const node = child(s.ref, 'scheme');
        if (s.scheme === undefined || s.scheme === '') {
          ctx.report({ node: s.ref, messageId: 'missing', data: { name: s.name } });
          return;
        }
        if (s.scheme === 'basic' || s.scheme === 'bearer') return;
        const at = node ?? s.ref;
        const part = node ? 'value' : 'key';
        const weak = WEAK[s.scheme];
        if (weak) ctx.report({ node: at, part, messageId: weak, data: { name: s.name } });
        else if (!REGISTERED.has(s.scheme))
          ctx.report({ node: at, part, messageId: 'unregistered', data: { name: s.name, scheme: String(node?.value ?? s.scheme) } });
      },
    };
  },
});
