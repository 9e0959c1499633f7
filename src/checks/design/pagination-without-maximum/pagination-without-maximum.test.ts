import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('pagination-without-maximum', () => {
  it('flags numeric page-size query parameters without maximum, shared ones once (OpenAPI 3)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '7:37 /paths/~1orders/get/parameters/0/schema',
      '15:36 /paths/~1invoices/get/parameters/1/schema',
      '19:11 /paths/~1invoices/get/parameters/2/schema',
      '27:7 /components/parameters/PageSize/schema',
    ]);
    const at = (pointer: string) => findingAt(findings, pointer);
    const limit = at('/paths/~1orders/get/parameters/0/schema');
    const top = at('/paths/~1invoices/get/parameters/1/schema');
    const perPage = at('/paths/~1invoices/get/parameters/2/schema');
    const pageSize = at('/components/parameters/PageSize/schema');
    expect(limit.message).toBe(
      'Page-size parameter "limit" of GET /orders has no maximum: one request can ask for the whole collection (e.g. limit=1000000).',
    );
    expect(limit).toMatchObject({ severity: 'medium', location: { endLine: 7, endColumn: 43 } });
    // `$top` is matched as the word "top"; a format is no bound.
    expect(top.message).toContain('"$top" of GET /invoices has no maximum');
    // A limit stated only in prose: low, with the value to declare.
    expect(perPage.severity).toBe('low');
    expect(perPage.message).toContain('states its maximum (100) only in its description: declare `maximum: 100`');
    expect(pageSize.message).toContain('Page-size parameter "pageSize" (parameter "PageSize") has no maximum');
  });

  it('flags a Swagger 2.0 query parameter (the parameter is its own schema)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['7:24 /paths/~1orders/get/parameters/0']);
    expect(findings[0].message).toContain('"max_results" of GET /orders');
  });

  it('accepts maximum, 3.1 exclusiveMaximum, enums, non-numeric and non-query parameters, and look-alike names', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
