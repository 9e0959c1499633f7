import { expect } from 'vitest';
import { probeCheckSuite } from '../_shared/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

probeCheckSuite(check, { unsafe, safe }, 'POST', (findings) => {
  expect(findings[0]?.message).toContain('external general entity');
  expect(findings[0]?.evidence?.request).toMatch(/<!DOCTYPE rampart \[<!ENTITY rampart SYSTEM "http:\/\/127\.0\.0\.1:\d+\/c\//);
  expect(findings[0]?.evidence?.request).not.toContain('file:');
});
