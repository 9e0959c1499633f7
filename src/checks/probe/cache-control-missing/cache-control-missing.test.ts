import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafePrivate from './fixtures/unsafe-private.ts';
import check from './index.ts';

describe('cache-control-missing', () => {
  it('reports once for the API when authenticated answers carry no Cache-Control', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /me']);
    const [f] = findings;
    expect(f?.message).toBe(
      'An authenticated answer comes back with no Cache-Control header instead of "Cache-Control: no-store" (2 of 2 endpoints probed): a browser, proxy or CDN may keep one user\'s data and hand it to the next person on the same machine or behind the same cache. Send "Cache-Control: no-store" on every response to a request with credentials.',
    );
    expect(f?.evidence?.identities).toEqual(['alice']);
    expect(f?.evidence?.request).toMatch(/^GET \/me HTTP\/1.1\n/);
    expect(f?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n/);
    expect(f?.evidence?.curl).toContain('\'authorization: Bearer \'"$ALICE_TOKEN"');
  });

  it('does not accept private or max-age as a substitute for no-store', async () => {
    const findings = await runProbeCheck(check, unsafePrivate);
    expect(probePositions(findings)).toEqual(['GET /me']);
    expect(findings[0]?.message).toContain('comes back with "Cache-Control: private, max-age=600" instead of');
  });

  it('accepts no-store on authenticated answers and caching of public ones', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});
