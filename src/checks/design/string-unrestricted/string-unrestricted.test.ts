import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('string-unrestricted', () => {
  it('flags request strings that say nothing about their content, once per shared schema (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '17:17 /paths/~1tickets~1{ticketId}/patch/requestBody/content/application~1json/schema/properties/title',
      '24:5 /components/schemas/TicketId',
    ]);
    expect(findings[0].message).toBe(
      'Property "title" of the request body of PATCH /tickets/{ticketId} is a string with no format, pattern, enum or const: any characters are accepted.',
    );
    expect(findings[0].location).toMatchObject({ endLine: 17, endColumn: 22 });
    // A parameter whose schema is a $ref is reported at the shared schema.
    expect(findings[1].message).toMatch(/^Schema "TicketId" is a string/);
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
  });

  it('flags a Swagger 2.0 query parameter (maxLength bounds size, not content)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['7:24 /paths/~1tickets/get/parameters/0']);
    expect(findings[0].location).toMatchObject({ endLine: 7, endColumn: 95 });
  });

  it('accepts format, pattern, enum, const, non-strings, readOnly and response strings', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
