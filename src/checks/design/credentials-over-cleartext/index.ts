import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { SecurityScheme } from '../../../formats/openapi/model.ts';
import { describeServer, effectiveServers } from '../_shared/net-servers.ts';
import { isCleartext } from '../_shared/net-url.ts';
import { opLabel } from '../_shared/operations.ts';

const EXAMPLES = 3;

/** What a scheme puts on the wire, in words. */
function credentialOf(s: SecurityScheme): string | undefined {
  switch (s.type) {
    case 'apiKey':
      return `its API key${s.paramName ? ` "${s.paramName}"` : ''}${s.in ? ` (in the ${s.in})` : ''}`;
    case 'http':
      if (s.scheme === 'basic') return 'the user name and password (HTTP Basic)';
      if (s.scheme === 'bearer') return 'its bearer token';
      return `its HTTP ${s.scheme ?? 'authentication'} credentials`;
    case 'oauth2':
      return 'its OAuth 2.0 access token';
    case 'openIdConnect':
      return 'its OpenID Connect token';
    default:
      // mutualTLS needs TLS by construction; unknown types are another check's business.
      return undefined;
  }
}

export default defineDesignCheck({
  id: 'credentials-over-cleartext',
  title: 'Credentials accepted over cleartext HTTP',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023', 'API8:2023'],
  cwe: ['CWE-319', 'CWE-523'],
  messages: {
    cleartext:
      'Security scheme "{{name}}" sends {{credential}} to the cleartext server "{{url}}": anyone on the network path can capture the credential and call the API as its owner.',
  },
  docs: {
    description:
      'Flags each pair of (security scheme, cleartext server) where operations that require the scheme (effective operation or root `security`) are served over http:// (3.x servers at any level; 2.0 `schemes` at the root or on the operation). One finding per pair, at the security scheme, with the number of affected operations and examples as evidence, instead of one warning per operation and scheme type. Loopback servers are left alone: the traffic never leaves the machine.',
    attack:
      'API keys, bearer and OAuth tokens, session cookies and Basic passwords sent over plain HTTP are read by anyone on the path (shared Wi-Fi, a compromised router, a proxy, an ISP) and replayed at will: the attacker becomes the user until the credential expires or is rotated, and a Basic password is usually reused elsewhere.',
    fix: 'Serve every authenticated operation over HTTPS only: remove the http:// servers (or `http` from `schemes`), and refuse plain-HTTP requests at the edge without processing them rather than redirecting (a redirect comes after the credential has already been sent in clear). Send `Strict-Transport-Security`.',
  },
  create(ctx) {
    const api = ctx.api;
    // (scheme, server URL) -> affected operations
    const pairs = new Map<string, { scheme: SecurityScheme; credential: string; url: string; ops: string[] }>();
    return {
      operation(op) {
        // Callbacks and webhooks are requests the API makes; their credentials are judged elsewhere.
        if (op.kind !== 'path' || !op.security?.length) return;
        const names = new Set<string>();
        for (const req of op.security) for (const s of req.schemes) names.add(s.name);
        if (!names.size) return;
        const urls: string[] = [];
        for (const server of effectiveServers(api, op)) {
          const info = describeServer(api, server);
          if (isCleartext(info.parsed, true)) urls.push(info.label);
        }
        if (!urls.length) return;
        const label = opLabel(op);
        for (const name of names) {
          const scheme = api.securitySchemes.get(name);
          const credential = scheme && credentialOf(scheme);
          if (!scheme || !credential) continue;
          for (const url of urls) {
            const key = `${name}\0${url}`;
            let pair = pairs.get(key);
            if (!pair) {
              pair = { scheme, credential, url, ops: [] };
              pairs.set(key, pair);
            }
            if (pair.ops[pair.ops.length - 1] !== label) pair.ops.push(label);
          }
        }
      },
      done() {
        for (const { scheme, credential, url, ops } of pairs.values()) {
          const n = ops.length;
          const examples = ops.slice(0, EXAMPLES).join(', ') + (n > EXAMPLES ? ', ...' : '');
          ctx.report({
            node: scheme.ref,
            messageId: 'cleartext',
            data: { name: scheme.name, credential, url },
            evidence: `${n} operation${n === 1 ? '' : 's'} affected: ${examples}`,
          });
        }
      },
    };
  },
});
