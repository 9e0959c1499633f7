import { describe, expect, it } from 'vitest';
import { locationLabel } from '../../../core/index.ts';
import { runSoapProbeCheck } from '../../../engines/soap/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('soap-xml-bomb', () => {
  it('finds the planted flaw on the SOAP 1.1 and 1.2 endpoints', { timeout: 30_000 }, async () => {
    const findings = await runSoapProbeCheck(check, unsafe);
    expect(findings.map((f) => locationLabel(f.location))).toEqual(['POST /ws/stock', 'POST /ws/stock12']);
    for (const f of findings) {
      expect(f.ruleId).toBe('soap-xml-bomb');
      expect(f.evidence?.curl).toMatch(/^curl /);
    }
    expect(findings[0]?.message).toContain('came back as 1000 copies');
    // Bounded: the request is a few hundred bytes, never a real bomb.
    expect(findings[0]?.evidence?.request?.length).toBeLessThan(1500);
  });

  it('reports nothing on the hardened twin', { timeout: 30_000 }, async () => {
    expect(await runSoapProbeCheck(check, safe)).toEqual([]);
  });
});
