import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('missing-server-error-response', () => {
  it('flags an OpenAPI 3 operation with only 2xx and 4xx responses', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['6:7 /paths/~1items/get/responses']);
    expect(findings[0].message).toBe('GET /items documents no 5xx or default response: the shape of server errors is unspecified.');
    expect(findings[0].severity).toBe('info');
  });

  it('flags a Swagger 2.0 operation', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['6:17 /paths/~1items/post/responses']);
    const f = findings[0];
    expect(f.location.kind === 'file' && [f.location.endLine, f.location.endColumn]).toEqual([6, 28]);
  });

  it('accepts 500, any other 5xx, 5XX and default (also by $ref), and skips webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});
