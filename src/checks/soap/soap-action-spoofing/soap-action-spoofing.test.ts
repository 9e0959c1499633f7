import { expect } from 'vitest';
import { probeCheckSuite } from '../_shared/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

probeCheckSuite(check, { unsafe, safe }, 'POST', (findings) => {
  expect(findings[0]?.message).toContain(
    'ran "GetQuote" (answer <GetQuoteResponse>) for a request whose SOAPAction header named "GetPortfolio"',
  );
  expect(findings[1]?.message).toContain("content type's action parameter");
  expect(findings[0]?.evidence?.request).toContain('soapaction: "urn:example:stock#GetPortfolio"');
});
