/**
 * One test that holds every registered check to the conventions of DESIGN.md: metadata complete, docs
 * written, folder named by id, a test file, and fixtures that prove it: every `unsafe*` fixture is flagged
 * and every `safe*` fixture is not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { designCheckIds, loadDesignCheck } from '../src/checks/design/registry.ts';
import { audit } from '../src/engines/design/engine.ts';
import { expectCompleteMeta } from './check-meta.ts';

const checksDir = fileURLToPath(new URL('../src/checks/design/', import.meta.url));
const ids = designCheckIds();

describe('design check conventions', () => {
  it('has checks registered', () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  describe.each(ids)('%s', (id) => {
    const dir = `${checksDir}${id}`;
    const fixtures = existsSync(`${dir}/fixtures`) ? readdirSync(`${dir}/fixtures`) : [];
    const unsafe = fixtures.filter((f) => f.startsWith('unsafe'));
    const safe = fixtures.filter((f) => f.startsWith('safe'));

    it('declares complete metadata', async () => {
      const c = await loadDesignCheck(id);
      expectCompleteMeta(c, id);
      expect(c.stage).toBe('design');
    });

    it('has a test file that uses its fixtures', () => {
      const test = `${dir}/${id}.test.ts`;
      expect(existsSync(test), `${id}/${id}.test.ts`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text).toMatch(/unsafe/);
      expect(text).toMatch(/['"`]safe/);
    });

    it('flags every unsafe fixture and no safe fixture', async () => {
      expect(unsafe.length, 'fixtures/unsafe*').toBeGreaterThan(0);
      expect(safe.length, 'fixtures/safe*').toBeGreaterThan(0);
      const c = await loadDesignCheck(id);
      for (const f of unsafe) {
        const r = await audit([`${dir}/fixtures/${f}`], { checks: [c], cwd: dir });
        expect(
          r.diagnostics.filter((d) => d.level === 'error'),
          f,
        ).toEqual([]);
        expect(r.findings.length, `${f} must be flagged`).toBeGreaterThan(0);
        for (const finding of r.findings) {
          expect(finding.location.kind).toBe('file');
          if (finding.location.kind === 'file') expect(finding.location.startLine).toBeGreaterThanOrEqual(1);
          expect(finding.message).not.toMatch(/\{\{/);
        }
      }
      for (const f of safe) {
        const r = await audit([`${dir}/fixtures/${f}`], { checks: [c], cwd: dir });
        expect(
          r.diagnostics.filter((d) => d.level === 'error'),
          f,
        ).toEqual([]);
        expect(
          r.findings.map((x) => x.message),
          `${f} must not be flagged`,
        ).toEqual([]);
      }
    });
  });
});
