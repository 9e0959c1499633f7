import { describe, expect, it } from 'vitest';
import { protoPositions, runProtoCheck, runServiceConfigCheck } from '../../../engines/grpc/testing.ts';

const ID = 'grpc-reflection-service-declared';

describe(ID, () => {
  it('flags the reflection service declared and the health service imported', async () => {
    const findings = await runProtoCheck(ID, import.meta.url, 'unsafe.proto');
    expect(protoPositions(findings)).toEqual([
      '5:8 /imports/grpc~1health~1v1~1health.proto',
      '8:9 /services/grpc.reflection.v1alpha.ServerReflection',
    ]);
    const svc = findings.find((f) => f.location.kind === 'file' && f.location.pointer?.startsWith('/services/'));
    expect(svc?.severity).toBe('medium');
    expect(svc?.message).toContain("Service grpc.reflection.v1alpha.ServerReflection is declared in the API's own protos");
    expect(findings.find((f) => f.message.includes('health'))?.severity).toBe('low');
  });

  it('does not flag services of the project that merely share a name', async () => {
    expect(await runProtoCheck(ID, import.meta.url, 'safe.proto')).toEqual([]);
  });

  it('flags reflection and health listed under apis of a service configuration, at the name', async () => {
    const findings = await runServiceConfigCheck(ID, import.meta.url, 'unsafe-service-config.yaml');
    expect(protoPositions(findings)).toEqual(['8:11 /apis/1/name', '9:11 /apis/2/name']);
    expect(findings[0]).toMatchObject({ severity: 'medium', location: { endLine: 8, endColumn: 51 } });
    expect(findings[0]?.message).toBe(
      'The service configuration serves grpc.reflection.v1alpha.ServerReflection as one of its APIs: clients of the deployment can list every service, method and message.',
    );
    expect(findings[1]?.severity).toBe('low');
  });

  it('does not flag a service configuration that serves the API only', async () => {
    expect(await runServiceConfigCheck(ID, import.meta.url, 'safe-service-config.yaml')).toEqual([]);
  });
});
