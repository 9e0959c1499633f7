import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('cleartext-server', () => {
  it('flags http:// and ws:// servers at root, path and operation level, after variable defaults', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '5:10 /servers/1/url',
      '6:10 /servers/2/url',
      '13:14 /paths/~1files/servers/0/url',
      '19:16 /paths/~1status/get/servers/0/url',
      '32:27 /paths/~1exports/servers/0/variables/proto/enum/1',
    ]);
    const byPointer = new Map(findings.map((f) => [f.location.kind === 'file' ? f.location.pointer : '', f]));
    expect(byPointer.get('/paths/~1files/servers/0/url')!.evidence?.snippet).toBe(
      '"http://files.example.com" is declared 2 times in this definition',
    );
    const templated = byPointer.get('/servers/2/url')!;
    expect(templated.message).toContain('"http://eu.example.com/v1"');
    expect(templated.location).toMatchObject({ startLine: 6, startColumn: 10, endLine: 6, endColumn: 32 });
    expect(byPointer.get('/paths/~1status/get/servers/0/url')!.message).toContain('cleartext ws://');
    const variable = byPointer.get('/paths/~1exports/servers/0/variables/proto/enum/1')!;
    expect(variable.severity).toBe('medium');
    expect(variable.message).toContain('Server variable "proto" allows "http", which turns the server into "http://exports.example.com"');
    expect(findings.filter((f) => f !== variable).every((f) => f.severity === 'high')).toBe(true);
  });

  it('flags Swagger 2.0 http schemes once per URL, root first', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['6:24 /schemes/1']);
    expect(findings[0].location).toMatchObject({ endColumn: 30 });
    expect(findings[0].message).toContain('"http://api.example.com/v1"');
    // The /legacy operation repeats http: counted, not reported again.
    expect(findings[0].evidence?.snippet).toBe('"http://api.example.com/v1" is declared 2 times in this definition');
  });

  it('flags Swagger 2.0 operation-level http schemes when the root is https only', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2-operation.yaml');
    expect(positions(findings)).toEqual(['8:24 /paths/~1legacy~1export/get/schemes/1']);
    expect(findings[0].evidence?.snippet).toContain('declared 2 times');
  });

  it('flags Swagger 2.0 schemes: [http] without a host (not mistaken for localhost)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2-nohost.yaml');
    expect(positions(findings)).toEqual(['4:5 /schemes/0']);
    expect(findings[0].message).not.toContain('localhost');
  });

  it('leaves https, loopback, relative and https-defaulted servers alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});
