import { describe, expect, it } from 'vitest';
import { runGrpcCheck, runGrpcCheckSeen } from '../../../engines/grpc/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

describe('grpc-plaintext-accepted', () => {
  it('flags a server that answers without TLS, at low severity on loopback', async () => {
    const findings = await runGrpcCheck('grpc-plaintext-accepted', unsafe);
    expect(findings.map((f) => [f.ruleId, f.location.kind === 'http' && f.location.path, f.severity])).toEqual([
      ['grpc-plaintext-accepted', '/', 'low'],
    ]);
    expect(findings[0]?.message).toMatch(
      /^The gRPC server at 127\.0\.0\.1:\d+ speaks plaintext HTTP\/2 only \(no TLS\): it listens on loopback/,
    );
    expect(findings[0]?.evidence?.curl).toMatch(/^grpcurl -plaintext 127\.0\.0\.1:\d+ list$/);
    expect(findings[0]?.evidence?.response).toMatch(/^HTTP\/2 200 UNIMPLEMENTED \(12\)/);
  });

  it('does not flag a TLS-only server, which the probe did try without TLS', async () => {
    const r = await runGrpcCheckSeen('grpc-plaintext-accepted', safe);
    expect(r.findings).toEqual([]);
    expect(r.connections).toEqual(['tls', 'plaintext']);
    // Only the TLS connection got as far as a gRPC call.
    expect(r.received.filter((p) => p === '/rampart.probe.v1.Probe/Ping')).toHaveLength(1);
  });
});
