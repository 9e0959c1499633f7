import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safePublic from './fixtures/safe-public.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeWildcard from './fixtures/unsafe-wildcard.ts';
import check from './index.ts';

describe('cors-misconfiguration', () => {
  it('reports a reflected origin and an allowed null origin with credentials, once each for the API', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /account', 'GET /account']);
    const reflected = findings.find((f) => f.message.startsWith('The API copies'));
    const nul = findings.find((f) => f.message.startsWith('The API allows "Origin: null"'));
    expect(reflected?.message).toBe(
      'The API copies any Origin into "Access-Control-Allow-Origin" and adds "Access-Control-Allow-Credentials: true" (2 of 2 endpoints tried; Origin: https://rampart-probe.example was accepted): any website a signed-in user visits can call this API with the user\'s cookies or credentials and read the answers. Allow only a fixed list of trusted origins, and compare the Origin header against that list exactly.',
    );
    expect(reflected?.severity).toBe('high');
    expect(reflected?.evidence?.request).toContain('\norigin: https://rampart-probe.example');
    expect(reflected?.evidence?.response).toContain('access-control-allow-credentials: true');
    expect(reflected?.evidence?.identities).toEqual(['alice']);
    expect(nul?.message).toContain('(2 of 2 endpoints tried)');
    expect(nul?.evidence?.request).toContain('\norigin: null');
  });

  it('reports the wildcard with credentials at medium severity', async () => {
    const findings = await runProbeCheck(check, unsafeWildcard);
    expect(probePositions(findings)).toEqual(['GET /account']);
    expect(findings[0]?.message).toMatch(
      /^The API answers "Access-Control-Allow-Origin: \*" together with "Access-Control-Allow-Credentials: true" \(2 of 2/,
    );
    expect(findings[0]?.severity).toBe('medium');
  });

  it('accepts an exact allow-list and a public wildcard without credentials', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safePublic)).toEqual([]);
  });
});
