import { describe, expect, it } from 'vitest';
import { locationLabel } from '../../../core/index.ts';
import { runSoapProbeCheck } from '../../../engines/soap/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('soap-action-spoofing', () => {
  it('finds the planted flaw on the SOAP 1.1 and 1.2 endpoints', { timeout: 30_000 }, async () => {
    const findings = await runSoapProbeCheck(check, unsafe);
    expect(findings.map((f) => locationLabel(f.location))).toEqual(['POST /ws/stock', 'POST /ws/stock12']);
    for (const f of findings) {
      expect(f.ruleId).toBe('soap-action-spoofing');
      expect(f.evidence?.curl).toMatch(/^curl /);
    }
    expect(findings[0]?.message).toContain(
      'ran "GetQuote" (answer <GetQuoteResponse>) for a request whose SOAPAction header named "GetPortfolio"',
    );
    expect(findings[1]?.message).toContain("content type's action parameter");
    expect(findings[0]?.evidence?.request).toContain('soapaction: "urn:example:stock#GetPortfolio"');
  });

  it('reports nothing on the hardened twin', { timeout: 30_000 }, async () => {
    expect(await runSoapProbeCheck(check, safe)).toEqual([]);
  });
});
