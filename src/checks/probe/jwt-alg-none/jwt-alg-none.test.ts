import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeUnverified from './fixtures/safe-unverified-endpoint.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeDenyList from './fixtures/unsafe-deny-list.ts';
import check from './index.ts';

describe('jwt-alg-none', () => {
  it('flags an API whose verifier honours `alg: none`, once, at the first secured endpoint', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    const [f] = findings;
    expect(f.message).toBe(
      "GET /api/me accepted a token with `alg: none` and no signature (claims copied from alice's token) while it refuses anonymous requests (accepted on 3 of the 3 secured endpoints tried): anyone can write their own claims and act as any user, admins included. Verify tokens with a fixed list of algorithms (e.g. `algorithms: ['RS256']`) so `none` is always rejected.",
    );
    expect(f).toMatchObject({ severity: 'critical', confidence: 'high', owasp: ['API2:2023'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/api\/me HTTP\/1\.1\n[\s\S]*authorization: Bearer eyJh…/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\{"user":"alice","role":"user"\}$/);
    // The curl replays the forged token itself: header {"alg":"none",...}, empty signature.
    const token = /Bearer ([\w.-]+)'/.exec(f.evidence?.curl ?? '')?.[1] ?? '';
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'none' });
    expect(token.endsWith('.')).toBe(true);
  });

  it('flags a deny list that only rejects the exact string `none` (HS256 session cookie from a login flow)', async () => {
    const findings = await runProbeCheck(check, unsafeDenyList);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    expect(findings[0].message).toContain("accepted a token with `alg: None` and no signature (claims copied from alice's token)");
    expect(findings[0].evidence?.request).toContain('cookie: session=eyJh…');
  });

  it('accepts pinned algorithms, and leaves an endpoint that verifies nothing to jwt-signature-not-verified', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeUnverified)).toEqual([]);
  });
});
