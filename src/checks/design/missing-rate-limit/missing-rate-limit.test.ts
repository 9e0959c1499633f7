import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('missing-rate-limit', () => {
  it('reports once at paths, with the count and examples, leaving sensitive flows to their own check', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['3:1 /paths']);
    expect(findings[0].message).toBe(
      '2 of 4 operations document no rate limit (GET /products/{id}, DELETE /products/{id}): no 429 response and no RateLimit, X-RateLimit-* or Retry-After header.',
    );
    expect(findings[0].severity).toBe('low');
    expect(findings[0].evidence?.snippet).toBe('2/4 operations without 429 or rate-limit headers');
  });

  it('says when no operation of a Swagger 2.0 definition documents a limit', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['4:3 /paths']);
    expect(findings[0].message).toBe(
      'No operation of this API documents a rate limit (4 operations, e.g. GET /reports, POST /reports, GET /reports/{id}): no 429 response and no RateLimit, X-RateLimit-* or Retry-After header.',
    );
  });

  it('accepts 429 responses (also shared ones) and rate-limit headers (also $ref headers) in 3.x and 2.0', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

describe('missing-rate-limit fingerprint', () => {
  it('stays the same when operations are added, so a baseline keeps matching', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { audit } = await import('../../../engines/design/engine.ts');
    const dir = mkdtempSync(join(tmpdir(), 'rampart-rl-'));
    const op = (p: string) => `  ${p}:\n    get:\n      responses:\n        '200': { description: ok }\n`;
    const head = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n";
    writeFileSync(join(dir, 'a.yaml'), head + op('/a'));
    const before = await audit(['a.yaml'], { cwd: dir, checks: [check] });
    writeFileSync(join(dir, 'a.yaml'), head + op('/a') + op('/b') + op('/c'));
    const after = await audit(['a.yaml'], { cwd: dir, checks: [check] });
    expect(before.findings[0].message).not.toBe(after.findings[0].message);
    expect(after.findings[0].fingerprint).toBe(before.findings[0].fingerprint);
  });
});
