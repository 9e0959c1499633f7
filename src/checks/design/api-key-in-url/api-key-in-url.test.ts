import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('api-key-in-url', () => {
  it('flags an OpenAPI 3 apiKey scheme in the query string, at its `in` value', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['9:11 /components/securitySchemes/mapsKey/in']);
    expect(findings[0].message).toBe(
      'Security scheme "mapsKey" sends its API key in the query parameter "key": URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers, and the key with them.',
    );
  });
  it('flags a Swagger 2.0 apiKey scheme in the query string', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['6:41 /securityDefinitions/apiKey/in']);
    expect(findings[0].message).toContain('"api_key"');
  });
  it('accepts keys in headers and cookies', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
