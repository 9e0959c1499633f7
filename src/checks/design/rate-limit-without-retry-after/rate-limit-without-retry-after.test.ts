import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('rate-limit-without-retry-after', () => {
  it('flags an inline 429 without Retry-After, and a shared one once at its definition', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['8:9 /paths/~1search/get/responses/429', '24:5 /components/responses/Throttled']);
    expect(findings[0].message).toBe(
      'The 429 response of GET /search declares no Retry-After (or RateLimit-Reset) header: throttled clients cannot tell when to come back and retry at once.',
    );
    expect(findings[1].message).toMatch(/^The shared 429 response "Throttled" declares no Retry-After/);
    expect(findings[1].evidence?.snippet).toBe('used by POST /export and 1 more operation');
    const f = findings[0];
    expect(f.location.kind === 'file' && [f.location.endLine, f.location.endColumn]).toEqual([8, 14]);
  });

  it('flags a Swagger 2.0 429 without headers', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['8:9 /paths/~1search/get/responses/429']);
  });

  it('accepts Retry-After (any case), X-RateLimit-Reset and the IETF RateLimit field', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.json')).toEqual([]);
  });
});
