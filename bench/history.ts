// Benchmark of the findings history (SQLite file, node:sqlite).
//
//   npm run bench:history -- [--scans N] [--findings N] [--big N]
//
// Records --scans scans (default 200) of --findings findings each (default 5,000) into a fresh history,
// each scan fixing 2% of the previous findings and adding as many new ones, the way a project's history
// grows; then one scan of --big findings (default 100,000). Prints the time to record a scan (median and
// slowest), the file size, and the wall time of `rampart history` and `rampart history show` run as
// their own processes on the full file. No peer tool keeps a findings history to compare with.
//
// This is a measurement, not a unit test: it always exits 0 unless it cannot run at all.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, RunResult } from '../src/core/index.ts';
import { openHistory } from '../src/store/index.ts';
import { measure, ROOT } from './measure.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a whole number, at least 1`);
  return n;
}

const SCANS = arg('--scans', 200);
const FINDINGS = arg('--findings', 5000);
const BIG = arg('--big', 100_000);

function finding(n: number): Finding {
  return {
    ruleId: `rule-${n % 40}`,
    stage: 'design',
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[n % 5],
    confidence: 'high',
    title: `Finding ${n}`,
    message: '',
    owasp: [],
    cwe: [],
    location: { kind: 'file', file: `api/v${n % 30}.yaml`, startLine: n, startColumn: 1, endLine: n, endColumn: 9 },
    remediation: '',
    fingerprint: `${n.toString(16).padStart(32, '0')}`,
  };
}

function result(first: number, count: number): RunResult {
  return {
    tool: { name: 'rampart', version: 'bench' },
    command: 'scan',
    startedAt: new Date().toISOString(),
    durationMs: 1000,
    findings: Array.from({ length: count }, (_, i) => finding(first + i)),
    checks: [],
    diagnostics: [],
    scanned: [],
    skipped: [],
    suppressed: { inline: 0, baseline: 0, config: 0 },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-history-'));
const file = join(dir, '.rampart', 'history.db');
try {
  const store = openHistory(file);
  const times: number[] = [];
  const cpu: number[] = [];
  const churn = Math.max(1, Math.round(FINDINGS * 0.02));
  for (let i = 0; i < SCANS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await store.record(result(i * churn, FINDINGS), { root: dir, commit: 'f'.repeat(40), branch: 'main' });
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const t = performance.now();
  const c = process.cpuUsage();
  const big = await store.record(result(0, BIG), { root: dir });
  const bigMs = performance.now() - t;
  const bigUsed = process.cpuUsage(c);
  const bigCpu = (bigUsed.user + bigUsed.system) / 1000;
  await store.close();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mb = statSync(file).size / 1024 / 1024;
  const bin = join(ROOT, 'bin', 'rampart.js');
  // A bare start of the CLI, to tell the history's own cost from Node's start-up on a busy machine.
  const bare = await measure(process.execPath, [bin, '--version'], { cwd: dir });
  const list = await measure(process.execPath, [bin, 'history', '--limit', '0'], { cwd: dir });
  const show = await measure(process.execPath, [bin, 'history', 'show', String(big.scan.id - 1), '--limit', '0'], { cwd: dir });
  const row = (a: string, b: string) => console.log(`| ${a.padEnd(62)} | ${b.padStart(16)} |`);
  console.log(
    `History of ${SCANS} scans of ${FINDINGS.toLocaleString('en')} findings (${churn} fixed and ${churn} new per scan), Node ${process.version}:\n`,
  );
  row('measure', 'value');
  console.log(`| ${'-'.repeat(62)} | ${'-'.repeat(15)}: |`);
  row(`record a scan of ${FINDINGS.toLocaleString('en')} findings, median wall`, `${times[times.length >> 1].toFixed(1)} ms`);
  row(`record a scan of ${FINDINGS.toLocaleString('en')} findings, median CPU`, `${cpu[cpu.length >> 1].toFixed(1)} ms`);
  row(`record a scan of ${FINDINGS.toLocaleString('en')} findings, slowest`, `${times[times.length - 1].toFixed(1)} ms`);
  row(`record a scan of ${BIG.toLocaleString('en')} findings, wall`, `${bigMs.toFixed(0)} ms`);
  row(`record a scan of ${BIG.toLocaleString('en')} findings, CPU`, `${bigCpu.toFixed(0)} ms`);
  row(`file size after ${SCANS + 1} scans`, `${mb.toFixed(1)} MB`);
  row('`rampart --version` (start-up alone), wall', `${bare.wallS.toFixed(2)} s`);
  row(`\`rampart history --limit 0\` (${SCANS + 1} scans), wall`, `${list.wallS.toFixed(2)} s (×${(list.wallS / bare.wallS).toFixed(2)})`);
  row(
    `\`rampart history show\` (${FINDINGS.toLocaleString('en')} findings listed), wall`,
    `${show.wallS.toFixed(2)} s (×${(show.wallS / bare.wallS).toFixed(2)})`,
  );
  if (list.code !== 0 || show.code !== 0) console.log(`\nrampart history failed: ${list.stderr}${show.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
