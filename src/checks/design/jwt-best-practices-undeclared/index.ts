import { defineDesignCheck } from '../../../engines/design/types.ts';
import { words } from '../_shared/words.ts';

/** `RFC 8725`, `rfc8725`, `RFC-8725`, or its BCP number `BCP 225`, anywhere in the description. */
function citesRfc8725(description: unknown): boolean {
  if (typeof description !== 'string') return false;
  const flat = description.toLowerCase().replace(/[\s_-]/g, '');
  return flat.includes('rfc8725') || flat.includes('bcp225');
}

export default defineDesignCheck({
  id: 'jwt-best-practices-undeclared',
  title: 'JWT scheme does not state RFC 8725 best practices',
  severity: 'info',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-347'],
  messages: {
    jwt: 'Security scheme "{{name}}" takes JWTs (`bearerFormat: {{format}}`) but its description does not say that tokens are issued and validated per RFC 8725 (JSON Web Token Best Current Practices).',
  },
  docs: {
    description:
      "Flags security schemes whose `bearerFormat` names JWT when their `description` does not cite RFC 8725, the JWT Best Current Practices (as Spectral's owasp:api2:2023-jwt-best-practices does). OAuth2 schemes are not required to: their access tokens may be opaque.",
    attack:
      'Most JWT vulnerabilities are validation mistakes RFC 8725 lists: accepting `alg: none`, letting the token choose the algorithm (RS256/HS256 confusion), not checking `aud`, `iss` and `exp`, weak HMAC secrets, sensitive data in an unencrypted payload. When the definition does not commit to those rules, implementers and testers do not know they are part of the contract.',
    fix: 'Validate tokens per RFC 8725 (fixed allowed algorithms, `iss`/`aud`/`exp` checks, strong keys, no secrets in claims) and say so in the scheme\'s description, e.g. "JWTs are issued and validated per RFC 8725: RS256 only, audience and expiry checked".',
  },
  create(ctx) {
    return {
      securityScheme(s) {
        if (!s.bearerFormat || !words(s.bearerFormat).includes('jwt')) return;
        if (citesRfc8725(s.ref.value.description)) return;
        ctx.report({ node: s.ref, messageId: 'jwt', data: { name: s.name, format: s.bearerFormat } });
      },
    };
  },
});
