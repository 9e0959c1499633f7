import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('additional-properties-allowed', () => {
  it('flags open request objects, judging allOf parts through their composite (OpenAPI 3.0)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '14:17 /paths/~1orders/post/requestBody/content/application~1json/schema/properties/shipping',
      '36:5 /components/schemas/Order',
    ]);
    const [shipping, order] = findings;
    expect(shipping.message).toBe(
      'Property "shipping" of the request body of POST /orders declares its properties but accepts any other in requests: add `additionalProperties: false`.',
    );
    expect(shipping.location).toMatchObject({ endLine: 14, endColumn: 25 });
    expect(shipping.severity).toBe('low');
    // Base is an allOf part: not reported on its own; the 3.0 composite gets a hint about allOf.
    expect(order.message).toContain('Schema "Order"');
    expect(order.message).toContain('in OpenAPI 3.0 it would also reject the properties of the allOf parts');
    expect(order.evidence?.snippet).toBe('accepted by PUT /orders/{orderId}');
  });

  it('flags a Swagger 2.0 body schema with additionalProperties: true', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['9:11 /paths/~1orders/post/parameters/0/schema']);
    expect(findings[0].message).toMatch(/^The request body of POST \/orders declares/);
  });

  it('accepts closed objects, 3.1 unevaluatedProperties on allOf, typed maps, readOnly parts, responses and webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
