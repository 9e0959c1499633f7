import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('sensitive-field-in-response', () => {
  it('flags credentials and personal data in responses and webhook payloads, at the property key', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const me = '/paths/~1me/get/responses/200/content/application~1json/schema/properties';
    const hook = '/webhooks/paymentCreated/post/requestBody/content/application~1json/schema/properties/card/properties';
    expect(positions(findings)).toEqual([
      `25:19 ${me}/pin`,
      `26:19 ${me}/apiKey`,
      `27:19 ${me}/recovery`,
      `41:21 ${hook}/number`,
      `42:21 ${hook}/cvv`,
      '51:9 /components/schemas/User/properties/password_hash',
      '52:9 /components/schemas/User/properties/ssn',
      '53:9 /components/schemas/User/properties/card_number',
      '54:9 /components/schemas/User/properties/session_token',
    ]);
    const hash = findingAt(findings, '/components/schemas/User/properties/password_hash');
    expect(hash).toMatchObject({ severity: 'high', location: { startLine: 51, startColumn: 9, endLine: 51, endColumn: 22 } });
    expect(hash.message).toBe(
      'Response property "password_hash" of schema "User" returns a password hash to API clients; it is not marked writeOnly.',
    );
    expect(hash.evidence?.snippet).toBe('returned by GET /users/{userId}');
    // format: password marks a password whatever its name.
    expect(findingAt(findings, `${me}/recovery`)).toMatchObject({ severity: 'high' });
    expect(findingAt(findings, `${me}/recovery`).message).toContain('of a response of GET /me returns a password');
    expect(findingAt(findings, `${me}/pin`).severity).toBe('medium');
    expect(findingAt(findings, '/components/schemas/User/properties/session_token').message).toContain('returns a token');
    const cvv = findingAt(findings, `${hook}/cvv`);
    expect(cvv.severity).toBe('high');
    expect(cvv.message).toContain('sends a card security code to every subscriber of the webhook');
    expect(findingAt(findings, `${hook}/number`).message).toContain('a full card number');
  });

  it('flags a Swagger 2.0 response schema', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual([
      '19:9 /definitions/App/properties/clientSecret',
      '20:9 /definitions/App/properties/admin_password',
    ]);
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });

  it('accepts writeOnly fields, flags, cursors, references, and credentials returned by the endpoints that issue them', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
