import { describe, expect, it } from 'vitest';
import { runWsdlCheck, wsdlPositions } from '../../../engines/soap/testing.ts';
import check from './index.ts';

describe('soap-no-security-policy', () => {
  it('flags an exposed WSDL 1.1 binding with no policy, naming the policies left unattached', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.wsdl');
    // OrdersUnused is bound by no port: not reachable, not reported.
    expect(wsdlPositions(findings)).toEqual(['21:3 /definitions/binding[@name="OrdersLegacy"]']);
    expect(findings[0]?.message).toContain('declares 2 policy element(s) but none is referenced');
    expect(findings[0]?.message).toContain('"OrdersService/Legacy"');
  });

  it('flags a WSDL 2.0 binding with no policy', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.v2.wsdl');
    expect(wsdlPositions(findings)).toEqual(['4:3 /description/binding[@name="OrdersSoap"]']);
    expect(findings[0]?.message).toContain('has no WS-SecurityPolicy: no policy attached');
  });

  it('accepts policies on the binding, an operation message (through a nested reference) or the service', async () => {
    expect(await runWsdlCheck(check, import.meta.url, 'safe.wsdl')).toEqual([]);
    expect(await runWsdlCheck(check, import.meta.url, 'safe.v2.wsdl')).toEqual([]);
  });
});
