import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeBackoff from './fixtures/safe-backoff.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('brute-force-not-prevented', () => {
  it('reports a login that takes 10 wrong passwords for a decoy account and an MFA check that takes 10 wrong codes', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['POST /auth/login', 'POST /auth/mfa/verify']);
    const [login, mfa] = findings;
    expect(login?.message).toMatch(
      /^10 wrong passwords for the decoy account "rampart-decoy-[0-9a-f]{8}" in \d+(?: ms|\.\d s) were all answered 401, with no 429, no lockout, no CAPTCHA and no slowdown: attackers can try leaked or common passwords against every account at full speed \(credential stuffing, password spraying\)\. Limit failed logins per account and per client \(e\.g\. 5 per minute, then 429 with Retry-After or exponential backoff\), alert on bursts, and offer MFA\.$/,
    );
    // The proof is the 10th attempt, still processed as usual; a real user's name was never used.
    expect(login?.evidence?.request).toMatch(
      /^POST \/auth\/login HTTP\/1.1\n[\s\S]*\n\n\{"username":"rampart-decoy-[0-9a-f]{8}","password":/,
    );
    expect(login?.evidence?.response).toMatch(/^HTTP\/1.1 401 Unauthorized\n/);
    expect(login?.evidence?.identities).toBeUndefined();
    expect(login?.severity).toBe('high');
    expect(mfa?.message).toMatch(
      /^10 wrong codes for alice's session in .* were all answered 400, with no 429, no lockout and no slowdown/,
    );
    expect(mfa?.evidence?.request).toMatch(/\n\n\{"code":"\d{6}"\}$/);
    expect(mfa?.evidence?.identities).toEqual(['alice']);
  });

  it('sends only the configured number of attempts', async () => {
    const findings = await runProbeCheck(check, unsafe, { checkOptions: { attempts: 4 } });
    expect(findings.map((f) => f.message.slice(0, 16))).toEqual(['4 wrong password', '4 wrong codes fo']);
  });

  it('accepts a lockout after a few failures (429 with Retry-After, 423) and an exponential backoff', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeBackoff)).toEqual([]);
  });
});
