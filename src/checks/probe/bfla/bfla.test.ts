import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeDecoys from './fixtures/safe-decoys.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeAdminDelete from './fixtures/unsafe-admin-delete.ts';
import check from './index.ts';

describe('bfla', () => {
  it('flags the admin user list served to a user and an undocumented DELETE that removes an admin-made product', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['DELETE /products/{productId}', 'GET /admin/users']);
    const [list, del] = [...findings].sort((a, b) => a.message.localeCompare(b.message));
    expect(list.message).toBe(
      'alice, who is not an administrator, called the admin operation GET /admin/users and it worked (200, data in the body): the operation checks that the caller is signed in, not that they may use it, so every user has administrator powers here. Check the role or scope on the server (a middleware on the whole admin API, deny by default) and answer 403 to everyone else.',
    );
    expect(list).toMatchObject({ severity: 'high', confidence: 'high', owasp: ['API5:2023'], cwe: ['CWE-285'] });
    expect(list.evidence?.identities).toEqual(['alice']);
    expect(list.evidence?.request).toMatch(/^GET \/admin\/users HTTP\/1\.1\n/);
    expect(list.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"username":"carol"/);

    expect(del.message).toBe(
      "alice, who is not an administrator, sent DELETE /products/{productId}, a method the definition does not document for this path, and got 204: carol's object is gone, GET /products/{productId} answers 404 afterwards. A leftover or framework-generated route performs the operation without the role or ownership check the documented routes have. Remove the route (answer 405), or give it the same authorization as the documented admin operation.",
    );
    expect(del.evidence?.identities).toEqual(['carol', 'alice']);
    expect(del.evidence?.request).toMatch(/^DELETE \/products\/\d+ HTTP\/1\.1\n/);
    expect(del.evidence?.curl).toContain('$ALICE_TOKEN');
  });

  it('flags a documented admin delete without a role check, proven on a product carol created', async () => {
    const findings = await runProbeCheck(check, unsafeAdminDelete);
    expect(probePositions(findings)).toEqual(['DELETE /admin/products/{productId}']);
    expect(findings[0].message).toBe(
      "alice, who is not an administrator, called the admin operation DELETE /admin/products/{productId} and it worked (204, carol's object is gone, GET /products/{productId} answers 404 afterwards): the operation checks that the caller is signed in, not that they may use it, so every user has administrator powers here. Check the role or scope on the server (a middleware on the whole admin API, deny by default) and answer 403 to everyone else.",
    );
    expect(findings[0].evidence?.identities).toEqual(['carol', 'alice']);
  });

  it('accepts role checks, a 200 error envelope for users, a catch-all that answers 200 to other methods without acting, and an admin report served even anonymously (missing authentication)', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeDecoys)).toEqual([]);
  });
});
