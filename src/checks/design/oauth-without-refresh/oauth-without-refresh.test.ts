import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('oauth-without-refresh', () => {
  it('flags an authorization code flow with no sign of refresh, not the client credentials flow', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['16:9 /components/securitySchemes/oauth/flows/authorizationCode']);
    expect(findings[0].message).toContain('OAuth2 scheme "oauth" declares an authorization code flow without `refreshUrl`');
    expect(findings[0].severity).toBe('low');
  });
  it('accepts a refreshUrl, a description of the refresh grant, an offline_access scope', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
  it('accepts a definition that documents a refresh operation', async () => {
    expect(await runCheck(check, import.meta.url, 'safe-refresh-endpoint.yaml')).toEqual([]);
  });
  it('does not judge Swagger 2.0, which has no refreshUrl field', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});
