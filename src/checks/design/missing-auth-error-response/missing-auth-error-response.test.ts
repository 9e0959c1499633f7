import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('missing-auth-error-response', () => {
  it('flags secured OpenAPI 3 operations without 401/4XX/default, including optional auth, not anonymous ones', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['8:7 /paths/~1me/get/responses', '16:7 /paths/~1feed/get/responses']);
    expect(findings[0].message).toBe(
      'GET /me requires credentials (bearer) but documents no 401, 4XX or default response: the contract does not say how missing or invalid credentials are rejected.',
    );
    expect(findings[1].message).toMatch(/^GET \/feed accepts credentials \(bearer, or none\)/);
  });

  it('flags a Swagger 2.0 operation secured by an API key with no 401', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['10:7 /paths/~1me/get/responses']);
    expect(findings[0].message).toContain('(api_key)');
  });

  it('accepts a Swagger 2.0 401 with only a description (no content: that is how 2.0 documents it)', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });

  it('accepts 401, 4XX and default, and skips anonymous operations and webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
