/**
 * The WebSocket checks (AsyncAPI audit and live probe) held to the conventions every check follows:
 * id = folder name, prefixed `websocket-`, unique across stages, metadata and docs complete, a test file
 * that uses the fixtures, and fixtures that prove it: every `unsafe*` flagged, no `safe*`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { designCheckIds } from '../../src/checks/design/registry.ts';
import { probeCheckIds } from '../../src/checks/probe/registry.ts';
import type { WsFixture } from '../../src/checks/websocket/_kit/run.ts';
import { runWsProbeCheck } from '../../src/checks/websocket/_kit/run.ts';
import { loadWebSocketCheck, websocketCheckIds } from '../../src/checks/websocket/registry.ts';
import { runAsyncApiCheck } from '../../src/engines/websocket/testing.ts';
import { expectCompleteMeta } from '../check-meta.ts';

const dir = fileURLToPath(new URL('../../src/checks/websocket/', import.meta.url));
const ids = websocketCheckIds();

describe('websocket check conventions', () => {
  it('has design and probe checks, with ids no other stage uses', async () => {
    const stages = new Set<string>();
    for (const id of ids) stages.add((await loadWebSocketCheck(id)).stage);
    expect([...stages].sort()).toEqual(['design', 'probe']);
    const others = new Set([...designCheckIds(), ...probeCheckIds()]);
    for (const id of ids) expect(others.has(id), id).toBe(false);
  });

  describe.each(ids)('%s', (id) => {
    const folder = `${dir}${id}`;
    const fixtures = existsSync(`${folder}/fixtures`) ? readdirSync(`${folder}/fixtures`) : [];
    const unsafe = fixtures.filter((f) => f.startsWith('unsafe'));
    const safe = fixtures.filter((f) => f.startsWith('safe'));

    it('declares complete metadata and docs', async () => {
      const c = await loadWebSocketCheck(id);
      expectCompleteMeta(c, id);
      expect(id).toMatch(/^websocket(-[a-z0-9]+)+$/);
      expect(['design', 'probe']).toContain(c.stage);
    });

    it('has a test file that uses its fixtures', () => {
      const text = readFileSync(`${folder}/${id}.test.ts`, 'utf8');
      expect(text).toMatch(/unsafe/);
      expect(text).toMatch(/['"`/]safe/);
    });

    it('flags every unsafe fixture and no safe fixture', { timeout: 60_000 }, async () => {
      expect(unsafe.length, 'fixtures/unsafe*').toBeGreaterThan(0);
      expect(safe.length, 'fixtures/safe*').toBeGreaterThan(0);
      const c = await loadWebSocketCheck(id);
      const run = async (f: string) => {
        if (c.stage === 'design') return runAsyncApiCheck(id, `file://${folder}/x.test.ts`, f);
        const fixture = ((await import(`${folder}/fixtures/${f}`)) as { default: WsFixture }).default;
        return runWsProbeCheck(id, fixture);
      };
      for (const f of unsafe) {
        const findings = await run(f);
        expect(findings.length, `${f} must be flagged`).toBeGreaterThan(0);
        for (const finding of findings) {
          expect(finding.location.kind).toBe(c.stage === 'design' ? 'file' : 'http');
          expect(finding.message).not.toMatch(/\{\{/);
          if (c.stage === 'probe') {
            expect(finding.evidence?.request, `${f}: evidence.request`).toMatch(/^GET /);
            expect(finding.evidence?.curl, `${f}: reproducer`).toMatch(/^websocat /);
          }
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
