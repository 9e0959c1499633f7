import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('insecure-http-auth-scheme', () => {
  it('flags digest, negotiate, OAuth 1.0, unregistered and missing http schemes', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '8:15 /components/securitySchemes/digestAuth/scheme',
      '11:15 /components/securitySchemes/kerberos/scheme',
      '14:15 /components/securitySchemes/oauthOne/scheme',
      '17:15 /components/securitySchemes/jwtAuth/scheme',
      '18:5 /components/securitySchemes/nothing',
    ]);
    const msg = (p: string) => findings.find((f) => f.location.kind === 'file' && f.location.pointer?.endsWith(p))?.message;
    expect(msg('digestAuth/scheme')).toContain('HTTP Digest');
    expect(msg('kerberos/scheme')).toContain('NTLM');
    expect(msg('oauthOne/scheme')).toContain('OAuth 1.0');
    expect(msg('jwtAuth/scheme')).toBe(
      'Security scheme "jwtAuth" uses the HTTP scheme "JWT", which is not in the IANA registry: clients, gateways and scanners cannot know how it works, and home-made schemes rarely get a security review. For tokens use `scheme: bearer` (with `bearerFormat`).',
    );
    expect(msg('/nothing')).toContain('no `scheme`');
  });
  it('accepts bearer, basic (another check) and other registered schemes', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
