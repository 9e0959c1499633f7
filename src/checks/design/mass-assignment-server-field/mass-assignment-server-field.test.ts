import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('mass-assignment-server-field', () => {
  it('flags server-controlled properties at their key, with a severity by kind (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const body = '/paths/~1users/post/requestBody/content/application~1json/schema/properties';
    expect(positions(findings)).toEqual([
      `12:17 ${body}/id`,
      `15:17 ${body}/isAdmin`,
      `16:17 ${body}/created_at`,
      '41:9 /components/schemas/UserUpdate/properties/roles',
      '44:9 /components/schemas/UserUpdate/properties/owner_id',
      '45:9 /components/schemas/UserUpdate/properties/email_verified',
      '46:9 /components/schemas/UserUpdate/properties/updatedAt',
      '50:9 /components/schemas/UserUpdate/properties/account_balance',
    ]);
    expect(findingAt(findings, `${body}/isAdmin`)).toMatchObject({
      severity: 'high',
      location: { startLine: 15, startColumn: 17, endLine: 15, endColumn: 24 },
      evidence: { snippet: 'accepted by POST /users' },
    });
    expect(findingAt(findings, `${body}/isAdmin`).message).toBe(
      'Request property "isAdmin" of the request body of POST /users is not readOnly: a caller can send it and set its own role or privileges unless the server ignores it (mass assignment).',
    );
    expect(findingAt(findings, `${body}/id`).severity).toBe('medium');
    expect(findingAt(findings, `${body}/created_at`).severity).toBe('medium');
    // A shared schema is named by its name; the operation goes to the evidence, so the fingerprint stays stable.
    const roles = findingAt(findings, '/components/schemas/UserUpdate/properties/roles');
    expect(roles.message).toContain('Request property "roles" of schema "UserUpdate"');
    expect(roles.evidence?.snippet).toBe('accepted by PATCH /users/{userId}');
    expect(roles.severity).toBe('high');
    expect(findingAt(findings, '/components/schemas/UserUpdate/properties/account_balance').message).toContain('its own balance or credit');
    // owner_id is fine on POST /users (creating for someone) but flagged on the PATCH.
    expect(findingAt(findings, '/components/schemas/UserUpdate/properties/owner_id').message).toContain('accepted on an update');
    expect(findings.some((f) => f.location.kind === 'file' && f.location.pointer === `${body}/owner_id`)).toBe(false);
    // Already documented as server-set: low, and the message says what is missing.
    const updated = findingAt(findings, '/components/schemas/UserUpdate/properties/updatedAt');
    expect(updated.severity).toBe('low');
    expect(updated.message).toContain('described as set by the server but not marked readOnly');
  });

  it('flags Swagger 2.0 formData parameters and body schemas', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual([
      '10:11 /paths/~1accounts/post/parameters/1',
      '29:9 /definitions/Account/properties/id',
      '31:9 /definitions/Account/properties/ownerId',
      '32:9 /definitions/Account/properties/credit',
    ]);
    const form = findingAt(findings, '/paths/~1accounts/post/parameters/1');
    expect(form.severity).toBe('high');
    expect(form.message).toMatch(/^Form parameter "is_admin" of POST \/accounts is accepted:/);
    expect(findingAt(findings, '/definitions/Account/properties/credit').severity).toBe('high');
    expect(findingAt(findings, '/definitions/Account/properties/ownerId').evidence?.snippet).toBe('accepted by PUT /accounts/{id}');
  });

  it('leaves readOnly fields, references, access-management resources, responses and webhooks alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
