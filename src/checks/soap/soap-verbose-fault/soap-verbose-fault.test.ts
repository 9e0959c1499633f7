import { expect } from 'vitest';
import { probeCheckSuite } from '../_shared/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

probeCheckSuite(check, { unsafe, safe }, 'POST', (findings) => {
  expect(findings[0]?.message).toMatch(/shows a stack trace \(Node\.js\)/);
});
