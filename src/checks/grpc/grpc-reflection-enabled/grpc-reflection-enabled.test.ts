import { describe, expect, it } from 'vitest';
import { runGrpcCheck, runGrpcCheckSeen } from '../../../engines/grpc/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

describe('grpc-reflection-enabled', () => {
  it('flags reflection answering anonymous clients, with the services it lists', async () => {
    const findings = await runGrpcCheck('grpc-reflection-enabled', { ...unsafe, proto: false });
    expect(findings.map((f) => f.location.kind === 'http' && `${f.location.method} ${f.location.path}`)).toEqual([
      'GRPC /grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
    ]);
    expect(findings[0]?.message).toBe(
      'Server reflection (v1alpha) answers without credentials and lists 2 services: shop.v1.Users, shop.v1.Admin. Anyone can read every method and message of the server and call them with grpcurl.',
    );
    expect(findings[0]?.severity).toBe('medium');
  });

  it('does not flag a server without reflection, after asking both reflection versions', async () => {
    const r = await runGrpcCheckSeen('grpc-reflection-enabled', { ...safe, proto: false });
    expect(r.findings).toEqual([]);
    expect(r.received).toEqual(
      expect.arrayContaining([
        '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
        '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
      ]),
    );
  });
});
