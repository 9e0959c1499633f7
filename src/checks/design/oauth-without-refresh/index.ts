import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { ApiModel, SecurityScheme } from '../../../formats/openapi/model.ts';
import { words } from '../_shared/words.ts';

const mentionsRefresh = (text: unknown) => typeof text === 'string' && text.toLowerCase().includes('refresh');

/** Anything in the definition, outside this scheme, that says tokens can be refreshed. */
function apiMentionsRefresh(api: ApiModel): boolean {
  const info = api.root.value.info as Record<string, unknown> | undefined;
  if (info && mentionsRefresh(info.description)) return true;
  for (const op of api.operations) {
    if (op.kind !== 'path') continue;
    if (words(op.path).includes('refresh')) return true;
    if (op.operationId && words(op.operationId).includes('refresh')) return true;
  }
  return false;
}

/** The scheme itself says tokens can be refreshed: a refreshUrl on any flow, its description, an offline scope. */
function schemeMentionsRefresh(s: SecurityScheme): boolean {
  if (mentionsRefresh(s.ref.value.description)) return true;
  for (const f of s.flows) {
    if (f.refreshUrl) return true;
    for (const scope of Object.keys(f.scopes)) {
      const w = words(scope);
      if (w.includes('offline') || w.includes('refresh')) return true;
    }
  }
  return false;
}

export default defineDesignCheck({
  id: 'oauth-without-refresh',
  title: 'OAuth flow with no sign of token refresh',
  severity: 'low',
  confidence: 'low',
  owasp: ['API2:2023'],
  cwe: ['CWE-613'],
  messages: {
    noRefresh:
      'OAuth2 scheme "{{name}}" declares an authorization code flow without `refreshUrl`, and nothing in the definition mentions refresh tokens: clients cannot tell how access is renewed, which usually means access tokens are long-lived.',
  },
  docs: {
    description:
      'Flags OpenAPI 3.x OAuth2 authorization code flows that have no `refreshUrl` when nothing else in the definition shows that tokens are refreshed: no `refreshUrl` on another flow of the scheme, no mention of "refresh" in the scheme description or in `info.description`, no `offline_access` or refresh scope, no operation whose path or operationId says refresh (such as `/oauth2/token#refresh`). Refresh tokens are often served by the token endpoint itself, so a missing `refreshUrl` alone proves nothing; the check is a low-severity hint. Client credentials flows re-request tokens instead, implicit flows cannot refresh, the password flow is reported by deprecated-oauth-flow, and Swagger 2.0 has no `refreshUrl` field: none of those are judged.',
    attack:
      'When an API gives no way to renew access, it issues access tokens that live for hours or days so that users are not logged out. A stolen long-lived bearer token (from a log, a browser extension, a leaked device) stays usable for all that time, and revoking it usually means revoking everything.',
    fix: "Issue short-lived access tokens (minutes) with refresh tokens, rotate refresh tokens on use, and say so in the definition: set `refreshUrl` on the flow (it may equal `tokenUrl`) or describe the refresh grant in the scheme's description.",
  },
  create(ctx) {
    let apiRefresh = false;
    return {
      document(api) {
        apiRefresh = apiMentionsRefresh(api);
      },
      securityScheme(s) {
        if (apiRefresh || s.type !== 'oauth2' || schemeMentionsRefresh(s)) return;
        for (const f of s.flows) {
          // 2.0 flows hang off the scheme itself and have no refreshUrl field: nothing to declare there.
          if (f.kind !== 'authorizationCode' || f.ref === s.ref) continue;
          ctx.report({ node: f.ref, messageId: 'noRefresh', data: { name: s.name } });
        }
      },
    };
  },
});
