import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('undeclared-oauth-scope', () => {
  it('flags scopes declared by no flow of the OAuth2 scheme, at the scope itself', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['4:13 /security/0/oauth/0', '9:33 /paths/~1orders/post/security/0/oauth/1']);
    expect(findings[1].message).toBe(
      'POST /orders requires the scope "order:write" from OAuth2 scheme "oauth", but no flow of that scheme declares it: the authorization server will not issue it, or the requirement is a typo that leaves the intended permission unchecked.',
    );
    expect(findings[0].message).toContain('The root security requires the scope "orders:read"');
  });
  it('flags a Swagger 2.0 scope missing from the scheme scopes', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['15:30 /paths/~1pets/get/security/0/oauth/1']);
    expect(findings[0].location.kind === 'file' && findings[0].location.endColumn).toBe(40);
  });
  it('accepts scopes declared in any flow, OpenID Connect scopes and 3.1 role names', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
