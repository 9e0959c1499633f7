/**
 * The GraphQL checks follow the conventions of every other check: id = folder name with the `graphql-`
 * prefix, complete metadata and docs, ids distinct from every other stage's; design checks have unsafe
 * and safe fixtures that test/graphql/audit.test.ts asserts at exact positions; every probe check is
 * planted in the demo shop's vulnerable /graphql (graphql-ground-truth.json, asserted by
 * test/graphql/probe.test.ts and test/probe-demo.test.ts) and absent from the hardened one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { graphqlGroundTruth } from '../../examples/demo-api/graphql-demo.ts';
import { designCheckIds } from '../../src/checks/design/registry.ts';
import { graphqlCheckIds, loadGraphqlCheck } from '../../src/checks/graphql/registry.ts';
import { probeCheckIds } from '../../src/checks/probe/registry.ts';
import { protocolChecks } from '../../src/engines/protocols/index.ts';
import { expectCompleteMeta } from '../check-meta.ts';

const dir = fileURLToPath(new URL('../../src/checks/graphql/', import.meta.url));
const ids = graphqlCheckIds();
const auditTest = readFileSync(new URL('./audit.test.ts', import.meta.url), 'utf8');

describe('GraphQL check conventions', () => {
  it('has design and probe checks, listed by `rampart rules` through protocolChecks()', async () => {
    const design = (await protocolChecks('design')).map((c) => c.id);
    const probe = (await protocolChecks('probe')).map((c) => c.id);
    expect(ids.filter((id) => design.includes(id)).length).toBeGreaterThanOrEqual(6);
    expect(ids.filter((id) => probe.includes(id)).length).toBeGreaterThanOrEqual(15);
    expect([...design, ...probe].filter((id) => id.startsWith('graphql-')).sort()).toEqual(ids);
  });

  it('uses ids no other stage uses', () => {
    const others = new Set([...designCheckIds(), ...probeCheckIds()]);
    for (const id of ids) expect(others.has(id), id).toBe(false);
  });

  describe.each(ids)('%s', (id) => {
    it('declares complete metadata and docs', async () => {
      const c = await loadGraphqlCheck(id);
      expectCompleteMeta(c, id);
      expect(id).toMatch(/^graphql-/);
      expect(['design', 'probe']).toContain(c.stage);
      if (c.stage === 'design') expect('check' in c && typeof c.check).toBe('function');
      else expect(!!(c.run || c.observe), 'run or observe').toBe(true);
    });

    it("is proven by fixtures: unsafe and safe files (design) or the demo shop's planted flaw (probe)", async () => {
      const c = await loadGraphqlCheck(id);
      if (c.stage === 'design') {
        const files = existsSync(`${dir}${id}/fixtures`) ? readdirSync(`${dir}${id}/fixtures`) : [];
        const unsafe = files.filter((f) => f.startsWith('unsafe'));
        const safe = files.filter((f) => f.startsWith('safe'));
        expect(unsafe.length, 'fixtures/unsafe*').toBeGreaterThan(0);
        expect(safe.length, 'fixtures/safe*').toBeGreaterThan(0);
        for (const f of [...unsafe, ...safe])
          expect(auditTest, `${f} asserted in audit.test.ts`).toMatch(new RegExp(`'${id}',\\s*'${f.replace(/\./g, '\\.')}'`));
      } else {
        expect(graphqlGroundTruth().map((t) => t.ruleId)).toContain(id);
      }
    });
  });
});
