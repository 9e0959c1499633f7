import { expect } from 'vitest';
import { type CheckMeta, CONFIDENCES, isCweId, isOwaspId, SEVERITIES } from '../src/core/index.ts';

/** The metadata every check of every stage declares (DESIGN.md, "A check"): the meta-tests share it. */
export function expectCompleteMeta(c: CheckMeta, id: string): void {
  expect(c.id).toBe(id);
  expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  expect(c.title.length).toBeGreaterThan(5);
  expect(SEVERITIES).toContain(c.severity);
  expect(CONFIDENCES).toContain(c.confidence);
  expect(c.owasp.length).toBeGreaterThan(0);
  for (const o of c.owasp) expect(isOwaspId(o), o).toBe(true);
  expect(c.cwe.length).toBeGreaterThan(0);
  for (const w of c.cwe) expect(isCweId(w), w).toBe(true);
  expect(Object.keys(c.messages).length).toBeGreaterThan(0);
  for (const part of ['description', 'attack', 'fix'] as const) expect(c.docs[part].length, `docs.${part}`).toBeGreaterThanOrEqual(40);
}
