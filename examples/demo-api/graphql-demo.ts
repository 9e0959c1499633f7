/**
 * The GraphQL part of the demo: audits the shop's schema.graphql (and its hardened twin), then probes
 * the running shop's /graphql endpoint with `rampart probe --graphql` (the library API) as alice, bob
 * and carol, and scores the findings against graphql-ground-truth.json. Used by `npm run demo` and
 * test/probe-demo.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Finding, loadConfig, type RunResult } from '../../src/core/index.ts';
import { probeGraphql } from '../../src/engines/graphql/probe.ts';
import type { IdentityConfig } from '../../src/engines/probe/types.ts';
import { audit, countBySeverity, render } from '../../src/index.ts';
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

/** `npm run demo`'s GraphQL block: prints the audit of the SDL, the live probe and its score. */
export async function graphqlDemo(color: boolean): Promise<RunResult> {
  console.log("\nRampart demo: auditing the shop's GraphQL schema (examples/demo-api/schema.graphql)\n");
  const sdl = await audit([`${here}schema.graphql`], { cwd: process.cwd() });
  process.stdout.write(render('console', sdl, { color }));
  const fixedSdl = await audit([`${here}schema.hardened.graphql`], { cwd: process.cwd() });
  const s = countBySeverity(fixedSdl.findings);
  console.log(
    `Hardened schema (schema.hardened.graphql): ${fixedSdl.findings.length} finding(s), ${s.critical + s.high + s.medium} at medium or above`,
  );

  console.log("\nRampart demo: probing the shop's GraphQL endpoint (rampart probe --graphql http://127.0.0.1:…/graphql)\n");
  const live = await probeGraphqlDemo(false);
  process.stdout.write(render('console', live.result, { color }));
  const { found, missed } = scoreGraphql(live.result.findings);
  console.log(
    `\nGraphQL ground truth (examples/demo-api/graphql-ground-truth.json): ${found.length}/${found.length + missed.length} planted flaws proven` +
      `${missed.length ? `; missed: ${missed.map((t) => `${t.ruleId} ${t.coordinate ?? `${t.method} ${t.path}`}`).join(', ')}` : ''}` +
      ` with ${live.requests} requests in ${(live.wallMs / 1000).toFixed(1)} s`,
  );
  const fixed = await probeGraphqlDemo(true);
  const f = countBySeverity(fixed.result.findings);
  console.log(
    `Hardened GraphQL endpoint: ${fixed.result.findings.length} finding(s), ${f.critical + f.high + f.medium} at medium or above (${fixed.requests} requests)`,
  );
  return live.result;
}
