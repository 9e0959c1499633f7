import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeAnyToken from './fixtures/safe-any-token.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeEmpty from './fixtures/unsafe-empty-signature.ts';
import check from './index.ts';

describe('jwt-signature-not-verified', () => {
  it('flags the one endpoint that decodes tokens without verifying them', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /api/me/preferences']);
    const [f] = findings;
    expect(f.message).toBe(
      "GET /api/me/preferences accepted alice's token with its signature replaced by random bytes, while it refuses anonymous requests and a garbage token: it reads the claims without checking the signature, so anyone can change `sub` or `role` and act as any user. Verify the token (`jwt.verify`, `jwtVerify`, with the key and pinned algorithms) instead of only decoding it (`jwt.decode`, `decodeJwt`).",
    );
    expect(f).toMatchObject({ severity: 'critical', cwe: ['CWE-347'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/api\/me\/preferences HTTP\/1\.1\n[\s\S]*authorization: Bearer eyJh…/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"theme":"dark"/);
  });

  it('flags an endpoint that skips verification when the signature is empty', async () => {
    const findings = await runProbeCheck(check, unsafeEmpty);
    expect(probePositions(findings)).toEqual(['GET /api/orders']);
    expect(findings[0].message).toContain("GET /api/orders accepted alice's token with its signature removed");
  });

  it('accepts verified tokens, and leaves an endpoint that takes any garbage to auth-invalid-token-accepted', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeAnyToken)).toEqual([]);
  });
});
