import { describe, expect, it } from 'vitest';
import { protoPositions, runProtoCheck } from '../../../engines/grpc/testing.ts';

const ID = 'grpc-method-without-auth';

describe(ID, () => {
  it('flags methods without the auth option other methods use, at the method name', async () => {
    const findings = await runProtoCheck(ID, import.meta.url, 'unsafe.proto');
    expect(protoPositions(findings)).toEqual([
      '15:7 /services/acme.billing.v1.Invoices/methods/ListInvoices',
      '16:7 /services/acme.billing.v1.Invoices/methods/DeleteInvoice',
    ]);
    const list = findings.find((f) => f.message.includes('ListInvoices'));
    expect(list?.message).toBe(
      'Method acme.billing.v1.Invoices/ListInvoices has no auth option, while other methods use (acme.billing.v1.auth_required): an interceptor that reads the option lets this method through, or a reviewer cannot tell it is meant to be public.',
    );
    expect(list?.severity).toBe('medium');
    expect(findings.find((f) => f.message.includes('DeleteInvoice'))?.severity).toBe('high');
    expect(list?.location).toMatchObject({ startLine: 15, startColumn: 7, endLine: 15, endColumn: 19 });
  });

  it('accepts methods with an explicit decision and service-level options', async () => {
    expect(await runProtoCheck(ID, import.meta.url, 'safe.proto')).toEqual([]);
  });

  it('says nothing when the project has no auth option at all', async () => {
    expect(await runProtoCheck(ID, import.meta.url, 'no-auth-option.proto')).toEqual([]);
  });
});
