import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check, { suspiciousSegment } from './index.ts';

describe('debug-endpoint-exposed', () => {
  it('flags debug, actuator, test, internal and metrics paths once per path, and internal-tagged operations', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '7:3 /paths/~1actuator~1env',
      '10:3 /paths/~1api~1v1~1debug~1vars',
      '15:3 /paths/~1v2~1test~1ping',
      '18:3 /paths/~1orders~1{id}~1internal',
      '21:3 /paths/~1metrics',
      '29:5 /paths/~1reports~1rebuild/post',
      '33:5 /paths/~1cache~1flush/post',
    ]);
    const sev = Object.fromEntries(findings.map((f) => [f.location.kind === 'file' ? f.location.startLine : 0, f.severity]));
    expect(sev).toEqual({ 7: 'high', 10: 'high', 15: 'medium', 18: 'medium', 21: 'medium', 29: 'medium', 33: 'low' });
    const debug = findings.find((f) => f.location.kind === 'file' && f.location.startLine === 10)!;
    expect(debug.location).toMatchObject({ endColumn: 21 });
    expect(debug.message).toBe(
      'Path "/api/v1/debug/vars" looks like a debug endpoint (segment "debug"): endpoints meant for developers and operators leak internals and widen the attack surface once published and reachable.',
    );
  });

  it('flags Swagger 2.0 heapdump and root /env', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['6:5 /paths/~1heapdump', '7:5 /paths/~1env']);
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });

  it('leaves ordinary resources that share a word alone (a JSON /metrics resource is not Prometheus)', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });

  it.each([
    ['/api/v1beta1/debug', 'debug'],
    ['/2010-04-01/test/echo', 'test'],
    ['/_profiler/latest', '_profiler'],
    ['/.git/config', '.git'],
    ['/apps/{id}/actuator/health', 'actuator'],
    ['/users/{id}/env', undefined],
    ['/tests', undefined],
    ['/devices/{id}/shutdown', undefined],
    ['/reports/metrics', undefined],
  ])('suspiciousSegment(%s) = %s', (path, segment) => {
    expect(suspiciousSegment(path)?.segment).toBe(segment);
  });
});
