import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import { urlLike } from '../_inject/ssrf.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafePreview from './fixtures/unsafe-preview.ts';
import check from './index.ts';

describe('ssrf', () => {
  it('proves a webhook tester calls the loopback canary with the URL from its JSON body, twice', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['POST /webhooks/test']);
    const f = findings[0];
    expect(f?.message).toBe(
      'JSON body field "url" of POST /webhooks/test makes the server fetch any URL: given a URL on Rampart\'s loopback canary, the API server requested it (POST with User-Agent "node"), and did again with a second URL. Anyone can make the server call what only it can reach: localhost admin ports, internal services, the cloud metadata endpoint with its credentials. Fetch only what the feature needs: allow-list the hosts (or URL prefixes) the server may call, resolve the name and refuse loopback, private, link-local (169.254.169.254) and other internal addresses, also at connect time and after each redirect (or do not follow redirects), and send the request from an egress proxy that enforces the same rules.',
    );
    expect(f).toMatchObject({ ruleId: 'ssrf', severity: 'high', owasp: ['API7:2023'], cwe: ['CWE-918'] });
    expect(f?.evidence?.request).toMatch(
      /^POST \/webhooks\/test HTTP\/1.1\n[\s\S]*"url":"http:\/\/127\.0\.0\.1:\d+\/c\/[0-9a-f]{12}-ssrf[0-9a-f]{10}"/,
    );
    expect(f?.evidence?.identities).toEqual(['alice']);
  });

  it('proves a link preview fetches a query parameter', async () => {
    const findings = await runProbeCheck(check, unsafePreview);
    expect(probePositions(findings)).toEqual(['GET /previews']);
    expect(findings[0]?.message).toContain('query parameter "link" of GET /previews makes the server fetch any URL');
    expect(findings[0]?.message).toContain('(GET with User-Agent "node")');
    expect(findings[0]?.evidence?.request).toMatch(/^GET \/previews\?link=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fc%2F/);
  });

  it('reports nothing when loopback, private and link-local addresses are refused', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });

  it('plants the canary only in URL-like names, URL values and uri-formatted fields', () => {
    expect(['callbackUrl', 'image_url', 'webhook', 'avatarURL', 'feed', 'src'].map((n) => urlLike(n, 'x'))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['curlCount', 'username', 'hurl', 'status'].map((n) => urlLike(n, 'x'))).toEqual([false, false, false, false]);
    expect(urlLike('target', 'https://a.example/')).toBe(true);
    expect(urlLike('target', 'x', { type: 'string', format: 'uri' })).toBe(true);
  });
});
