import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('unauthenticated-read-operation', () => {
  it('flags reads opened by `security: []` or a `{}` alternative, and POST searches', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '7:5 /paths/~1customers/get',
      '12:5 /paths/~1customers~1{id}/get',
      '18:5 /paths/~1customers~1{id}/head',
      '27:5 /paths/~1orders~1{id}~1status/get',
      '32:5 /paths/~1orders~1search/post',
    ]);
    expect(findings[0].message).toBe(
      'GET /customers returns data without authentication: the operation sets `security: []`, which turns authentication off. Anyone who can reach the API can read what it returns.',
    );
    expect(findings.find((f) => f.message.startsWith('GET /customers/{id}'))?.message).toContain('anonymous alternative `{}`');
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });
  it('flags a Swagger 2.0 read with no requirement while the definition has schemes', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['9:7 /paths/~1invoices/get']);
    expect(findings[0].message).toContain('no security requirement is declared');
  });
  it('skips public-by-nature paths, login pages, admin paths and OPTIONS', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
  it('leaves a definition without any security to no-security-schemes', async () => {
    expect(await runCheck(check, import.meta.url, 'safe-no-security-at-all.yaml')).toEqual([]);
  });
});
