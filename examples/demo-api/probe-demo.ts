/**
 * Runs `rampart probe` against the demo shop in one process (the library API): starts the shop on
 * 127.0.0.1, probes it with the identities of rampart.yaml, stops it, and scores the findings against
 * ground-truth.json. Used by `npm run demo`, the end-to-end test and bench/probe.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Finding, loadConfig, type RunResult } from '../../src/core/index.ts';
import { probe } from '../../src/engines/probe/engine.ts';
import { createDemoApi } from './index.ts';

export interface GroundTruthEntry {
  ruleId: string;
  method: string;
  /** Path template, or `*` for a flaw of the whole API (headers, token handling). */
  path: string;
  class: string;
  owasp: string;
  description: string;
}

export interface DemoProbe {
  result: RunResult;
  /** Requests the probe sent. */
  requests: number;
  wallMs: number;
}

const here = fileURLToPath(new URL('./', import.meta.url));

export function groundTruth(): GroundTruthEntry[] {
  return JSON.parse(readFileSync(`${here}ground-truth.json`, 'utf8')) as GroundTruthEntry[];
}

export async function probeDemo(hardened: boolean, options: { openapi?: boolean; postman?: boolean } = {}): Promise<DemoProbe> {
  const api = await createDemoApi({ hardened });
  const { config } = loadConfig(`${here}rampart.yaml`, here, { env: process.env });
  let requests = 0;
  const t0 = performance.now();
  try {
    const result = await probe({
      target: api.url,
      openapi: options.postman ? undefined : `${here}openapi.yaml`,
      postman: options.postman ? `${here}postman_collection.json` : undefined,
      environment: options.postman ? `${here}postman_environment.json` : undefined,
      config,
      cwd: here,
      onProgress: (p) => {
        requests = p.sent;
      },
    });
    return { result, requests, wallMs: performance.now() - t0 };
  } finally {
    await api.close();
  }
}

const where = (f: Finding) => (f.location.kind === 'http' ? `${f.location.method.toUpperCase()} ${f.location.path}` : '');

/** Ground-truth entries the findings prove (same rule at the same method + template; `*`: anywhere). */
export function score(findings: Finding[], truth = groundTruth()): { found: GroundTruthEntry[]; missed: GroundTruthEntry[] } {
  const got = new Set(findings.map((f) => `${f.ruleId} ${where(f)}`));
  const found: GroundTruthEntry[] = [];
  const missed: GroundTruthEntry[] = [];
  for (const t of truth) {
    const hit = t.path === '*' ? findings.some((f) => f.ruleId === t.ruleId) : got.has(`${t.ruleId} ${t.method} ${t.path}`);
    (hit ? found : missed).push(t);
  }
  return { found, missed };
}
