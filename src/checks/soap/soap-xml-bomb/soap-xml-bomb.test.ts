import { expect } from 'vitest';
import { probeCheckSuite } from '../_shared/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

probeCheckSuite(check, { unsafe, safe }, 'POST', (findings) => {
  expect(findings[0]?.message).toContain('came back as 1000 copies');
  // Bounded: the request is a few hundred bytes, never a real bomb.
  expect(findings[0]?.evidence?.request?.length).toBeLessThan(1500);
});
