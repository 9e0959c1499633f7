import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('credentials-over-cleartext', () => {
  it('reports one finding per (scheme, cleartext server) pair at the scheme, counting operations', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '33:5 /components/securitySchemes/apiKey',
      '37:5 /components/securitySchemes/oauth',
      '43:5 /components/securitySchemes/basic',
      '46:5 /components/securitySchemes/bearer',
    ]);
    const [apiKey, oauth, basic, bearer] = findings;
    expect(apiKey.message).toBe(
      'Security scheme "apiKey" sends its API key "X-API-Key" (in the header) to the cleartext server "http://api.example.com": anyone on the network path can capture the credential and call the API as its owner.',
    );
    // The anonymous /public/status operation is not counted.
    expect(apiKey.evidence?.snippet).toBe('2 operations affected: GET /orders, GET /orders/{id}');
    expect(oauth.message).toContain('OAuth 2.0 access token');
    expect(basic.message).toContain('user name and password (HTTP Basic)');
    expect(bearer.message).toContain('"http://legacy.example.com"');
    expect(bearer.evidence?.snippet).toBe('1 operation affected: GET /legacy/report');
    expect(apiKey.location).toMatchObject({ endColumn: 11 });
  });

  it('reads Swagger 2.0 operation-level schemes', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['6:3 /securityDefinitions/token', '10:3 /securityDefinitions/login']);
    expect(findings[0].evidence?.snippet).toBe('1 operation affected: GET /legacy/items');
    expect(findings[1].message).toContain('HTTP Basic');
  });

  it('names the definition host, not localhost, for a Swagger 2.0 definition without host', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2-nohost.json');
    expect(positions(findings)).toEqual(['6:28 /securityDefinitions/key']);
    expect(findings[0].message).toContain('the cleartext server "http://<the host serving the definition>/api"');
  });

  it('leaves https, loopback and anonymous operations alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
