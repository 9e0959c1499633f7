/**
 * What `npm run demo` shows, as a test: `rampart scan examples/ --target <the running demo shop>` runs the
 * audit, the secrets scan and the probe as one run, and the probe still proves every planted flaw.
 * Also: `rampart scan` on this repository itself is clean (its config leaves out the fixtures and
 * demos that are vulnerable on purpose, with reasons).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreGraphql } from '../../examples/demo-api/graphql-demo.ts';
import { createDemoApi } from '../../examples/demo-api/index.ts';
import { score } from '../../examples/demo-api/probe-demo.ts';
import { demoScanArgs } from '../../examples/demo-scan.ts';
import { loadConfig, type RunResult } from '../../src/core/index.ts';
import { scan } from '../../src/engines/scan/engine.ts';
import { rampart, tempDir } from '../cli/helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('rampart scan on the demo', () => {
  it('audits, scans for secrets and probes the running shop in one run, proving every planted flaw', async () => {
    const api = await createDemoApi({ hardened: false });
    const reports = tempDir();
    const out = join(reports, 'scan.json');
    let r: Awaited<ReturnType<typeof rampart>>;
    try {
      r = await rampart([...demoScanArgs(api.url, reports), '--no-record', '-o', out], { cwd: REPO, env: {} });
    } finally {
      await api.close();
    }
    expect(r.code).toBe(1);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(result.command).toBe('scan');
    expect(new Set(result.findings.map((f) => f.stage))).toEqual(new Set(['design', 'secrets', 'probe']));
    expect(score(result.findings).missed.map((t) => `${t.ruleId} ${t.method} ${t.path}`)).toEqual([]);
    // The shop's GraphQL endpoint, probed in the same run (--graphql).
    expect(scoreGraphql(result.findings).missed.map((t) => `${t.ruleId} ${t.coordinate ?? t.path}`)).toEqual([]);
    expect(existsSync(join(reports, 'scan.sarif')) && existsSync(join(reports, 'scan.md'))).toBe(true);
    expect(r.stderr).toMatch(
      /^rampart: stages: audit \d+ \(\d+ definitions, [\d.]+ s\) · secrets \d+ \(\d+ files, [\d.]+ s\) · probe \d+ \(http:\/\/127\.0\.0\.1:\d+\/?, [\d.]+ s\) · graphql \d+ \(http:\/\/127\.0\.0\.1:\d+\/graphql, [\d.]+ s\)$/m,
    );
  }, 240_000);
});

describe('rampart scan on this repository', () => {
  it('is clean', async () => {
    const { config, file } = loadConfig(undefined, REPO);
    const result = await scan({ dir: REPO, cwd: REPO, config, configFile: file });
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.kind === 'file' ? f.location.file : ''}`)).toEqual([]);
    expect(result.stages.map((s) => s.stage)).toEqual(['audit', 'secrets']);
  }, 120_000);
});
