import { describe, expect, it } from 'vitest';
import { locationLabel } from '../../../core/index.ts';
import { runSoapProbeCheck } from '../../../engines/soap/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('soap-wsdl-exposed', () => {
  it('finds the planted flaw on the SOAP 1.1 and 1.2 endpoints', { timeout: 30_000 }, async () => {
    const findings = await runSoapProbeCheck(check, unsafe);
    expect(findings.map((f) => locationLabel(f.location))).toEqual(['GET /ws/stock', 'GET /ws/stock12']);
    for (const f of findings) {
      expect(f.ruleId).toBe('soap-wsdl-exposed');
      expect(f.evidence?.curl).toMatch(/^curl /);
    }
    expect(findings[0]?.message).toContain('GET /ws/stock?wsdl answers anyone');
    expect(findings[0]?.evidence?.response).toContain('wsdl:definitions');
  });

  it('reports nothing on the hardened twin', { timeout: 30_000 }, async () => {
    expect(await runSoapProbeCheck(check, safe)).toEqual([]);
  });
});
