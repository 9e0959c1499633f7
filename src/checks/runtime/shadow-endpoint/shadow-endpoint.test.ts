import { describe, expect, it } from 'vitest';
import { findingAt, httpPositions, runInventoryCheck } from '../../../engines/runtime/inventory/testing.ts';
import check from './index.ts';

describe('shadow-endpoint', () => {
  it('flags undocumented paths and undocumented methods of documented paths that answered (access log)', async () => {
    const findings = await runInventoryCheck(check, import.meta.url, 'unsafe.log');
    expect(httpPositions(findings)).toEqual(['DELETE /v2/orders/{orderId}', 'GET /v2/admin/debug', 'GET /v2/internal/export']);
    const debug = findingAt(findings, 'GET /v2/admin/debug');
    expect(debug.message).toBe(
      'GET /v2/admin/debug answered 1 of 1 request (without credentials), but no definition documents this path (fixtures/openapi.yaml).',
    );
    expect(debug).toMatchObject({
      severity: 'medium',
      owasp: ['API9:2023'],
      location: { kind: 'http', url: 'http://api.shop.test/v2/admin/debug' },
    });
    expect(debug.evidence?.snippet).toBe('1 request; at 2025-03-10T09:00:05.000Z; first sample at fixtures/unsafe.log:5');
    expect(debug.evidence?.request).toBe('GET http://api.shop.test/v2/admin/debug');
    expect(debug.evidence?.response).toBe('HTTP 200');
    expect(findingAt(findings, 'DELETE /v2/orders/{orderId}').message).toBe(
      'DELETE /v2/orders/{orderId} answered 1 of 1 request (without credentials); the path is documented, but not for DELETE (only GET).',
    );
  });

  it('raises the severity when the undocumented endpoint returns sensitive data, and never shows the token (HAR)', async () => {
    const findings = await runInventoryCheck(check, import.meta.url, 'unsafe-sensitive.har');
    expect(httpPositions(findings)).toEqual(['GET /v2/customers/export']);
    const f = findings[0];
    expect(f.severity).toBe('high');
    expect(f.message).toBe(
      'GET /v2/customers/export answered 1 of 1 request (with bearer JWT), carrying payment card number, email address, but no definition documents this path (fixtures/openapi.yaml).',
    );
    expect(f.evidence?.request).toBe(
      'GET https://api.shop.test/v2/customers/export\nAuthorization: Bearer [redacted, 82 chars]\nAccept: application/json',
    );
    expect(JSON.stringify(f)).not.toContain('eyJhbGci');
    expect(JSON.stringify(f)).not.toContain('4111');
  });

  it('uses the server route of OpenTelemetry spans as the template', async () => {
    const findings = await runInventoryCheck(check, import.meta.url, 'unsafe-traces.otlp.json');
    expect(httpPositions(findings)).toEqual(['POST /v2/orders/{orderId}/refund']);
    expect(findings[0].evidence?.snippet).toContain('first sample at fixtures/unsafe-traces.otlp.json:1');
  });

  it('accepts documented operations, HEAD of a documented GET, preflights, 404/405 probes and other hosts', async () => {
    expect(await runInventoryCheck(check, import.meta.url, 'safe.log')).toEqual([]);
  });
});
