/**
 * Every secret rule carries its own samples (as in gitleaks): each true positive must be found with
 * exactly its secret, no false positive may be found. Also the conventions every rule follows.
 */
import { describe, expect, it } from 'vitest';
import { loadSecretRules } from '../src/checks/secrets/registry.ts';
import { isCweId, isOwaspId, SEVERITIES } from '../src/core/index.ts';
import { scanText } from '../src/engines/secrets/scan.ts';

const rules = await loadSecretRules();

describe('secret rules', () => {
  it('have unique kebab-case ids', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it('is complete and its pattern is safe to run on hostile input', () => {
      expect(rule.title.length).toBeGreaterThan(5);
      expect(rule.provider.length).toBeGreaterThan(1);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.remediation.length).toBeGreaterThanOrEqual(30);
      for (const k of rule.keywords) expect(k, 'keywords are lowercase').toBe(k.toLowerCase());
      expect(rule.pattern.flags).not.toMatch(/[gy]/);
      // Nested unbounded quantifiers are how patterns backtrack catastrophically.
      expect(rule.pattern.source).not.toMatch(/\([^()]*[+*]\)[+*{]/);
      for (const o of rule.owasp ?? []) expect(isOwaspId(o)).toBe(true);
      for (const c of rule.cwe ?? []) expect(isCweId(c)).toBe(true);
      expect(rule.samples.tp.length, 'true-positive samples').toBeGreaterThan(0);
      expect(rule.samples.fp.length, 'false-positive samples').toBeGreaterThan(0);
    });

    it('finds each true-positive sample with exactly its secret', () => {
      for (const s of rule.samples.tp) {
        const found = scanText(s.text, [rule]).map((m) => m.secret);
        expect(found, s.text).toContain(s.secret);
      }
    });

    it('finds nothing in its false-positive samples', () => {
      for (const s of rule.samples.fp)
        expect(
          scanText(s, [rule]).map((m) => m.secret),
          s,
        ).toEqual([]);
    });
  });
});
