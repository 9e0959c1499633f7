import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('additional-properties-unbounded', () => {
  it('flags request maps without maxProperties at their additionalProperties key (body and query parameter)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '12:13 /paths/~1things/get/parameters/0/schema/additionalProperties',
      '26:19 /paths/~1things/post/requestBody/content/application~1json/schema/properties/labels/additionalProperties',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Query parameter "filter" of GET /things is a map (schema-valued additionalProperties) without maxProperties: a client can send any number of entries.',
      'Property "labels" of the request body of POST /things is a map (schema-valued additionalProperties) without maxProperties: a client can send any number of entries.',
    ]);
    expect(findings[1].location).toMatchObject({ endLine: 26, endColumn: 39 });
  });

  it('flags a Swagger 2.0 definition used as a body', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['15:7 /definitions/Attributes/additionalProperties']);
    expect(findings[0].message).toMatch(/^Schema "Attributes" is a map/);
    expect(findings[0].evidence?.snippet).toBe('accepted by POST /things');
  });

  it('accepts bounded maps, boolean additionalProperties and response maps', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
