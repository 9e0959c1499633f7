import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

describe('documented-endpoint-missing', () => {
  it('reports documented operations that answer like a path that does not exist, for every caller', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /loyalty/points', 'PUT /orders/{orderId}']);
    const loyalty = findings.find((f) => f.location.kind === 'http' && f.location.path === '/loyalty/points');
    expect(loyalty?.message).toBe(
      'The definition documents GET /loyalty/points, but the running API answers 404 to every caller tried (alice, bob, carol, anonymous), the same answer as for a path that does not exist: clients built from the definition fail here, and the definition no longer describes what is deployed (so reviews and tests of it miss what really runs). Implement the operation, or remove it from the definition (deprecate it first if clients depend on it).',
    );
    expect(loyalty?.evidence?.request).toMatch(/^GET \/loyalty\/points HTTP\/1.1\n/);
    expect(loyalty?.evidence?.response).toMatch(/^HTTP\/1.1 404 Not Found\n[\s\S]*\{"error":"not found"\}$/);
    expect(loyalty?.evidence?.identities).toEqual(['alice', 'bob', 'carol']);
    // On an object alice created: the route is missing, not the order.
    const put = findings.find((f) => f.location.kind === 'http' && f.location.method === 'PUT');
    expect(put?.evidence?.request).toMatch(/^PUT \/orders\/o\d+ HTTP\/1.1\n/);
    expect(put?.message).toContain('answers 404 to every caller tried (alice, bob, carol)');
  });

  it('accepts implemented operations and "object not found" answers for ids the probe did not create', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});
