import { describe, expect, it } from 'vitest';
import { runWsdlCheck, wsdlPositions } from '../../../engines/soap/testing.ts';
import check from './index.ts';

describe('soap-password-text-over-http', () => {
  it('flags UsernameTokens without HashPassword, or declared PasswordText, on http endpoints', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.wsdl');
    expect(wsdlPositions(findings)).toEqual([
      '11:9 /definitions/Policy[@Id="UsernamePolicy"]/SupportingTokens/Policy/UsernameToken',
      '18:38 /definitions/Policy[@Id="DeclaredText"]/SupportingTokens/Policy/UsernameToken',
    ]);
    expect(findings[0]?.message).toContain('binding "PayrollSoap"');
    expect(findings[0]?.message).toContain('"http://payroll.example.com/ws"');
    expect(findings[1]?.message).toContain('binding "PayrollVendor"');
  });

  it('flags a WSDL 2.0 endpoint policy with a plain UsernameToken on http', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.v2.wsdl');
    expect(wsdlPositions(findings)).toEqual([
      '9:42 /description/service[@name="PayrollService"]/endpoint[@name="Main"]/Policy/SupportingTokens/Policy/UsernameToken',
    ]);
  });

  it('accepts digests, message-level encryption, https and loopback endpoints', async () => {
    expect(await runWsdlCheck(check, import.meta.url, 'safe.wsdl')).toEqual([]);
    expect(await runWsdlCheck(check, import.meta.url, 'safe.v2.wsdl')).toEqual([]);
  });
});
