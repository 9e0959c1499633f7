import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import { RSA_PUBLIC_PEM } from '../_jwt/fixture-kit.ts';
import optionPublicKey from './fixtures/option-public-key.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeOpenid from './fixtures/unsafe-openid.ts';
import check from './index.ts';

describe('jwt-alg-confusion', () => {
  it('flags HS256 tokens signed with the public key from the well-known JWKS, once per API', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    const [f] = findings;
    expect(f.message).toBe(
      "GET /api/me accepted alice's claims in a token re-signed with HS256 using the server's public key (SPKI PEM from GET /.well-known/jwks.json) as the HMAC secret (accepted on 3 of the 3 secured endpoints tried): the key is public, so anyone can mint tokens for any user. Pin the verification algorithm to the key's (`algorithms: ['RS256']`) and never let an HMAC verification use a public key.",
    );
    expect(f).toMatchObject({ severity: 'critical', cwe: ['CWE-347', 'CWE-327'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/api\/me HTTP\/1\.1\n[\s\S]*authorization: Bearer eyJh…/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"user":"alice"/);
    const token = /Bearer ([\w.-]+)'/.exec(f.evidence?.curl ?? '')?.[1] ?? '';
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256', kid: 'fixture-key-1' });
  });

  it("follows the OpenID configuration's jwks_uri and tries the PKCS#1 form of the key", async () => {
    const findings = await runProbeCheck(check, unsafeOpenid);
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    expect(findings[0].message).toContain('(PKCS#1 PEM without the final newline from GET /oauth/keys)');
  });

  it('takes the key from the `publicKey` option when the API publishes none', async () => {
    expect(await runProbeCheck(check, optionPublicKey)).toEqual([]);
    const findings = await runProbeCheck(check, optionPublicKey, { checkOptions: { publicKey: RSA_PUBLIC_PEM } });
    expect(probePositions(findings)).toEqual(['GET /api/me']);
    expect(findings[0].message).toContain('(PEM as given from the `publicKey` option)');
  });

  it('accepts an API that pins RS256', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});
