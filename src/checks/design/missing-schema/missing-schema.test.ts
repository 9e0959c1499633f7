import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('missing-schema', () => {
  it('flags OpenAPI 3 parameters, request bodies and 2xx responses without a schema, once per shared component', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '7:11 /paths/~1reports/get/parameters/0',
      '9:11 /paths/~1reports/get/parameters/1',
      '17:13 /paths/~1reports/get/responses/200/content/application~1json',
      '26:11 /paths/~1reports/post/requestBody/content/application~1json',
      '39:9 /paths/~1reports~1{id}/parameters/0',
      '58:9 /components/responses/Report/content/application~1xml',
    ]);
    expect(findings[0].message).toBe(
      'Parameter "q" (query) of GET /reports has neither a schema nor content: any value is accepted as far as the contract says.',
    );
    expect(findings[1].message).toContain('declares content application/json without a schema');
    expect(findings[2].message).toMatch(/^The 200 response of GET \/reports returns application\/json without a schema/);
    expect(findings[3].message).toMatch(/^The application\/json request body of POST \/reports has no schema/);
    expect(findings[4].message).toMatch(/^Parameter "id" \(path\) of the operations of \/reports\/\{id\} has neither a schema nor content/);
    expect(findings[5].message).toMatch(/^The shared response #\/components\/responses\/Report returns application\/xml without a schema/);
    expect(findings[5].evidence?.snippet).toBe('used by the 201 response of POST /reports');
    const f = findings[2];
    expect(f.location.kind === 'file' && [f.location.endLine, f.location.endColumn]).toEqual([17, 29]);
  });

  it('flags Swagger 2.0 parameters without type and bodies without schema, not responses without schema', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual([
      '7:11 /paths/~1reports/post/parameters/0',
      '9:11 /paths/~1reports/post/parameters/1',
      '24:3 /parameters/Limit',
    ]);
    expect(findings[0].message).toBe(
      'Parameter "dryRun" (query) of POST /reports has no type: any value is accepted as far as the contract says.',
    );
    expect(findings[1].message).toBe(
      'Body parameter "body" of POST /reports has no schema: any payload is accepted as far as the contract says.',
    );
  });

  it('accepts binary and free-text types without schema, bodiless responses and 2.0 file parameters', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});
