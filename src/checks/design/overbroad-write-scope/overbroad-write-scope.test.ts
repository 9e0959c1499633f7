import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check, { isReadScope, isWildcardScope } from './index.ts';

describe('overbroad-write-scope', () => {
  it('flags writes with no scope, read-only or all-access scopes; inherited ones once at the root', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '4:5 /security/0/oauth',
      '19:5 /paths/~1orders~1{id}/delete',
      '24:5 /paths/~1orders~1{id}/patch',
      '31:5 /paths/~1refunds/post',
    ]);
    const by = Object.fromEntries(findings.map((f) => [f.location.kind === 'file' ? f.location.pointer : '', f]));
    expect(by['/security/0/oauth'].message).toBe(
      'The root requirement on OAuth2 scheme "oauth" asks only for read scopes (orders:read) and write operations inherit it: a token granted read access can change data.',
    );
    expect(by['/security/0/oauth'].evidence?.snippet).toBe('inherited by 2 write operation(s), e.g. POST /orders');
    expect(by['/paths/~1orders~1{id}/delete'].message).toBe(
      'DELETE /orders/{id} changes data but its OAuth2 requirement "oauth" lists no scope: any token the authorization server issues, whatever it was granted for, is accepted.',
    );
    expect(by['/paths/~1orders~1{id}/patch'].message).toContain('only be called with all-access scopes (*)');
    expect(by['/paths/~1refunds/post'].message).toContain('asks only for read scopes (read:*)');
  });
  it('flags a Swagger 2.0 write that needs the admin scope outside admin paths', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['15:5 /paths/~1pets/post']);
    expect(findings[0].message).toContain('all-access scopes (admin)');
  });
  it('accepts specific write scopes, narrow alternatives, POST searches, admin scopes on admin paths', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
  it('classifies scopes by words', () => {
    expect(['read', 'orders:read', 'read:*', 'https://www.googleapis.com/auth/drive.readonly', 'users:read.email'].every(isReadScope)).toBe(
      true,
    );
    expect(['root_readwrite', 'orders:write', 'channels:history', 'admin.apps:read-write'].some(isReadScope)).toBe(false);
    expect(
      ['*', 'all', 'admin', 'full_access', 'orders:*', 'orders:all', 'files.full_access'].every((s) => isWildcardScope(s, false)),
    ).toBe(true);
    expect(isWildcardScope('admin', true)).toBe(false);
    expect(isWildcardScope('orders:write', false)).toBe(false);
  });
});
