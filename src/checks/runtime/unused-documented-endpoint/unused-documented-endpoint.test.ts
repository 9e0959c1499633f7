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

  it('says nothing when the traffic is too small to tell', async () => {
    expect(await runInventoryCheck(check, import.meta.url, 'unsafe.jsonl', { options: { minRequests: 100 } })).toEqual([]);
  });

  it('accepts traffic that covers every operation', async () => {
    expect(await runInventoryCheck(check, import.meta.url, 'safe.jsonl')).toEqual([]);
  });
});
