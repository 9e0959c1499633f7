import { describe, expect, it } from 'vitest';
import { type Finding, locationLabel } from '../../../core/index.ts';
import { runSoapProbeCheck, runSoapProbeCheckSeen, type SoapFixture } from '../../../engines/soap/testing.ts';
import type { SoapProbeCheck } from '../../../engines/soap/types.ts';

/**
 * The test of a SOAP probe check: its unsafe fixture (the stock service with the flaw) is flagged on
 * both endpoints (SOAP 1.1 and 1.2) with a curl reproducer, then `more` asserts what is specific to
 * the check; its safe fixture (the hardened twin) gives nothing, after the check did send it requests.
 */
export function probeCheckSuite(
  check: SoapProbeCheck,
  fixtures: { unsafe: SoapFixture; safe: SoapFixture },
  method: 'GET' | 'POST',
  more: (findings: Finding[]) => void,
): void {
  describe(check.id, () => {
    it('finds the planted flaw on the SOAP 1.1 and 1.2 endpoints', { timeout: 30_000 }, async () => {
      const findings = await runSoapProbeCheck(check, fixtures.unsafe);
      expect(findings.map((f) => locationLabel(f.location))).toEqual([`${method} /ws/stock`, `${method} /ws/stock12`]);
      for (const f of findings) {
        expect(f.ruleId).toBe(check.id);
        expect(f.evidence?.curl).toMatch(/^curl /);
      }
      more(findings);
    });

    it('reports nothing on the hardened twin, having sent it its requests', { timeout: 30_000 }, async () => {
      const { findings, requests } = await runSoapProbeCheckSeen(check, fixtures.safe);
      expect(findings).toEqual([]);
      // Both endpoints got the check's requests, and what they answered is why nothing was found.
      const reached = new Set(requests.filter((r) => r.method === method).map((r) => r.url.split('?')[0]));
      expect([...reached].sort()).toEqual(['/ws/stock', '/ws/stock12']);
    });
  });
}
