/**
 * The GraphQL part of the demo: probes the running shop's /graphql endpoint with the library API of
 * `rampart probe --graphql` as alice, bob and carol, and scores findings against
 * graphql-ground-truth.json. Used by `npm run demo` (the hardened twin; the vulnerable one is probed by
 * its `rampart scan --graphql`) and test/probe-demo.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Finding, loadConfig, type RunResult } from '../../src/core/index.ts';
import { probeGraphql } from '../../src/engines/graphql/probe.ts';
import type { IdentityConfig } from '../../src/engines/probe/types.ts';
import { createDemoApi } from './index.ts';
import type { GroundTruthEntry } from './probe-demo.ts';

export interface GraphqlTruth extends GroundTruthEntry {
  /** The field the flaw is on, when the rule can be on several (`Query.order(id:)`); the message names it. */
  coordinate?: string;
}

const here = fileURLToPath(new URL('./', import.meta.url));

export function graphqlGroundTruth(): GraphqlTruth[] {
  return JSON.parse(readFileSync(`${here}graphql-ground-truth.json`, 'utf8')) as GraphqlTruth[];
}

export async function probeGraphqlDemo(hardened: boolean): Promise<{ result: RunResult; requests: number; wallMs: number }> {
  const api = await createDemoApi({ hardened });
  const { config } = loadConfig(`${here}rampart.yaml`, here, { env: process.env });
  let requests = 0;
  const t0 = performance.now();
  try {
    const result = await probeGraphql({
      target: `${api.url}/graphql`,
      config,
      cwd: here,
      identities: (config.probe?.identities as IdentityConfig[] | undefined) ?? [],
      run: {},
      onProgress: (p) => {
        requests = p.sent;
      },
    });
    return { result, requests, wallMs: performance.now() - t0 };
  } finally {
    await api.close();
  }
}

/** Ground-truth entries the findings prove: same rule, method and path, and the field when one is named. */
export function scoreGraphql(findings: Finding[], truth = graphqlGroundTruth()): { found: GraphqlTruth[]; missed: GraphqlTruth[] } {
  const found: GraphqlTruth[] = [];
  const missed: GraphqlTruth[] = [];
  for (const t of truth) {
    const hit = findings.some(
      (f) =>
        f.ruleId === t.ruleId &&
        f.location.kind === 'http' &&
        f.location.method === t.method &&
        f.location.path === t.path &&
        (!t.coordinate || f.message.includes(t.coordinate)),
    );
    (hit ? found : missed).push(t);
  }
  return { found, missed };
}
