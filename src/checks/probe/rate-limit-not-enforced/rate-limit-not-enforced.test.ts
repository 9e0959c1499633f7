import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeHeaders from './fixtures/safe-headers.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('rate-limit-not-enforced', () => {
  it('reports a login and an export that take a 30-request burst without any limit', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /orders/export', 'POST /auth/login']);
    const exp = findings.find((f) => f.location.kind === 'http' && f.location.path === '/orders/export');
    const login = findings.find((f) => f.location.kind === 'http' && f.location.path === '/auth/login');
    expect(exp?.message).toMatch(
      /^30 requests in \d+(?: ms|\.\d s) \(as alice\) were all answered 200: no 429, no Retry-After or RateLimit headers and no slowdown\. Without a limit on this expensive operation, one client can call it until CPU, memory or the database give out, and run up costs for everyone \(denial of service\)\. Limit requests per client and per account \(in the gateway or the app\) and answer 429 with Retry-After when the limit is reached\.$/,
    );
    expect(exp?.evidence?.request).toMatch(/^GET \/orders\/export HTTP\/1.1\n/);
    expect(exp?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n/);
    expect(exp?.evidence?.identities).toEqual(['alice']);
    expect(login?.message).toMatch(
      /^30 requests in .* \(anonymously\) were all answered 401: .* Without a limit on this login operation, attackers can replay leaked passwords/,
    );
    expect(login?.evidence?.request).toContain('{"username":"rampart-decoy-');
    expect(exp?.severity).toBe('medium');
  });

  it('keeps the burst to the configured size', async () => {
    const findings = await runProbeCheck(check, unsafe, { checkOptions: { requests: 5, maxEndpoints: 1 } });
    expect(probePositions(findings)).toEqual(['POST /auth/login']);
    expect(findings[0]?.message).toMatch(/^5 requests in /);
  });

  it('accepts 429 with Retry-After once a limit is reached, and advertised RateLimit headers', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeHeaders)).toEqual([]);
  });
});
