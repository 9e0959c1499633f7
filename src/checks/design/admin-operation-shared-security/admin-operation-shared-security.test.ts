import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('admin-operation-shared-security', () => {
  it('flags admin operations reachable with ordinary credentials (high) or none (critical)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '11:5 /paths/~1admin~1users~1{id}/delete',
      '16:5 /paths/~1admin~1reports/get',
      '28:5 /paths/~1internal~1admin~1cache/delete',
      '33:5 /paths/~1admin~1settings/put',
    ]);
    const by = Object.fromEntries(findings.map((f) => [f.location.kind === 'file' ? f.location.pointer : '', f]));
    const del = by['/paths/~1admin~1users~1{id}/delete'];
    expect(del.severity).toBe('high');
    expect(del.message).toBe(
      "Admin operation DELETE /admin/users/{id} accepts the same credentials as ordinary operations (bearer): nothing in the definition requires an administrator, so any user's token may call it.",
    );
    expect(del.evidence?.snippet).toBe('also accepted by GET /orders');
    expect(by['/paths/~1admin~1reports/get'].message).toContain('(oauth [reports:read])');
    expect(by['/paths/~1admin~1reports/get'].evidence?.snippet).toBe('also accepted by GET /reports');
    const flush = by['/paths/~1internal~1admin~1cache/delete'];
    expect(flush.severity).toBe('critical');
    expect(flush.message).toBe(
      'Admin operation DELETE /internal/admin/cache needs no authentication: the operation sets `security: []`, which turns authentication off. Anyone who can reach the API can use an administrative function.',
    );
    expect(by['/paths/~1admin~1settings/put'].severity).toBe('critical');
    expect(by['/paths/~1admin~1settings/put'].message).toContain('anonymous alternative `{}`');
  });
  it('flags a Swagger 2.0 admin operation sharing the API key of ordinary ones', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['15:7 /paths/~1administration~1products~1{id}/delete']);
    expect(findings[0].evidence?.snippet).toBe('also accepted by POST /products');
  });
  it('accepts admin scopes, admin-only schemes, the admin login page and health probe', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
  it('accepts an API made only of admin operations', async () => {
    expect(await runCheck(check, import.meta.url, 'safe-admin-only.yaml')).toEqual([]);
  });
});
