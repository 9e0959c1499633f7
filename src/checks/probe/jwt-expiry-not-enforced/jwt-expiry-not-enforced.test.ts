import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import { checkingExp, expiredAliceToken, ignoringExp } from './fixtures/configured-rs256.ts';
import safe from './fixtures/safe.ts';
import safeAccess from './fixtures/safe-access-token.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeAccess from './fixtures/unsafe-access-token.ts';
import check from './index.ts';

describe('jwt-expiry-not-enforced', () => {
  it('flags a download endpoint that accepts an expired link token (re-signed with the cracked secret)', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /api/downloads']);
    const [f] = findings;
    expect(f.message).toBe(
      'GET /api/downloads accepted a token that expired 1 hour ago in `token` (a copy of the one GET /api/files/{fileId}/link returned, re-signed with its cracked secret "se…" (6 chars)), while it refuses a broken signature: links and tokens it hands out never expire, so a leaked one works forever. Check `exp` when verifying the token, and keep such tokens short-lived.',
    );
    expect(f).toMatchObject({ severity: 'high', cwe: ['CWE-613'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/api\/downloads\?token=eyJh/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*quarterly numbers/);
    const token = /token=([\w.-]+)/.exec(f.evidence?.curl ?? '')?.[1] ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number; file: string };
    expect(claims.file).toBe('f1');
    expect(claims.exp).toBeLessThan(Date.now() / 1000 - 3000);
  });

  it("flags an API that ignores `exp` on identities' access tokens, once", async () => {
    const findings = await runProbeCheck(check, unsafeAccess);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    expect(findings[0].message).toBe(
      'GET /api/me accepted a token of alice that expired 1 hour ago (a copy of its token re-signed with the cracked secret "ch…" (8 chars)), while it refuses anonymous requests and a broken signature: a leaked or stolen token never stops working, whatever its lifetime. Check `exp` (and `nbf`) when verifying, which maintained JWT libraries do by default; never turn it off (`ignoreExpiration`, `verify_exp: False`).',
    );
    expect(findings[0].evidence?.identities).toEqual(['alice']);
  });

  it('uses an expired token configured per identity (RS256: nothing to crack)', async () => {
    const opts = { checkOptions: { expiredTokens: { alice: expiredAliceToken } } };
    const findings = await runProbeCheck(check, ignoringExp, opts);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    expect(findings[0].message).toContain(
      'GET /api/me accepted a token of alice that expired 2 hours ago (configured in the `expiredTokens` option)',
    );
    expect(await runProbeCheck(check, checkingExp, opts)).toEqual([]);
    expect(await runProbeCheck(check, ignoringExp)).toEqual([]);
  });

  it('accepts APIs that check `exp` even when their secret is weak', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeAccess)).toEqual([]);
  });
});
