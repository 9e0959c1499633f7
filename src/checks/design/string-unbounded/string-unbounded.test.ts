import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('string-unbounded', () => {
  it('flags request strings without maxLength in bodies and parameters (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const body = '/paths/~1contacts/post/requestBody/content/application~1json/schema/properties';
    expect(positions(findings)).toEqual([
      '7:33 /paths/~1contacts/get/parameters/0/schema',
      `17:17 ${body}/name`,
      `18:17 ${body}/email`,
      `19:17 ${body}/website`,
      `20:17 ${body}/code`,
      `24:19 ${body}/tags/items`,
    ]);
    expect(findingAt(findings, '/paths/~1contacts/get/parameters/0/schema').message).toBe(
      'Query parameter "q" of GET /contacts is a string without maxLength: only the server\'s URL and header size limits bound it.',
    );
    expect(findingAt(findings, `${body}/name`).message).toBe(
      'Property "name" of the request body of POST /contacts is a string without maxLength: a client can send megabytes.',
    );
    expect(findingAt(findings, `${body}/name`).location).toMatchObject({ endLine: 17, endColumn: 21 });
    // email and uri do not bound length; neither does an unbounded pattern.
    expect(findingAt(findings, `${body}/email`).message).toContain('(format "email" does not bound its length)');
    expect(findingAt(findings, `${body}/website`).message).toContain('(format "uri" does not bound its length)');
    expect(findingAt(findings, `${body}/code`).message).toContain('(its pattern allows any length)');
    expect(findingAt(findings, `${body}/tags/items`).message).toMatch(/^The items of property "tags" .* are strings without maxLength/);
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
  });

  it('flags Swagger 2.0 header and formData parameters (the parameter is its own schema)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['8:11 /paths/~1contacts/post/parameters/0', '9:11 /paths/~1contacts/post/parameters/1']);
    expect(findings[1].message).toMatch(/^Form parameter "name" of POST \/contacts is a string without maxLength/);
  });

  it('accepts maxLength, enum, const, length-bounding formats (date, time, uuid, ipv4, hostname, int64), bounded patterns, readOnly, uploads, responses and webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
