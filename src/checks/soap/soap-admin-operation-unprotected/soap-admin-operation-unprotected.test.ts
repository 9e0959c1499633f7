import { describe, expect, it } from 'vitest';
import { runWsdlCheck, wsdlPositions } from '../../../engines/soap/testing.ts';
import check from './index.ts';

describe('soap-admin-operation-unprotected', () => {
  it('flags administrative WSDL 1.1 operations of a binding without policy, verbs as whole words only', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.wsdl');
    expect(wsdlPositions(findings)).toEqual([
      '9:5 /definitions/portType[@name="AccountsPort"]/operation[@name="DeleteAccount"]',
      '10:5 /definitions/portType[@name="AccountsPort"]/operation[@name="resetPassword"]',
      '11:5 /definitions/portType[@name="AccountsPort"]/operation[@name="setRole"]',
      '12:5 /definitions/portType[@name="AccountsPort"]/operation[@name="Grant_Access"]',
      '13:5 /definitions/portType[@name="AccountsPort"]/operation[@name="shutdown"]',
      '14:5 /definitions/portType[@name="AccountsPort"]/operation[@name="ExecuteScript"]',
    ]);
    expect(findings[0]?.message).toContain('Operation "DeleteAccount" looks administrative ("Delete…") and binding "AccountsSoap"');
    expect(findings[0]?.location).toMatchObject({ endLine: 9, endColumn: 43 });
  });

  it('flags WSDL 2.0 interface operations', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.v2.wsdl');
    expect(wsdlPositions(findings)).toEqual([
      '4:5 /description/interface[@name="Accounts"]/operation[@name="adminListUsers"]',
      '5:5 /description/interface[@name="Accounts"]/operation[@name="exec_command"]',
    ]);
  });

  it('leaves administrative operations alone when a security policy covers them', async () => {
    expect(await runWsdlCheck(check, import.meta.url, 'safe.wsdl')).toEqual([]);
    expect(await runWsdlCheck(check, import.meta.url, 'safe.v2.wsdl')).toEqual([]);
  });
});
