import { describe, expect, it } from 'vitest';
import { protoPositions, runProtoCheck } from '../../../engines/grpc/testing.ts';

const ID = 'grpc-sensitive-field-in-response';

describe(ID, () => {
  it('flags credentials and personal data in response messages, nested ones included, at the field name', async () => {
    const findings = await runProtoCheck(ID, import.meta.url, 'unsafe.proto');
    expect(protoPositions(findings)).toEqual([
      '17:10 /messages/acme.users.v1.Account/fields/password_hash',
      '18:10 /messages/acme.users.v1.Account/fields/ssn',
      '22:10 /messages/acme.users.v1.Account/fields/api_key',
      '26:10 /messages/acme.users.v1.Card/fields/card_number',
      '27:10 /messages/acme.users.v1.Card/fields/cvv',
      '37:10 /messages/acme.users.v1.LoginResponse/fields/password',
    ]);
    const hash = findings.find((f) => f.message.includes('password_hash'));
    expect(hash).toMatchObject({
      severity: 'high',
      location: { file: 'fixtures/unsafe.proto', startLine: 17, startColumn: 10, endLine: 17, endColumn: 23 },
    });
    expect(hash?.message).toBe(
      'Field "password_hash" of message acme.users.v1.Account returns a password hash to every caller of acme.users.v1.Accounts/GetAccount.',
    );
    expect(findings.find((f) => f.message.includes('"cvv"'))?.message).toContain(
      'a card security code to every caller of acme.users.v1.Accounts/GetAccount (through card)',
    );
    expect(findings.find((f) => f.message.includes('"ssn"'))?.severity).toBe('medium');
    // A login method returns a token by design, never a password.
    expect(findings.some((f) => f.message.includes('access_token'))).toBe(false);
  });

  it('accepts requests, flags, masked forms, message references and credentials from the methods that issue them', async () => {
    expect(await runProtoCheck(ID, import.meta.url, 'safe.proto')).toEqual([]);
  });
});
