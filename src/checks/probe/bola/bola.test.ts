import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeDecoys from './fixtures/safe-decoys.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeNested from './fixtures/unsafe-nested.ts';
import unsafeRead from './fixtures/unsafe-read.ts';
import check from './index.ts';

const at = (findings: Awaited<ReturnType<typeof runProbeCheck>>, method: string) => {
  const f = findings.find((x) => x.location.kind === 'http' && x.location.method === method);
  if (!f) throw new Error(`no finding for ${method}`);
  return f;
};

describe('bola', () => {
  it("proves bob reading, changing and deleting alice's order", async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['DELETE /orders/{orderId}', 'GET /orders/{orderId}', 'PUT /orders/{orderId}']);
    for (const f of findings) {
      expect(f).toMatchObject({ severity: 'high', confidence: 'high', owasp: ['API1:2023'] });
      expect(f.evidence?.identities).toEqual(['alice', 'bob']);
      expect(f.evidence?.curl).toContain('$BOB_TOKEN');
    }

    const read = at(findings, 'GET');
    expect(read.message).toBe(
      "bob read alice's object with GET /orders/{orderId}: the request with alice's id answered 200 with the same record alice gets. The API finds the object by its id alone, so any signed-in user reads anyone's data by changing the id in the URL. Check on every request that the object belongs to the caller (look it up by id AND owner) and answer 404 when it does not.",
    );
    expect(read.evidence?.request).toMatch(/^GET \/orders\/\d+ HTTP\/1\.1\n/);
    expect(read.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"user_id":1,/);

    const update = at(findings, 'PUT');
    expect(update.message).toMatch(
      /^bob changed alice's object with PUT \/orders\/\{orderId\} \(200\): alice reads note = "rampart-bola-[0-9a-f]{10}" back from GET \/orders\/\{orderId\}, the value bob sent\. Any signed-in user can alter anyone's data/,
    );
    expect(update.evidence?.request).toMatch(/^PUT \/orders\/\d+ HTTP\/1\.1\n[\s\S]*"note":"rampart-bola-/);

    const del = at(findings, 'DELETE');
    expect(del.message).toBe(
      "bob deleted alice's object with DELETE /orders/{orderId} (204): alice gets 404 from GET /orders/{orderId} afterwards. Any signed-in user can delete anyone's data by changing the id in the URL. Check that the object belongs to the caller before deleting it (delete by id AND owner) and answer 404 when it does not.",
    );
    expect(del.evidence?.response).toMatch(/^HTTP\/1\.1 204 No Content/);
  });

  it('flags only the route that forgets the ownership check', async () => {
    expect(probePositions(await runProbeCheck(check, unsafeRead))).toEqual(['GET /orders/{orderId}']);
  });

  it("flags a list below another user's id (the user id from alice's /users/me)", async () => {
    const findings = await runProbeCheck(check, unsafeNested);
    expect(probePositions(findings)).toEqual(['GET /users/{userId}/orders']);
    expect(findings[0].evidence?.request).toMatch(/^GET \/users\/1\/orders HTTP\/1\.1\n/);
    expect(findings[0].evidence?.identities).toEqual(['alice', 'bob']);
  });

  it('accepts ownership checks, error envelopes with 200, changes and deletes that do nothing, and public objects', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeDecoys)).toEqual([]);
  });
});
