import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('deprecated-without-sunset', () => {
  it('flags deprecated operations without a sunset, at their deprecated flag', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['6:7 /paths/~1v1~1charges/get/deprecated', '15:7 /paths/~1v1~1charges/post/deprecated']);
    expect(findings[0]).toMatchObject({ severity: 'low', location: { endLine: 6, endColumn: 17 } });
    expect(findings[0].message).toBe(
      'GET /v1/charges is deprecated but announces no sunset date (no `x-sunset`, no `Sunset` response header, no date in its description): clients cannot plan the migration and the old endpoint tends to stay reachable indefinitely.',
    );
    // A Deprecation header or an x-deprecated-since date says when it started, not when it ends.
    expect(findings[1].message).toContain('POST /v1/charges');
  });

  it('flags a deprecated Swagger 2.0 operation', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['7:9 /paths/~1legacy~1search/get/deprecated']);
  });

  it('accepts x-sunset, a Sunset header, dates in prose, x-deprecation objects; ignores deprecated parameters', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});
