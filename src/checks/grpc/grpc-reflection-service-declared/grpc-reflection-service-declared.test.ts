import { describe, expect, it } from 'vitest';
import { protoPositions, runProtoCheck } from '../../../engines/grpc/testing.ts';

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
});
