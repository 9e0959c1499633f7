/**
 * `rampart scan` on real projects: a temporary git repository with a definition and a planted fake
 * token, run through the CLI in-process. One report, one exit code, the baseline, --changed-since.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBaseline } from '../../src/core/index.ts';
import type { ScanResult } from '../../src/engines/scan/engine.ts';
import { scan } from '../../src/index.ts';
import { rampart, tempDir } from '../cli/helpers.ts';
import { FAKE_TOKEN, git, OTHER_TOKEN, project, write } from './helpers.ts';

const report = (dir: string, file = 'out.json'): ScanResult => JSON.parse(readFileSync(join(dir, file), 'utf8'));
const where = (r: ScanResult) =>
  r.findings.map((f) => `${f.ruleId} ${f.location.kind === 'file' || f.location.kind === 'git' ? f.location.file : f.location.kind}`);

describe('rampart scan', () => {
  it('audits the definitions and scans the files for secrets, as one run with one exit code', async () => {
    const dir = project();
    const r = await rampart(['scan', '--no-record', '-f', 'json', '-o', 'out.json'], { cwd: dir });
    expect(r.code).toBe(1);
    const result = report(dir);
    expect(result.command).toBe('scan');
    expect(where(result)).toContain('http-basic-auth api/openapi.yaml');
    expect(where(result)).toContain('github-pat src/settings.ts');
    expect(new Set(result.findings.map((f) => f.stage))).toEqual(new Set(['design', 'secrets']));
    // No full secret in the report.
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).not.toContain(FAKE_TOKEN);
    expect(r.stderr).toMatch(/^rampart: stages: audit 7 \(1 definition, [\d.]+ s\) · secrets 1 \(2 files, [\d.]+ s\)$/m);
    expect(r.stderr).toMatch(
      /rampart: 8 findings \(1 critical, 1 medium, 2 low, 4 info\); report written to out.json \(exit 1: at or above --fail-on high\)/,
    );
  });

  it('exits 0 when nothing is at or above --fail-on, and by the config failOn', async () => {
    const dir = project();
    expect((await rampart(['scan', '--no-record', '--fail-on', 'none'], { cwd: dir })).code).toBe(0);
    write(dir, 'rampart.config.yaml', 'failOn: none\n');
    expect((await rampart(['scan', '--no-record', '-o', 'x.json'], { cwd: dir })).code).toBe(0);
  });

  it('leaves out what the baseline accepts', async () => {
    const dir = project();
    const first = await scan({ dir, cwd: dir });
    writeBaseline(join(dir, 'baseline.json'), first.findings);
    const r = await rampart(['scan', '--no-record', '--baseline', 'baseline.json', '-o', 'out.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(report(dir).findings).toEqual([]);
    expect(report(dir).suppressed.baseline).toBe(first.findings.length);
  });

  it('--changed-since REF reports only findings in files changed since REF: committed, staged and untracked', async () => {
    const dir = project();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, 'src/committed.ts', `export const a = '${OTHER_TOKEN}';\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'feature work');
    write(dir, 'src/untracked.ts', `export const b = '${OTHER_TOKEN}';\n`);
    const r = await rampart(['scan', '--no-record', '--changed-since', 'main', '-o', 'out.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(where(report(dir)).sort()).toEqual(['github-pat src/committed.ts', 'github-pat src/untracked.ts']);
    expect(r.stderr).toMatch(/; 8 in unchanged files left out/);

    // Nothing changed since HEAD but the untracked file and the report itself.
    const head = await rampart(['scan', '--no-record', '--changed-since', 'HEAD', '-o', 'out.json'], { cwd: dir });
    expect(head.code).toBe(1);
    expect(where(report(dir))).toEqual(['github-pat src/untracked.ts']);
  });

  it('--changed-since with --history scans only the commits since REF', async () => {
    const dir = project();
    git(dir, 'checkout', '-q', '-b', 'feature');
    write(dir, 'src/later.ts', `export const a = '${OTHER_TOKEN}';\n`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'add a token');
    git(dir, 'rm', '-q', 'src/later.ts');
    git(dir, 'commit', '-q', '-m', 'remove it again');
    await rampart(['scan', '--no-record', '--history', '--changed-since', 'main', '-o', 'out.json'], { cwd: dir });
    const history = report(dir).findings.filter((f) => f.location.kind === 'git');
    // The token deleted since is still in history; the one committed on main before REF is not reported.
    expect(history.map((f) => (f.location.kind === 'git' ? f.location.file : ''))).toEqual(['src/later.ts']);
  });

  it('a bad --changed-since ref is a one-line usage error', async () => {
    const dir = project();
    const r = await rampart(['scan', '--changed-since', 'no-such-branch'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: --changed-since no-such-branch: no such commit, branch or tag in .*\n$/);
  });

  it('a stage that cannot run is a diagnostic; the other stages still report', async () => {
    const dir = project();
    // Nothing listens on port 9 (discard) of loopback: the probe cannot reach its target.
    const r = await rampart(['scan', '--no-record', '--target', 'http://127.0.0.1:9', '-o', 'out.json'], { cwd: dir });
    expect(r.code).toBe(1);
    const result = report(dir);
    expect(where(result)).toContain('github-pat src/settings.ts');
    expect(result.diagnostics.some((d) => d.level === 'error' && /127\.0\.0\.1:9/.test(d.message))).toBe(true);
    expect(r.stderr).toMatch(/stages: audit 7 .* · secrets 1 .* · probe 0 \(http:\/\/127\.0\.0\.1:9, /);
  });

  it('reads traffic: and logs: globs from the config', async () => {
    const dir = project();
    write(dir, 'logs/app.log', `2026-12-01T10:00:00Z INFO login ok token=${OTHER_TOKEN}\n`);
    write(dir, 'rampart.config.yaml', 'logs: [logs/*.log]\ntraffic: [captures/*.har]\n');
    const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir });
    const result = report(dir);
    expect(result.findings.some((f) => f.location.kind === 'log' && f.location.source === 'logs/app.log')).toBe(true);
    expect(r.stderr).toMatch(/warning: traffic: captures\/\*\.har matches no file/);
    expect(r.stderr).toMatch(/ · logs \d+ \(1 log file, /);
  });

  it('audits only the definitions the config names (their schema fragments through them)', async () => {
    const dir = project();
    write(dir, 'api/schemas.yaml', 'Order:\n  type: object\n');
    write(dir, 'legacy/openapi.yaml', readFileSync(join(dir, 'api/openapi.yaml'), 'utf8'));
    write(dir, 'rampart.config.yaml', "definitions: ['api/**', 'missing/*.yaml']\n");
    const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir });
    expect(where(report(dir)).filter((w) => w.startsWith('http-basic-auth'))).toEqual(['http-basic-auth api/openapi.yaml']);
    expect(r.stderr).toMatch(/warning: definitions: missing\/\*\.yaml matches no file/);
    expect(r.stderr).toMatch(/stages: audit 7 \(1 definition, /);
  });

  it('names the definition to probe when several are found', async () => {
    const dir = project();
    write(dir, 'api/other.yaml', readFileSync(join(dir, 'api/openapi.yaml'), 'utf8'));
    const r = await rampart(['scan', '--no-record', '--target', 'http://127.0.0.1:9', '-o', 'out.json'], { cwd: dir });
    expect(r.stderr).toMatch(
      /error: probe: 2 API descriptions found \(api\/openapi\.yaml, api\/other\.yaml\): name the one of http:\/\/127\.0\.0\.1:9 with --openapi FILE/,
    );
  });

  it('an empty directory is nothing to scan (exit 2)', async () => {
    const dir = tempDir();
    const r = await rampart(['scan', '--no-record'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: nothing to scan in \.$/m);
  });

  it('bad arguments are one-line usage errors', async () => {
    const dir = project();
    for (const [argv, message] of [
      [['scan', 'nowhere'], /^rampart: nowhere: no such directory\n$/],
      [['scan', '--target', 'ftp://x'], /^rampart: --target ftp:\/\/x: must be an http/],
      [['scan', '--openapi', 'a.yaml'], /^rampart: --openapi goes with --target/],
    ] as const) {
      const r = await rampart([...argv], { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    writeFileSync(join(dir, 'rampart.config.yaml'), 'targets:\n  graphq: http://127.0.0.1:4000/graphql\n');
    const bad = await rampart(['scan'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rampart: rampart.config.yaml:2:3: targets.graphq: unknown key \(did you mean "graphql"\?\)/);
  });
});
