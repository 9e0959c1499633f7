import { describe, expect, it } from 'vitest';
import { runGrpcCheck, runGrpcCheckSeen } from '../../../engines/grpc/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

describe('grpc-invalid-token-accepted', () => {
  it('flags a method that rejects no token but accepts a made-up one', async () => {
    const findings = await runGrpcCheck('grpc-invalid-token-accepted', unsafe);
    expect(findings.map((f) => f.location.kind === 'http' && f.location.path)).toEqual(['/shop.v1.Admin/GetStats']);
    expect(findings[0]?.message).toContain(
      'rejects a call without credentials (UNAUTHENTICATED) but returned OK to one with a made-up token in "authorization"',
    );
    // The made-up token is no secret: the reproducer carries it literally.
    expect(findings[0]?.evidence?.curl).toMatch(/-H 'authorization: Bearer rampart-invalid-[0-9a-f]{24}'/);
  });

  it('does not flag a server that verifies tokens, after trying no token and a made-up one on each method', async () => {
    const r = await runGrpcCheckSeen('grpc-invalid-token-accepted', safe);
    expect(r.findings).toEqual([]);
    expect(r.received.filter((p) => p === '/shop.v1.Admin/GetStats')).toHaveLength(2);
    expect(r.served).toEqual([]);
  });
});
