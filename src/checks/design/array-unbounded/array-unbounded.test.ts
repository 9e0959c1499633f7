import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('array-unbounded', () => {
  it('flags request arrays without maxItems: query parameter, whole body and nested property (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '9:11 /paths/~1messages/get/parameters/0/schema',
      '18:13 /paths/~1messages/post/requestBody/content/application~1json/schema',
      '32:9 /components/schemas/Message/properties/tags',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Query parameter "ids" of GET /messages is an array without maxItems: a client can send any number of elements in one request.',
      'The request body of POST /messages is an array without maxItems (of objects, each one more unit of work): a client can send any number of elements in one request.',
      'Property "tags" of schema "Message" is an array without maxItems: a client can send any number of elements in one request.',
    ]);
    expect(findings[1].location).toMatchObject({ endLine: 18, endColumn: 19 });
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
  });

  it('flags a Swagger 2.0 array query parameter', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['7:11 /paths/~1messages/delete/parameters/0']);
  });

  it('accepts maxItems, 3.1 closed tuples, readOnly arrays and response arrays', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
