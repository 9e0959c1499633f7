/**
 * One test that holds every probe check to the conventions of DESIGN.md and the probe brief: metadata
 * complete, ids unique across every stage, docs written, a test file, and fixtures that prove it: every
 * `unsafe*` fixture (a real server) is flagged by its own check and no `safe*` fixture is.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { designCheckIds } from '../src/checks/design/registry.ts';
import { loadProbeCheck, probeCheckIds } from '../src/checks/probe/registry.ts';
import { loadSecretRules } from '../src/checks/secrets/registry.ts';
import { type ProbeFixture, runProbeCheck } from '../src/engines/probe/testing.ts';
import { expectCompleteMeta } from './check-meta.ts';

const checksDir = fileURLToPath(new URL('../src/checks/probe/', import.meta.url));
const ids = probeCheckIds();

describe('probe check conventions', () => {
  it('lists folders with an index only, never helper folders (_kit, _jwt...)', () => {
    for (const id of ids) expect(id.startsWith('_'), id).toBe(false);
  });

  it('has ids distinct from every design check and secret rule', async () => {
    const design = new Set(designCheckIds());
    const secrets = new Set((await loadSecretRules()).map((r) => r.id));
    for (const id of ids) {
      expect(design.has(id), `${id} is also a design check`).toBe(false);
      expect(secrets.has(id), `${id} is also a secret rule`).toBe(false);
    }
  });

  describe.each(ids)('%s', (id) => {
    const dir = `${checksDir}${id}`;
    const fixtures = existsSync(`${dir}/fixtures`) ? readdirSync(`${dir}/fixtures`).filter((f) => f.endsWith('.ts')) : [];
    const unsafe = fixtures.filter((f) => f.startsWith('unsafe'));
    const safe = fixtures.filter((f) => f.startsWith('safe'));

    it('declares complete metadata', async () => {
      const c = await loadProbeCheck(id);
      expectCompleteMeta(c, id);
      expect(c.stage).toBe('probe');
      expect(c.run || c.observe, 'run or observe').toBeTruthy();
      if (c.phase !== undefined) expect(['normal', 'last']).toContain(c.phase);
    });

    it('has a test file that uses its fixtures', () => {
      const test = `${dir}/${id}.test.ts`;
      expect(existsSync(test), `${id}/${id}.test.ts`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text).toMatch(/unsafe/);
      expect(text).toMatch(/['"`/]safe/);
    });

    it('flags every unsafe fixture and no safe fixture', { timeout: 60_000 }, async () => {
      expect(unsafe.length, 'fixtures/unsafe*').toBeGreaterThan(0);
      expect(safe.length, 'fixtures/safe*').toBeGreaterThan(0);
      const c = await loadProbeCheck(id);
      const load = async (f: string) => ((await import(`${dir}/fixtures/${f}`)) as { default: ProbeFixture }).default;
      for (const f of unsafe) {
        const findings = await runProbeCheck(c, await load(f));
        expect(findings.length, `${f} must be flagged`).toBeGreaterThan(0);
        for (const finding of findings) {
          expect(finding.location.kind).toBe('http');
          expect(finding.message).not.toMatch(/\{\{/);
          expect(finding.evidence?.request, `${f}: evidence.request`).toBeTruthy();
          expect(finding.evidence?.curl, `${f}: evidence.curl`).toMatch(/^curl /);
        }
      }
      for (const f of safe) {
        const findings = await runProbeCheck(c, await load(f));
        expect(
          findings.map((x) => `${x.location.kind === 'http' ? `${x.location.method} ${x.location.path}` : ''}: ${x.message}`),
          `${f} must not be flagged`,
        ).toEqual([]);
      }
    });
  });
});
