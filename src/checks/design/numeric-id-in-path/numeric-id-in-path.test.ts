import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('numeric-id-in-path', () => {
  it('flags integer and digits-only id path parameters once each, path-level and shared ones included (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '6:52 /paths/~1orders~1{orderId}/parameters/0/schema',
      '16:58 /paths/~1customers~1{customer_id}~1invoices~1{id}/get/parameters/0/schema',
      '26:7 /components/parameters/Id/schema',
    ]);
    const order = findingAt(findings, '/paths/~1orders~1{orderId}/parameters/0/schema');
    expect(order.message).toBe(
      'Path parameter "orderId" (path /orders/{orderId}) is an integer: identifiers like 1, 2, 3 are guessable, so one missing ownership check exposes every object (BOLA).',
    );
    expect(order).toMatchObject({ severity: 'low', location: { endLine: 6, endColumn: 58 } });
    expect(findingAt(findings, '/paths/~1customers~1{customer_id}~1invoices~1{id}/get/parameters/0/schema').message).toContain(
      '"customer_id" of GET /customers/{customer_id}/invoices/{id} is a string of digits',
    );
    expect(findingAt(findings, '/components/parameters/Id/schema').message).toContain('Path parameter "id" (parameter "Id") is an integer');
  });

  it('flags a Swagger 2.0 integer path parameter', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['7:24 /paths/~1pets~1{petID}/get/parameters/0']);
  });

  it('accepts UUIDs, opaque string ids, non-id numbers and query ids', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
