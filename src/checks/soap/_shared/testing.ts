import { describe, expect, it } from 'vitest';
import { type Finding, locationLabel } from '../../../core/index.ts';
import { runSoapProbeCheck, type SoapFixture } from '../../../engines/soap/testing.ts';
import type { SoapProbeCheck } from '../../../engines/soap/types.ts';

/**
 * The test of a SOAP probe check: its unsafe fixture (the stock service with the flaw) is flagged on
 * both endpoints (SOAP 1.1 and 1.2) with a curl reproducer, then `more` asserts what is specific to
 * the check; its safe fixture (the hardened twin) gives nothing.
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

    it('reports nothing on the hardened twin', { timeout: 30_000 }, async () => {
      expect(await runSoapProbeCheck(check, fixtures.safe)).toEqual([]);
    });
  });
}
