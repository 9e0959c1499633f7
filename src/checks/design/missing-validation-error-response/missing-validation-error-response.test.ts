import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('missing-validation-error-response', () => {
  it('flags OpenAPI 3 operations with parameters or a body and no 400/422/4XX/default, at their responses', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['8:7 /paths/~1items/get/responses', '16:7 /paths/~1items/post/responses']);
    expect(findings[0].message).toBe(
      'GET /items takes input (parameter "limit") but documents no 400, 422, 4XX or default response: the contract does not say how invalid input is rejected.',
    );
    expect(findings[1].message).toContain('takes input (a request body)');
    const f = findings[0];
    expect(f.location.kind === 'file' && [f.location.endLine, f.location.endColumn]).toEqual([8, 16]);
  });

  it('counts Swagger 2.0 path-level parameters and body parameters as input', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['9:9 /paths/~1items~1{id}/put/responses']);
    expect(findings[0].message).toContain('(parameter "id" and a request body)');
  });

  it('accepts 400, 422, 4XX and default, and skips operations without input and webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});
