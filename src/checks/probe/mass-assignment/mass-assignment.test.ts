import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeStrict from './fixtures/safe-strict.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeUpdate from './fixtures/unsafe-update.ts';
import check from './index.ts';

describe('mass-assignment', () => {
  it('flags a create that stores status, total and owner from the body, proven by reading the order back', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['POST /orders']);
    const [f] = findings;
    expect(f.message).toBe(
      'POST /orders stored properties the client must not set: status = "paid", user_id = 2, total = 1337. alice sent them with an ordinary request and GET /orders/{orderId} returns them afterwards, so any user can set their own prices and amounts. Copy only the documented, client-writable properties from the request into the object (an allow-list or a dedicated input type) and reject or ignore everything else.',
    );
    expect(f).toMatchObject({ severity: 'high', confidence: 'high', owasp: ['API3:2023'], cwe: ['CWE-915'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^POST \/orders HTTP\/1\.1\n[\s\S]*"role":"admin"[\s\S]*"status":"paid"/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 201 Created[\s\S]*"status":"paid"/);
  });

  it('flags an update that merges the body into the order', async () => {
    const findings = await runProbeCheck(check, unsafeUpdate);
    expect(probePositions(findings)).toEqual(['PUT /orders/{orderId}']);
    expect(findings[0].message).toMatch(
      /^PUT \/orders\/\{orderId\} stored properties the client must not set: status = "paid", user_id = 2, total = 1337\./,
    );
  });

  it('accepts APIs that ignore or reject extra properties, and a create response that only echoes them', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeStrict)).toEqual([]);
  });
});
