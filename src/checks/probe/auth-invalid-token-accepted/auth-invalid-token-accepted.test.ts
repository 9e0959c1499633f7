import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeMalformed from './fixtures/unsafe-malformed-jwt.ts';
import check from './index.ts';

describe('auth-invalid-token-accepted', () => {
  it('flags an endpoint that only checks that an Authorization header is present', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /notifications']);
    const [f] = findings;
    expect(f.message).toBe(
      "GET /notifications accepted a random value (`rampart-invalid-…`) in place of alice's credentials, while it refuses requests without any: it checks that a credential is present, not that it is valid, so anyone can call it with any value. Validate every token (signature, expiry, issuer) or look the session or API key up before serving the request.",
    );
    expect(f).toMatchObject({ severity: 'critical', owasp: ['API2:2023'], cwe: ['CWE-287'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/notifications HTTP\/1\.1\n[\s\S]*authorization: Bearer ramp…/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*Your order shipped/);
    expect(f.evidence?.curl).toMatch(/-H 'authorization: Bearer rampart-invalid-[0-9a-f]{24}'/);
  });

  it('flags an endpoint that lets anything shaped like a JWT in', async () => {
    const findings = await runProbeCheck(check, unsafeMalformed);
    expect(probePositions(findings)).toEqual(['GET /feed']);
    expect(findings[0].message).toContain(
      "GET /feed accepted a malformed JWT (segments that decode to no JSON) in place of alice's credentials",
    );
  });

  it('accepts an API that validates every token', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});
