/**
 * Holds every inventory check to the conventions of DESIGN.md: complete metadata, written docs, folder
 * named by id, a test file, and traffic fixtures that prove it: every `unsafe*` fixture is flagged and
 * every `safe*` fixture is not, compared with the folder's `openapi.yaml`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inventoryCheckIds, loadInventoryChecks } from '../../../src/checks/runtime/registry.ts';
import { CONFIDENCES, isCweId, isOwaspId, SEVERITIES } from '../../../src/core/index.ts';
import { runInventoryCheck } from '../../../src/engines/runtime/inventory/testing.ts';

const dir = fileURLToPath(new URL('../../../src/checks/runtime/', import.meta.url));
const ids = await inventoryCheckIds();
const checks = new Map((await loadInventoryChecks()).map((c) => [c.id, c]));
const isTraffic = (f: string) => !/openapi\.ya?ml$/.test(f);

describe('inventory check conventions', () => {
  it('has the three inventory checks', () => {
    expect(ids).toEqual(expect.arrayContaining(['shadow-endpoint', 'unused-documented-endpoint', 'zombie-endpoint']));
  });

  describe.each(ids)('%s', (id) => {
    const c = checks.get(id);
    if (!c) throw new Error(id);
    const fixtures = readdirSync(`${dir}${id}/fixtures`).filter(isTraffic);

    it('declares complete metadata and docs', () => {
      expect(c.id).toBe(id);
      expect(c.stage).toBe('runtime');
      expect(c.input).toBe('inventory');
      expect(SEVERITIES).toContain(c.severity);
      expect(CONFIDENCES).toContain(c.confidence);
      expect(c.owasp).toEqual(['API9:2023']);
      for (const o of c.owasp) expect(isOwaspId(o)).toBe(true);
      expect(c.cwe.length).toBeGreaterThan(0);
      for (const w of c.cwe) expect(isCweId(w), w).toBe(true);
      for (const part of ['description', 'attack', 'fix'] as const) expect(c.docs[part].length).toBeGreaterThanOrEqual(40);
      expect(existsSync(`${dir}${id}/fixtures/openapi.yaml`)).toBe(true);
    });

    it('has a test file that uses its fixtures', () => {
      const text = readFileSync(`${dir}${id}/${id}.test.ts`, 'utf8');
      expect(text).toMatch(/unsafe/);
      expect(text).toMatch(/['"`]safe/);
    });

    it('flags every unsafe fixture and no safe fixture', async () => {
      const unsafe = fixtures.filter((f) => f.startsWith('unsafe'));
      const safe = fixtures.filter((f) => f.startsWith('safe'));
      expect(unsafe.length).toBeGreaterThan(0);
      expect(safe.length).toBeGreaterThan(0);
      const testUrl = new URL(`../../../src/checks/runtime/${id}/${id}.test.ts`, import.meta.url).href;
      for (const f of unsafe) {
        const found = await runInventoryCheck(c, testUrl, f);
        expect(found.length, `${f} must be flagged`).toBeGreaterThan(0);
        for (const x of found) {
          expect(x.location.kind).toBe('http');
          expect(x.message).not.toMatch(/\{\{/);
          expect(x.fingerprint).toMatch(/^[0-9a-f]{32}$/);
        }
      }
      for (const f of safe)
        expect(
          (await runInventoryCheck(c, testUrl, f)).map((x) => x.message),
          `${f} must not be flagged`,
        ).toEqual([]);
    });
  });
});
