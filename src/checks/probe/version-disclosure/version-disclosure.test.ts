import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeAspnet from './fixtures/unsafe-aspnet.ts';
import check from './index.ts';

describe('version-disclosure', () => {
  it('reports each header with a version once for the API', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /products', 'GET /products']);
    const [server, powered] = findings.sort((a, b) => a.message.localeCompare(b.message));
    expect(server?.message).toBe(
      'The "Server: nginx/1.18.0 (Ubuntu)" response header tells everyone which software and version run this API (2 of 2 endpoints probed): attackers match the version against known vulnerabilities (CVEs) and aim their exploits precisely. Remove the header or its version (Express: app.disable("x-powered-by"); nginx: server_tokens off; IIS/ASP.NET: enableVersionHeader="false" and removeServerHeader).',
    );
    expect(powered?.message).toMatch(/^The "X-Powered-By: Express 4.18.2" response header/);
    expect(server?.evidence?.request).toMatch(/^GET \/products HTTP\/1.1\n/);
    expect(server?.evidence?.response).toContain('server: nginx/1.18.0 (Ubuntu)');
  });

  it('reports the IIS and ASP.NET version headers, not a bare "X-Powered-By: ASP.NET"', async () => {
    const findings = await runProbeCheck(check, unsafeAspnet);
    expect(findings.map((f) => f.message.slice(0, f.message.indexOf('" response')))).toEqual([
      'The "Server: Microsoft-IIS/10.0',
      'The "X-AspNet-Version: 4.0.30319',
    ]);
  });

  it('accepts a product name without a version', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});
