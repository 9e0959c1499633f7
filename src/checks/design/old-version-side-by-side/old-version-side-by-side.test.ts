import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check, { compareVersions, parseVersion } from './index.ts';

describe('old-version-side-by-side', () => {
  it('reports each old version prefix once, at its first operation that has a newer twin', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['5:5 /paths/~1v1~1users~1{id}/get', '15:5 /paths/~1api~1v1beta1~1jobs/post']);
    const [users, jobs] = findings;
    expect(users).toMatchObject({ severity: 'low', location: { endLine: 5, endColumn: 8 } });
    expect(users.message).toBe(
      'Operations under "/v1" (such as GET /v1/users/{id}) are still documented beside their newer versions under "/v2" (such as GET /v2/users/{userId}) and are not marked deprecated: old versions tend to keep the bugs and weaker controls the new one fixed. Deprecate them with a sunset date, or retire them.',
    );
    expect(users.evidence?.snippet).toBe(
      '2 operations with a newer version: GET /v1/users/{id} -> GET /v2/users/{userId}; DELETE /v1/users/{id} -> DELETE /v2/users/{userId}',
    );
    // A beta is old beside the stable version; the stable v1 is not old beside the v2beta1 pre-release.
    expect(jobs.message).toContain('under "/api/v1beta1"');
    expect(jobs.message).toContain('under "/api/v1" (such as POST /api/v1/jobs)');
  });

  it('compares dated versions in a Swagger 2.0 definition', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['5:43 /paths/~12010-04-01~1Accounts~1{Sid}~1Calls/get']);
    expect(findings[0].message).toContain('under "/2023-10-16"');
  });

  it('leaves deprecated old versions, unrelated resources and stable-beside-beta alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });

  it('orders versions', () => {
    const order = ['v1alpha1', 'v1beta1', 'v1beta2', 'v1', 'v1.1', 'v2beta1', 'v2'].map((s) => parseVersion(s)!);
    for (let i = 1; i < order.length; i++) expect(compareVersions(order[i], order[i - 1]), order[i].text).toBeGreaterThan(0);
    expect(parseVersion('users')).toBeUndefined();
    expect(parseVersion('v1x')).toBeUndefined();
  });
});
