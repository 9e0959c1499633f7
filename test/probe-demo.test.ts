/**
 * The issue's bar for `rampart probe`: on the demo shop it proves every planted flaw of the ground
 * truth (100% recall) and on the hardened twin it reports nothing at medium severity or above. Both are
 * real runs: the shop listens on 127.0.0.1, the probe logs alice, bob and carol in and sends real requests.
 */
import { describe, expect, it } from 'vitest';
import { graphqlGroundTruth, probeGraphqlDemo, scoreGraphql } from '../examples/demo-api/graphql-demo.ts';
import { probeDemo, score } from '../examples/demo-api/probe-demo.ts';
import { SEVERITIES } from '../src/core/index.ts';

const loud = new Set(SEVERITIES.slice(0, SEVERITIES.indexOf('medium') + 1));

describe('rampart probe on the demo shop', () => {
  it('proves every planted flaw of the vulnerable build, with a request/response and a curl', async () => {
    const { result, requests } = await probeDemo(false);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const { missed, found } = score(result.findings);
    expect(missed.map((t) => `${t.ruleId} ${t.method} ${t.path}`)).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(30);
    for (const f of result.findings) {
      expect(f.stage).toBe('probe');
      expect(f.evidence?.request, f.ruleId).toMatch(/^[A-Z]+ \//);
      expect(f.evidence?.curl, f.ruleId).toMatch(/^curl /);
    }
    // The default budget is 5000 requests; the run stays well within it.
    expect(requests).toBeGreaterThan(100);
    expect(requests).toBeLessThan(5000);
  }, 120_000);

  it('reports nothing at medium or above on the hardened twin', async () => {
    const { result } = await probeDemo(true);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const flagged = result.findings.filter((f) => loud.has(f.severity));
    expect(flagged.map((f) => `${f.ruleId} ${f.location.kind === 'http' ? `${f.location.method} ${f.location.path}` : ''}`)).toEqual([]);
  }, 120_000);

  it('needs no OpenAPI file: the Postman collection alone finds the injections and BOLA', async () => {
    const { result } = await probeDemo(false, { postman: true });
    const rules = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ['bola', 'sql-injection', 'command-injection', 'reflected-xss']) expect(rules, id).toContain(id);
  }, 120_000);
});

describe("rampart probe --graphql on the demo shop's /graphql", () => {
  it('proves every planted GraphQL flaw of the vulnerable build', async () => {
    const { result, requests } = await probeGraphqlDemo(false);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const { missed, found } = scoreGraphql(result.findings);
    expect(missed.map((t) => `${t.ruleId} ${t.method} ${t.coordinate ?? t.path}`)).toEqual([]);
    expect(found).toHaveLength(graphqlGroundTruth().length);
    for (const f of result.findings) {
      expect(f.evidence?.request, f.ruleId).toMatch(/^[A-Z]+ \/graphql/);
      expect(f.evidence?.curl, f.ruleId).toMatch(/^curl /);
    }
    expect(requests).toBeLessThan(200);
  }, 120_000);

  it('reports nothing at medium or above on the hardened twin', async () => {
    const { result } = await probeGraphqlDemo(true);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.findings.filter((f) => loud.has(f.severity)).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
  }, 120_000);
});
