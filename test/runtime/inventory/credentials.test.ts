import { describe, expect, it } from 'vitest';
import { credentialLabel, credentialsOf, redactedRequest, redactedUrl } from '../../../src/engines/runtime/inventory/credentials.ts';
import type { TrafficRecord } from '../../../src/formats/traffic/types.ts';

const rec = (over: Partial<TrafficRecord>): TrafficRecord => ({
  source: 'x',
  line: 1,
  method: 'GET',
  path: '/',
  host: 'api.test',
  scheme: 'https',
  ...over,
});

describe('credentials and redaction', () => {
  it('names the credentials a request carried', () => {
    const r = rec({
      requestHeaders: [
        ['authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig'],
        ['x-api-key', 'k-123'],
        ['cookie', '_ga=GA1.1; sid=abc; theme=dark'],
      ],
      query: 'api_key=AIzaSyD-123456789012345&page=2&sig=short',
    });
    expect(credentialsOf(r).map(credentialLabel)).toEqual(['bearer JWT', 'header x-api-key', 'cookie sid', 'query api_key']);
    expect(credentialsOf(rec({ requestHeaders: [['authorization', 'Basic YTpi']] })).map(credentialLabel)).toEqual(['basic auth']);
    expect(credentialsOf(rec({ user: 'alice' })).map(credentialLabel)).toEqual(['logged user']);
    expect(credentialsOf(rec({ requestHeaders: [['cookie', '_ga=1; _gid=2']] }))).toEqual([]);
  });

  it('evidence shows names, kinds and lengths, never values', () => {
    const r = rec({
      method: 'POST',
      path: '/v1/reset/Zx9aQ2kLm3Np4Qr5St6Uv7Wx',
      query: 'access_token=abcdef123456&email=jane%40example.com&q=red',
      requestHeaders: [
        ['authorization', 'Bearer abc.def.ghi'],
        ['cookie', 'sid=s3cr3t; theme=dark'],
        ['x-api-key', 'k-123456'],
        ['content-type', 'application/json'],
        ['x-trace', 'not shown'],
      ],
    });
    expect(redactedRequest(r)).toBe(
      [
        'POST https://api.test/v1/reset/Zx9a…[24 chars]?access_token=[redacted]&email=j***@example.com&q=red',
        'Authorization: Bearer [redacted, 11 chars]',
        'Cookie: sid=[redacted]; theme=[redacted]',
        'X-Api-Key: [redacted, 8 chars]',
        'Content-Type: application/json',
      ].join('\n'),
    );
    expect(redactedUrl(rec({ path: '/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage' }))).toBe(
      'https://api.test/bot1…[44 chars]/sendMessage',
    );
    expect(redactedUrl(rec({ path: '/users/550e8400-e29b-41d4-a716-446655440000/cards/4111111111111111' }))).toBe(
      'https://api.test/users/550e8400-e29b-41d4-a716-446655440000/cards/4111…1111',
    );
  });
});
