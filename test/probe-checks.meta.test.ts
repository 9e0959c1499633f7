/**
 * One test that holds every probe check to the conventions of DESIGN.md and the probe brief: metadata
 * complete, ids unique across every stage, docs written, a test file, and fixtures that prove it: every
 * `unsafe*` fixture (a real server) is flagged by its own check and no `safe*` fixture is, although an
 * active check did send it requests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { designCheckIds } from '../src/checks/design/registry.ts';
import { loadProbeCheck, probeCheckIds } from '../src/checks/probe/registry.ts';
import { loadSecretRules } from '../src/checks/secrets/registry.ts';
import { type ProbeFixture, runProbeCheck, runProbeFixture } from '../src/engines/probe/testing.ts';
import { expectCompleteMeta } from './check-meta.ts';

const checksDir = fileURLToPath(new URL('../src/checks/probe/', import.meta.url));
const ids = probeCheckIds();

/** Active checks that send no request of their own to a safe twin, and why their test still proves something. */
const NO_OWN_REQUESTS: Record<string, string> = {
  'auth-not-enforced': "judges the crawl's anonymous requests; it sends its own only where the crawl could not build one",
  'documented-endpoint-missing': 'judges the answers the crawl got',
  'jwt-weak-secret': 'tries the secrets offline against the tokens it saw; it sends a forged token only once one is found',
  'tls-weak': 'the safe fixture is plain HTTP, where it does not apply (its test has the HTTPS twins; handshakes are no HTTP requests)',
};

/** The fixture with a count of the HTTP requests its server got. */
function counting(f: ProbeFixture): ProbeFixture & { requests(): number } {
  let n = 0;
  return {
    ...f,
    handler: (req, res) => {
      n++;
      f.handler(req, res);
    },
    requests: () => n,
  };
}

describe('probe check conventions', () => {
  it('excuses from sending requests only active checks that exist', async () => {
    for (const id of Object.keys(NO_OWN_REQUESTS)) expect((await loadProbeCheck(id)).run, id).toBeTypeOf('function');
  });

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
        const fixture = counting(await load(f));
        const findings = await runProbeCheck(c, fixture);
        expect(
          findings.map((x) => `${x.location.kind === 'http' ? `${x.location.method} ${x.location.path}` : ''}: ${x.message}`),
          `${f} must not be flagged`,
        ).toEqual([]);
        if (!c.run || id in NO_OWN_REQUESTS) continue;
        // "Not flagged" proves little unless the check asked: it must add requests to the engine's own.
        const withCheck = fixture.requests();
        const engineOnly = counting(await load(f));
        await runProbeFixture([], engineOnly, { allowErrors: true });
        expect(withCheck, `${f}: requests with the check vs the engine's alone`).toBeGreaterThan(engineOnly.requests());
      }
    });
  });
});
