import { describe, expect, it } from 'vitest';
import { runGrpcCheck, runGrpcCheckSeen } from '../../../engines/grpc/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

describe('grpc-oversized-message-accepted', () => {
  it('flags a server that reads a 5 MiB request', async () => {
    const findings = await runGrpcCheck('grpc-oversized-message-accepted', unsafe);
    expect(findings.map((f) => f.location.kind === 'http' && f.location.path)).toEqual(['/shop.v1.Users/GetUser']);
    expect(findings[0]?.message).toBe(
      "Method shop.v1.Users/GetUser read a 5.0 MiB request (id) and answered INVALID_ARGUMENT (3) instead of RESOURCE_EXHAUSTED: the server's receive limit is raised or removed.",
    );
    // The evidence stays small: the 5 MiB string is shortened.
    expect(findings[0]?.evidence?.request?.length).toBeLessThan(1000);
    expect(findings[0]?.evidence?.curl).toContain('$(head -c 5242880 /dev/zero');
  });

  it('does not flag a server with a small receive limit, which refused the big request before the handler', async () => {
    const r = await runGrpcCheckSeen('grpc-oversized-message-accepted', safe);
    expect(r.findings).toEqual([]);
    expect(r.received).toContain('/shop.v1.Users/GetUser');
    expect(r.served).toEqual([]);
  });
});
