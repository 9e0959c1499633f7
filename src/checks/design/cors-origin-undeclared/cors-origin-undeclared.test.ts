import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('cors-origin-undeclared', () => {
  it('flags wildcard or null origins with credentials, once per kind, at the (shared) header', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '32:13 /paths/~1partner~1feed/get/responses/200/headers/Access-Control-Allow-Origin',
      '39:5 /components/headers/AnyOrigin',
    ]);
    const [nullOrigin, cookie] = findings;
    expect(nullOrigin.severity).toBe('medium');
    expect(nullOrigin.message).toContain(
      'documented as "null" together with `Access-Control-Allow-Credentials: true` (for example on GET /partner/feed)',
    );
    expect(cookie).toMatchObject({ severity: 'low', location: { endLine: 39, endColumn: 14 } });
    expect(cookie.message).toBe(
      '`Access-Control-Allow-Origin` is documented as "*" for operations that authenticate with a cookie ("SESSIONID"), which browsers send by themselves (for example GET /me): the CORS policy of a credentialed API names no trusted web origin.',
    );
    expect(cookie.evidence?.snippet).toBe('2 operations: GET /me, GET /me/orders');
  });

  it('flags a Swagger 2.0 wildcard default on a Basic-authenticated operation', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['12:26 /paths/~1account/get/responses/200/headers/Access-Control-Allow-Origin']);
    expect(findings[0].message).toContain('HTTP Basic credentials');
  });

  it('reports an undocumented CORS policy once, at paths, as info', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.undeclared.v2.yaml');
    expect(positions(findings)).toEqual(['3:1 /paths']);
    expect(findings[0].severity).toBe('info');
  });

  it('accepts explicit origins, wildcards without ambient credentials, and gateway CORS extensions', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.aws.yaml')).toEqual([]);
  });
});
