import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('url-field-ssrf', () => {
  it('flags URL fields found by format or by name, in parameters and body fields (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const body = '/paths/~1subscriptions/post/requestBody/content/application~1json/schema/properties';
    expect(positions(findings)).toEqual([
      '7:60 /paths/~1oauth~1authorize/get/parameters/0/schema',
      `18:17 ${body}/callbackUrl`,
      `19:17 ${body}/avatar`,
      `22:19 ${body}/mirrors/items`,
      `23:17 ${body}/smtp_host`,
    ]);
    expect(findingAt(findings, `${body}/callbackUrl`).message).toBe(
      'Property "callbackUrl" of the request body of POST /subscriptions is a URL (name "callbackUrl"): if the server fetches or calls it, a client can aim it at internal services or cloud metadata (SSRF).',
    );
    expect(findingAt(findings, `${body}/callbackUrl`).location).toMatchObject({ endLine: 18, endColumn: 28 });
    expect(findingAt(findings, `${body}/avatar`).message).toContain('is a URL (format "uri")');
    expect(findingAt(findings, `${body}/mirrors/items`).message).toContain('are URLs (format "uri-reference")');
    expect(findingAt(findings, `${body}/smtp_host`).message).toContain('is a host name (name "smtp_host"): if the server connects to it');
    // redirect_uri is matched as a redirect, not as a plain uri.
    const redirect = findingAt(findings, '/paths/~1oauth~1authorize/get/parameters/0/schema');
    expect(redirect.message).toContain('is a redirect target (name "redirect_uri")');
    expect(redirect.message).toContain('(open redirect)');
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });

  it('flags Swagger 2.0 formData and query parameters by name', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['9:11 /paths/~1hooks/post/parameters/0', '10:11 /paths/~1hooks/post/parameters/1']);
    expect(findings.map((f) => f.message.slice(0, 40))).toEqual([
      'Form parameter "webhook" of POST /hooks ',
      'Query parameter "returnUrl" of POST /hoo',
    ]);
  });

  it('accepts pinned hosts, enums, readOnly and response URLs, non-strings, cursors, bare host names and webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
