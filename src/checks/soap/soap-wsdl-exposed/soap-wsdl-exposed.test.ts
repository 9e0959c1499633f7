import { expect } from 'vitest';
import { probeCheckSuite } from '../_shared/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

probeCheckSuite(check, { unsafe, safe }, 'GET', (findings) => {
  expect(findings[0]?.message).toContain('GET /ws/stock?wsdl answers anyone');
  expect(findings[0]?.evidence?.response).toContain('wsdl:definitions');
});
