import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeCatchall from './fixtures/safe-catchall.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('old-version-still-served', () => {
  it('reports an undocumented v1 that still answers the v2 request, with the fields only v1 returns', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /api/v1/users/{userId}']);
    const [f] = findings;
    expect(f?.message).toBe(
      'GET /api/v1/users/{userId} still answers 200 although the definition documents only /api/v2/users/{userId} (v2), and returns fields the current version does not (password_hash): an old version keeps the bugs fixed since and misses the checks added later, so attackers go around the current API through it. Retire it (remove the routes or answer 410 Gone) or, if clients still need it, document it and give it the same security as the current version.',
    );
    expect(f?.evidence?.request).toMatch(/^GET \/api\/v1\/users\/u1 HTTP\/1.1\n/);
    expect(f?.evidence?.response).toContain('"password_hash"');
    expect(f?.evidence?.identities).toEqual(['alice']);
    expect(f?.location).toMatchObject({ url: expect.stringMatching(/\/api\/v1\/users\/u1$/) });
  });

  it('accepts a retired version (410) and a catch-all soft 404', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeCatchall)).toEqual([]);
  });
});
