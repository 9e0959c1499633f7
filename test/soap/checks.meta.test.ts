/**
 * Holds every SOAP check to the conventions of DESIGN.md: complete metadata, ids unique across every
 * stage and protocol, docs written, a test file, and fixtures that prove it: each `unsafe*` fixture
 * (a WSDL, or a flaw of the test SOAP service) is flagged by its own check and no `safe*` fixture is.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { designCheckIds } from '../../src/checks/design/registry.ts';
import { probeCheckIds } from '../../src/checks/probe/registry.ts';
import { loadSecretRules } from '../../src/checks/secrets/registry.ts';
import { loadSoapCheck, soapCheckIds } from '../../src/checks/soap/registry.ts';
import { protocolChecks } from '../../src/engines/protocols/index.ts';
import { runSoapProbeCheck, runWsdlCheck, type SoapFixture } from '../../src/engines/soap/testing.ts';
import { expectCompleteMeta } from '../check-meta.ts';

const checksDir = fileURLToPath(new URL('../../src/checks/soap/', import.meta.url));
const ids = soapCheckIds();

describe('SOAP check conventions', () => {
  it('has design and probe checks, all listed by the protocol registry', async () => {
    const design = (await protocolChecks('design')).map((c) => c.id);
    const probe = (await protocolChecks('probe')).map((c) => c.id);
    expect(ids.length).toBe(9);
    for (const id of ids) expect(design.includes(id) || probe.includes(id), id).toBe(true);
  });

  it('has ids prefixed soap- and distinct from every other check and secret rule', async () => {
    const others = new Set([...designCheckIds(), ...probeCheckIds(), ...(await loadSecretRules()).map((r) => r.id)]);
    for (const id of ids) {
      expect(id.startsWith('soap-'), id).toBe(true);
      expect(others.has(id), `${id} is taken`).toBe(false);
    }
  });

  describe.each(ids)('%s', (id) => {
    const dir = `${checksDir}${id}`;
    const fixtures = existsSync(`${dir}/fixtures`) ? readdirSync(`${dir}/fixtures`) : [];
    const unsafe = fixtures.filter((f) => f.startsWith('unsafe'));
    const safe = fixtures.filter((f) => f.startsWith('safe'));

    it('declares complete metadata', async () => {
      const c = await loadSoapCheck(id);
      expectCompleteMeta(c, id);
      expect(['design', 'probe']).toContain(c.stage);
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
      const c = await loadSoapCheck(id);
      const testUrl = `file://${dir}/${id}.test.ts`;
      const run = async (f: string) => {
        if (c.stage === 'design') return runWsdlCheck(c, testUrl, f);
        const fixture = ((await import(`${dir}/fixtures/${f}`)) as { default: SoapFixture }).default;
        return runSoapProbeCheck(c, fixture);
      };
      for (const f of unsafe) {
        const findings = await run(f);
        expect(findings.length, `${f} must be flagged`).toBeGreaterThan(0);
        for (const x of findings) {
          expect(x.ruleId).toBe(id);
          expect(x.message).not.toMatch(/\{\{/);
          expect(x.location.kind).toBe(c.stage === 'design' ? 'file' : 'http');
          if (c.stage === 'probe') expect(x.evidence?.curl, `${f}: evidence.curl`).toMatch(/^curl /);
        }
      }
      for (const f of safe)
        expect(
          (await run(f)).map((x) => x.message),
          `${f} must not be flagged`,
        ).toEqual([]);
    });
  });
});
