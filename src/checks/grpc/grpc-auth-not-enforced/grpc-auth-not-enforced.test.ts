import { describe, expect, it } from 'vitest';
import { runGrpcCheck, runGrpcCheckSeen } from '../../../engines/grpc/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

describe('grpc-auth-not-enforced', () => {
  it('flags methods that answer OK without credentials, never calling destructive ones', async () => {
    const findings = await runGrpcCheck('grpc-auth-not-enforced', unsafe);
    // GetUser answers NOT_FOUND to an empty id; DeleteUser is never called.
    expect(findings.map((f) => f.location.kind === 'http' && f.location.path).sort()).toEqual([
      '/shop.v1.Admin/GetStats',
      '/shop.v1.Users/ListUsers',
      '/shop.v1.Users/WatchUsers',
    ]);
    // A server-streaming method is read to its first message.
    expect(findings.find((f) => f.message.includes('WatchUsers'))?.message).toBe(
      'Method shop.v1.Users/WatchUsers opened a stream to a call with no credentials at all (an empty request, no authorization metadata) (first message: {"id":"u1","name":"Alice","email":"alice@example.com"}).',
    );
    const list = findings.find((f) => f.location.kind === 'http' && f.location.path === '/shop.v1.Users/ListUsers');
    expect(list?.message).toContain('returned OK to a call with no credentials at all');
    expect(list?.evidence?.request).not.toMatch(/authorization/);
    expect(list?.evidence?.curl).toMatch(
      /^grpcurl -plaintext -import-path \S+ -proto shop\.proto -d '\{\}' 127\.0\.0\.1:\d+ shop\.v1\.Users\/ListUsers$/,
    );
  });

  it('does not flag a server whose interceptor verifies the token, after calling every safe method', async () => {
    const r = await runGrpcCheckSeen('grpc-auth-not-enforced', safe);
    expect(r.findings).toEqual([]);
    // The interceptor refused each anonymous call before any handler ran.
    expect(r.received.filter((p) => p.startsWith('/shop.'))).toEqual([
      '/shop.v1.Users/GetUser',
      '/shop.v1.Users/ListUsers',
      '/shop.v1.Users/WatchUsers',
      '/shop.v1.Admin/GetStats',
    ]);
    expect(r.served).toEqual([]);
  });
});
