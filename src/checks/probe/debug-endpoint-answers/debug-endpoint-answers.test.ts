import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeSoft404 from './fixtures/safe-soft404.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeGit from './fixtures/unsafe-git.ts';
import check from './index.ts';

describe('debug-endpoint-answers', () => {
  it('reports a served .env, the actuator environment and public metrics, each confirmed by its body', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /.env', 'GET /actuator/env', 'GET /metrics']);
    const env = findings.find((f) => f.location.kind === 'http' && f.location.path === '/.env');
    expect(env?.message).toBe(
      'GET /.env serves the environment file (.env) to anyone without credentials (3 KEY=VALUE lines, keys DATABASE_URL, JWT_SECRET, STRIPE_KEY): it usually holds database passwords, API keys and signing secrets, so anyone can take over the backend. Remove it from the deployed build, or block the path at the server or gateway; rotate any secret it showed.',
    );
    expect(env?.severity).toBe('critical');
    expect(env?.evidence?.request).toMatch(/^GET \/.env HTTP\/1.1\n/);
    expect(env?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n/);
    expect(env?.evidence?.identities).toBeUndefined();
    const metrics = findings.find((f) => f.location.kind === 'http' && f.location.path === '/metrics');
    expect(metrics?.message).toContain('(2 metric families in Prometheus text format)');
    expect(metrics?.severity).toBe('medium');
  });

  it('finds .git/config behind a single-page-app catch-all', async () => {
    const findings = await runProbeCheck(check, unsafeGit);
    expect(probePositions(findings)).toEqual(['GET /.git/config']);
    expect(findings[0]?.message).toContain('serves the Git repository configuration to anyone without credentials (a [core] section)');
  });

  it('ignores catch-all pages, soft 404s that look like KEY=VALUE text, and endpoints behind auth', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeSoft404)).toEqual([]);
  });
});
