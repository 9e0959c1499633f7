/**
 * Holds every gRPC check (design and probe) to the conventions of DESIGN.md: metadata complete, ids
 * unique across every stage and prefixed `grpc-`, docs written, a test file, and fixtures that prove it
 * (design: `unsafe` .proto files flagged at exact positions, `safe` ones not; probe: `unsafe` and `safe`
 * server configurations).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { designCheckIds } from '../../src/checks/design/registry.ts';
import { grpcCheckIds, loadGrpcCheck } from '../../src/checks/grpc/registry.ts';
import { probeCheckIds } from '../../src/checks/probe/registry.ts';
import { loadSecretRules } from '../../src/checks/secrets/registry.ts';
import { protocolChecks } from '../../src/engines/protocols/index.ts';
import { expectCompleteMeta } from '../check-meta.ts';

const checksDir = fileURLToPath(new URL('../../src/checks/grpc/', import.meta.url));
const ids = grpcCheckIds();

describe('gRPC check conventions', () => {
  it('has design and probe checks, each listed by rampart rules through protocolChecks()', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const listed = new Set((await protocolChecks()).map((c) => c.id));
    for (const id of ids) expect(listed.has(id), id).toBe(true);
  });

  it('has ids distinct from every other check and secret rule', async () => {
    const others = new Set([...designCheckIds(), ...probeCheckIds(), ...(await loadSecretRules()).map((r) => r.id)]);
    for (const id of ids) expect(others.has(id), id).toBe(false);
  });

  describe.each(ids)('%s', (id) => {
    const dir = `${checksDir}${id}`;
    const fixtures = existsSync(`${dir}/fixtures`) ? readdirSync(`${dir}/fixtures`) : [];

    it('declares complete metadata', async () => {
      const c = await loadGrpcCheck(id);
      expectCompleteMeta(c, id);
      expect(id).toMatch(/^grpc(-[a-z0-9]+)+$/);
      expect(['design', 'probe']).toContain(c.stage);
      expect(typeof c.run).toBe('function');
    });

    it('has a vulnerable fixture and a safe twin of its kind, used by its test', async () => {
      const c = await loadGrpcCheck(id);
      const ext = c.stage === 'design' ? '.proto' : '.ts';
      expect(
        fixtures.some((f) => f.startsWith('unsafe') && f.endsWith(ext)),
        `fixtures/unsafe*${ext}`,
      ).toBe(true);
      expect(
        fixtures.some((f) => f.startsWith('safe') && f.endsWith(ext)),
        `fixtures/safe*${ext}`,
      ).toBe(true);
      const test = `${dir}/${id}.test.ts`;
      expect(existsSync(test), `${id}/${id}.test.ts`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text).toMatch(/unsafe/);
      expect(text).toMatch(/['"`/]safe/);
      // Design tests assert exact positions.
      if (c.stage === 'design') expect(text).toMatch(/'\d+:\d+ \//);
    });
  });
});
