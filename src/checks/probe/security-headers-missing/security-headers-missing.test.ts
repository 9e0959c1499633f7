import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeHttps from './fixtures/safe-https.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeHttps from './fixtures/unsafe-https.ts';
import check from './index.ts';

describe('security-headers-missing', () => {
  it('reports each missing header once for the API, at the first endpoint of the definition', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /orders', 'GET /orders', 'GET /orders']);
    const [nosniff, corp, vary] = findings.sort((a, b) => a.message.localeCompare(b.message));
    expect(nosniff?.message).toBe(
      'Responses of this API lack "X-Content-Type-Options: nosniff" (3 of 3 endpoints probed): a browser may sniff an answer that echoes user input as HTML or script and run it in the API\'s origin. Send "X-Content-Type-Options: nosniff" on every response (one middleware).',
    );
    expect(corp?.message).toContain('lack a "Cross-Origin-Resource-Policy" header (3 of 3 endpoints probed)');
    expect(vary?.message).toContain(
      'The API answers "Access-Control-Allow-Origin: https://rampart-probe.example" depending on the request\'s Origin but without "Vary: Origin" (1 of 3 endpoints probed)',
    );
    // The proof is a successful answer (alice's), not the anonymous 401.
    expect(nosniff?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK/);
    expect(nosniff?.evidence?.identities).toEqual(['alice']);
    expect(nosniff?.evidence?.request).toMatch(/^GET \/orders HTTP\/1.1/);
    expect(vary?.evidence?.request).toContain('origin: https://rampart-probe.example');
    expect(vary?.evidence?.response).toContain('access-control-allow-origin: https://rampart-probe.example');
    expect(nosniff?.severity).toBe('low');
  });

  it('reports a missing Strict-Transport-Security on an HTTPS API, at medium severity', async () => {
    const findings = await runProbeCheck(check, unsafeHttps);
    expect(probePositions(findings)).toEqual(['GET /orders']);
    expect(findings[0]?.message).toBe(
      'This HTTPS API answers with no Strict-Transport-Security header (3 of 3 endpoints probed): a client\'s first request can be downgraded to plain HTTP by anyone on the network, who then reads tokens and cookies. Send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every HTTPS response.',
    );
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.location).toMatchObject({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/orders$/) });
  });

  it('accepts nosniff, CORP, an allow-listed CORS answer with Vary: Origin, and HSTS on HTTPS', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeHttps)).toEqual([]);
  });
});
