import { describe, expect, it } from 'vitest';
import { runGrpcCheck, runGrpcCheckSeen } from '../../../engines/grpc/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

describe('grpc-error-leaks-internals', () => {
  it('flags a stack trace in the status message, with the identity redacted', async () => {
    const findings = await runGrpcCheck('grpc-error-leaks-internals', unsafe);
    expect(findings.map((f) => f.location.kind === 'http' && f.location.path)).toEqual(['/shop.v1.Users/GetUser']);
    const f = findings[0];
    expect(f?.message).toMatch(/^Method shop\.v1\.Users\/GetUser answered INTERNAL \(13\) with stack trace \(Node\.js\)/);
    expect(f?.evidence?.request).toContain('authorization: Bearer alic…(20 chars)');
    expect(f?.evidence?.request).not.toContain('alice-token-7f3a9c21');
    expect(f?.evidence?.response).toContain('SQLITE_ERROR');
    expect(f?.evidence?.curl).toContain('-H "authorization: Bearer $ALICE_TOKEN"');
  });

  it('does not flag generic errors, after the handler read the broken id', async () => {
    const r = await runGrpcCheckSeen('grpc-error-leaks-internals', safe);
    expect(r.findings).toEqual([]);
    expect(r.served).toContain('/shop.v1.Users/GetUser');
  });
});
