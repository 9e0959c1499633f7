import { describe, expect, it } from 'vitest';
import { findingAt, httpPositions, runInventoryCheck } from '../../../engines/runtime/inventory/testing.ts';
import check from './index.ts';

describe('unused-documented-endpoint', () => {
  it('flags documented operations no request matched (Swagger 2.0, JSON lines with req/res fields)', async () => {
    const findings = await runInventoryCheck(check, import.meta.url, 'unsafe.jsonl');
    expect(httpPositions(findings)).toEqual(['DELETE /books/{isbn}', 'GET /authors', 'POST /books']);
    const add = findingAt(findings, 'POST /books');
    expect(add.message).toBe(
      'POST /books is documented but was never called in 22 requests to this API: retired, or not covered by this capture.',
    );
    expect(add).toMatchObject({ severity: 'low', location: { kind: 'http', method: 'POST', path: '/books' } });
    expect(add.evidence?.snippet).toBe('declared at fixtures/openapi.yaml:16:5 (addBook)');
    expect(add.evidence?.request).toBeUndefined();
    expect(findingAt(findings, 'GET /authors').message).toBe(
      'GET /authors is deprecated and was never called in 22 requests to this API: it can probably be removed.',
    );
  });

  it('flags a documented fixed path every request to which got 404, even in little traffic; a 404 on /books/{isbn} is a missing book', async () => {
    const findings = await runInventoryCheck(check, import.meta.url, 'unsafe-not-deployed.log');
    expect(httpPositions(findings)).toEqual(['GET /authors']);
    expect(findings[0].message).toBe(
      'GET /authors is documented, but every request to it (2 requests) got 404, 405, 410 or 501: the server does not implement it, and clients built against the definition fail.',
    );
    expect(findings[0].severity).toBe('medium');
    expect(findings[0].evidence?.snippet).toBe(
      '2 requests; from 2025-03-10T09:00:02.000Z to 2025-03-10T09:00:03.000Z; first sample at fixtures/unsafe-not-deployed.log:2; declared at fixtures/openapi.yaml:43:5 (listAuthors)',
    );
  });

  it('says nothing when the traffic is too small to tell', async () => {
    expect(await runInventoryCheck(check, import.meta.url, 'unsafe.jsonl', { options: { minRequests: 100 } })).toEqual([]);
  });

  it('accepts traffic that covers every operation', async () => {
    expect(await runInventoryCheck(check, import.meta.url, 'safe.jsonl')).toEqual([]);
  });
});
