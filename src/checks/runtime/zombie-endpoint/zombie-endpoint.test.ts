import { describe, expect, it } from 'vitest';
import { findingAt, httpPositions, runInventoryCheck } from '../../../engines/runtime/inventory/testing.ts';
import check from './index.ts';

describe('zombie-endpoint', () => {
  it('flags an older version still answering and a deprecated operation still called (JSON-lines log)', async () => {
    const findings = await runInventoryCheck(check, import.meta.url, 'unsafe.log');
    expect(httpPositions(findings)).toEqual(['GET /api/v1/reports', 'GET /api/v1/users/{userId}', 'POST /api/v1/legacy-export']);
    const user = findingAt(findings, 'GET /api/v1/users/{userId}');
    expect(user.message).toBe(
      'GET /api/v1/users/{userId} of API version v1 still answers (1 of 1 request, last at 2025-03-10T09:00:01.000Z) while the definitions document version v2; its successor is GET /api/v2/users/{id}.',
    );
    expect(user.severity).toBe('high');
    expect(user.evidence?.snippet).toBe(
      '1 request; at 2025-03-10T09:00:01.000Z; first sample at fixtures/unsafe.log:1; declared at fixtures/openapi.yaml:9:5 (getUserV2)',
    );
    const exp = findingAt(findings, 'POST /api/v1/legacy-export');
    expect(exp.severity).toBe('medium');
    expect(exp.message).toContain('while the definitions document version v2.');
    const reports = findingAt(findings, 'GET /api/v1/reports');
    expect(reports.message).toBe('Deprecated operation GET /api/v1/reports is still called: 1 request, last at 2025-03-10T09:00:03.000Z.');
    expect(reports.evidence?.snippet).toContain('declared at fixtures/openapi.yaml:27:5 (listReportsV1)');
    expect(reports.location).toEqual({ kind: 'http', method: 'GET', path: '/api/v1/reports' });
    expect(reports.evidence?.request).toBe('GET /api/v1/reports?year=2024');
  });

  it('accepts old versions that answer 404 or 410 Gone and calls to the current version', async () => {
    expect(await runInventoryCheck(check, import.meta.url, 'safe.log')).toEqual([]);
  });
});
