import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeLogin from './fixtures/safe-login.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeLogin from './fixtures/unsafe-login.ts';
import unsafeStatic from './fixtures/unsafe-static-token.ts';
import check from './index.ts';

describe('jwt-weak-secret', () => {
  it('flags share-link tokens in a response body signed with "secret"', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /api/files/{fileId}/link']);
    const [f] = findings;
    expect(f.message).toBe(
      'GET /api/files/{fileId}/link returns a JWT (HS256) signed with the guessable secret "se…" (6 chars), one of the 1000 common secrets Rampart tries: anyone can mint tokens with any claims (another user, an admin role, no expiry). Sign with a random key of at least 32 bytes kept in a secrets manager (or switch to RS256/EdDSA), and rotate it now: every token issued under it can be forged.',
    );
    expect(f).toMatchObject({ severity: 'critical', cwe: ['CWE-521', 'CWE-798'] });
    expect(f.message).not.toContain('"secret"');
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/api\/files\/f1\/link HTTP\/1\.1\n/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"token":"eyJh…/);
  });

  it("flags the login that issues access tokens signed with jwt.io's example secret", async () => {
    const findings = await runProbeCheck(check, unsafeLogin);
    expect(probePositions(findings)).toEqual(['POST /api/login']);
    expect(findings[0].message).toContain(
      'POST /api/login returns a JWT (HS256, alice\'s access token) signed with the guessable secret "yo…" (19 chars)',
    );
    expect(findings[0].evidence?.request).not.toContain('alice-pw');
  });

  it('flags a static identity token, where it is first used on a secured endpoint', async () => {
    const findings = await runProbeCheck(check, unsafeStatic);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    expect(findings[0].message).toContain(
      'alice\'s token (HS256, sent to GET /api/me) is signed with the guessable secret "ch…" (8 chars)',
    );
  });

  it('accepts tokens signed with random 32-byte secrets', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeLogin)).toEqual([]);
  });

  it('tries the secrets given in the `secrets` option too', async () => {
    const { default: fixture } = await import('./fixtures/safe.ts');
    expect(await runProbeCheck(check, fixture, { checkOptions: { secrets: ['not-it'] } })).toEqual([]);
  });
});
