import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('credential-in-url-parameter', () => {
  it('flags credential-named query and path parameters once per parameter node', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '7:17 /paths/~1orders/get/parameters/0/name',
      '29:17 /paths/~1password-resets~1{resetToken}/get/parameters/0/name',
      '38:13 /components/parameters/ApiKey/name',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Query parameter "access_token" carries a credential in the URL: URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers.',
      'Path parameter "resetToken" puts a credential in the URL path: URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers.',
      'Query parameter "X-Api-Key" carries a credential in the URL: URLs are written to server, proxy and CDN logs, browser history and caches, and leak through Referer headers.',
    ]);
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });
  it('flags a Swagger 2.0 password in the query string, not in the form body', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['9:21 /paths/~1session/get/parameters/1/name']);
  });
  it('accepts pagination cursors, look-alike words, headers, cookies and the apiKey scheme parameter', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
