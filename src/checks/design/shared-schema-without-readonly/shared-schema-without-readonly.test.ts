import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('shared-schema-without-readonly', () => {
  it('flags a schema shared by a request and a response once, at the schema (OpenAPI 3, incl. array items and allOf)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['37:5 /components/schemas/Pet', '48:5 /components/schemas/Order']);
    const [pet, order] = findings;
    expect(pet.message).toBe(
      'Schema "Pet" is both a request body and a response body, and its server-set properties id, createdAt are not marked readOnly: clients are told they may send them back.',
    );
    expect(pet.location).toMatchObject({ endLine: 37, endColumn: 8 });
    expect(pet.evidence?.snippet).toBe('request body of POST /pets; response of GET /pets');
    // uuid comes from an allOf part; updated_at is readOnly there.
    expect(order.message).toContain('server-set property uuid is not marked readOnly');
    expect(order.severity).toBe('medium');
  });

  it('flags a Swagger 2.0 body schema that is also the response schema', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['14:3 /definitions/Pet']);
    expect(findings[0].evidence?.snippet).toBe('request body of PUT /pets/{petId}; response of PUT /pets/{petId}');
  });

  it('accepts split input/output schemas, readOnly server fields, error-only sharing and shared schemas without server fields', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
