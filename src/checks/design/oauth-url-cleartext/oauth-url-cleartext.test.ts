import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('oauth-url-cleartext', () => {
  it('flags http authorization, token, refresh and OpenID Connect URLs at the URL value', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '10:29 /components/securitySchemes/oauth/flows/authorizationCode/authorizationUrl',
      '11:21 /components/securitySchemes/oauth/flows/authorizationCode/tokenUrl',
      '12:23 /components/securitySchemes/oauth/flows/authorizationCode/refreshUrl',
      '19:25 /components/securitySchemes/oidc/openIdConnectUrl',
    ]);
    expect(findings[0].location).toMatchObject({ endLine: 10, endColumn: 62 });
    expect(findings[0].message).toBe(
      'Authorization URL "http://auth.example.com/authorize" of OAuth scheme "oauth" (authorizationCode flow) uses cleartext HTTP: the user\'s login, the authorization code or the issued token can be intercepted, and the login page spoofed.',
    );
    expect(findings[1].message).toContain('Token URL');
    expect(findings[2].message).toContain('refresh tokens');
    expect(findings[3].message).toContain('signing keys');
  });

  it('flags Swagger 2.0 OAuth URLs and names the 2.0 flow', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual([
      '9:27 /securityDefinitions/petstore_auth/authorizationUrl',
      '16:19 /securityDefinitions/partner/tokenUrl',
    ]);
    expect(findings[0].message).toContain('(implicit flow)');
    expect(findings[1].message).toContain('(accessCode flow)');
  });

  it('leaves https, relative and loopback OAuth URLs alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
