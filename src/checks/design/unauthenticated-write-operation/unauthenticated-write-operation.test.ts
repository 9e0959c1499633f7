import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('unauthenticated-write-operation', () => {
  it('flags writes with no security, `security: []` and an anonymous `{}` alternative', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['5:5 /paths/~1orders/post', '14:5 /paths/~1orders~1{id}/put', '18:5 /paths/~1orders~1{id}/patch']);
    const byPointer = Object.fromEntries(findings.map((f) => [f.location.kind === 'file' ? f.location.pointer : '', f.message]));
    expect(byPointer['/paths/~1orders/post']).toBe(
      'POST /orders changes data without authentication: no security requirement is declared, neither on the operation nor at the root. Anyone who can reach the API can call it.',
    );
    expect(byPointer['/paths/~1orders~1{id}/put']).toContain('sets `security: []`');
    expect(byPointer['/paths/~1orders~1{id}/patch']).toContain('anonymous alternative `{}`');
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });
  it('flags a Swagger 2.0 write inheriting a root `{}` alternative, not one that overrides it', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe-anonymous-global.v2.yaml');
    expect(positions(findings)).toEqual(['10:5 /paths/~1carts/post']);
    expect(findings[0].message).toContain('the root security lists the anonymous alternative');
  });
  it('accepts secured writes, authentication entry points, POST searches, admin paths and webhooks', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});
