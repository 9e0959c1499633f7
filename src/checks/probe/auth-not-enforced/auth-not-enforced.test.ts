import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeUndeclared from './fixtures/safe-undeclared.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeUndeclared from './fixtures/unsafe-undeclared.ts';
import check from './index.ts';

describe('auth-not-enforced', () => {
  it('flags an operation the definition secures that answers without credentials', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /reports/sales']);
    const [f] = findings;
    expect(f.message).toBe(
      'GET /reports/sales answered 200 to a request without credentials although the definition requires authentication: anyone who can reach the API can call it. Enforce authentication on this operation (the middleware the other secured routes use), or declare it public with `security: []` if it is meant to be.',
    );
    expect(f).toMatchObject({ severity: 'high', confidence: 'high', cwe: ['CWE-306'] });
    expect(f.evidence?.request).toMatch(/^GET \/reports\/sales HTTP\/1\.1\n/);
    expect(f.evidence?.request).not.toMatch(/authorization/i);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"orders":412/);
  });

  it('flags per-user data served anonymously when the definition declares no security', async () => {
    const findings = await runProbeCheck(check, unsafeUndeclared);
    expect(probePositions(findings)).toEqual(['GET /profile']);
    expect(findings[0].message).toBe(
      "GET /profile answered 200 without credentials with the same data as alice's request, although its answers differ per user and other endpoints refuse anonymous requests: per-user data is served to anyone. Require authentication on this operation and take the user from the verified credentials, never from a default.",
    );
    expect(findings[0].evidence?.response).toContain('alice@example.com');
  });

  it('accepts secured routes, declared public ones, a login route, and a public catalog without declared security', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeUndeclared)).toEqual([]);
  });
});
