/**
 * `rampart pre-commit` in real git repositories: secrets and definitions are read from the index (what
 * the commit will hold), never from the working tree; one exit code by the fail-on policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSED } from '../../src/cli/commands/pre-commit.ts';
import { notInIndex } from '../../src/engines/staged/git-index.ts';
import { FIXTURES, rampart, tempDir } from '../cli/helpers.ts';
import { FAKE_TOKEN, git, write } from './helpers.ts';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'api', name), 'utf8');
/** cleartext-server and credentials-over-cleartext: high. */
const FLAWED = fixture('two-flaws.yaml');
/** Only low and info findings. */
const CLEAN = fixture('clean.yaml');

/** An empty repository with one commit, so diffs against HEAD exist. */
function repo(): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'README.md', '# Shop\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

const preCommit = (dir: string, ...args: string[]) => rampart(['pre-commit', '--no-color', ...args], { cwd: dir });

describe('rampart pre-commit', () => {
  it('refuses a staged secret, at its staged line, without printing it', async () => {
    const dir = repo();
    write(dir, 'src/config.ts', `// settings\nexport const github = '${FAKE_TOKEN}';\n`);
    git(dir, 'add', 'src/config.ts');
    const r = await preCommit(dir, '--format', 'json');
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      command: string;
      findings: { ruleId: string; stage: string; location: { file: string; startLine: number } }[];
    };
    expect(report.command).toBe('pre-commit');
    expect(report.findings.map((f) => [f.ruleId, f.location.file, f.location.startLine])).toEqual([['github-pat', 'src/config.ts', 2]]);
    expect(r.stderr).toContain(REFUSED.secrets);
    expect(r.stderr).not.toContain(REFUSED.definitions);
    expect(`${r.stdout}${r.stderr}`).not.toContain(FAKE_TOKEN);
  });

  it('refuses a staged definition with a high flaw, and says so', async () => {
    const dir = repo();
    write(dir, 'api/orders.yaml', FLAWED);
    write(dir, 'notes.yaml', 'not: an API definition\n');
    git(dir, 'add', '-A');
    const r = await preCommit(dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/api\/orders\.yaml/);
    expect(r.stdout).toMatch(/\[cleartext-server\]/);
    expect(r.stdout).toMatch(/\[credentials-over-cleartext\]/);
    expect(r.stdout).not.toMatch(/notes\.yaml/);
    expect(r.stderr).toContain(REFUSED.definitions);
    expect(r.stderr).toContain(REFUSED.bypass);
    expect(r.stderr).not.toContain(REFUSED.secrets);
  });

  it('lets a clean commit through (findings below --fail-on are shown, not fatal)', async () => {
    const dir = repo();
    write(dir, 'api/openapi.yaml', CLEAN);
    write(dir, 'src/config.ts', 'export const github = process.env.GITHUB_TOKEN;\n');
    git(dir, 'add', '-A');
    const r = await preCommit(dir);
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/\[missing-rate-limit\]/);
    expect(r.stderr).not.toContain('pre-commit:');
    // Both checks ran: the staged changes were searched for secrets, the definition audited.
    const json = JSON.parse((await preCommit(dir, '--format', 'json')).stdout) as { scanned: string[] };
    expect(json.scanned).toEqual(expect.arrayContaining(['staged changes in .', 'api/openapi.yaml']));
  });

  it('audits the staged definition, not the working tree: an unstaged flaw passes, a staged one fixed only on disk fails', async () => {
    const dir = repo();
    write(dir, 'api/openapi.yaml', CLEAN);
    git(dir, 'add', '-A');
    write(dir, 'api/openapi.yaml', FLAWED);
    const unstaged = await preCommit(dir, '--format', 'json');
    expect(unstaged.code, unstaged.stderr).toBe(0);
    const ids = (JSON.parse(unstaged.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).toContain('missing-rate-limit');
    expect(ids).not.toContain('cleartext-server');

    git(dir, 'add', '-A');
    write(dir, 'api/openapi.yaml', CLEAN);
    const staged = await preCommit(dir, '--format', 'json');
    expect(staged.code, staged.stderr).toBe(1);
    expect(staged.stdout).toMatch(/"ruleId": "cleartext-server"/);
  });

  it('reads a secret from the index too: one removed on disk but still staged is refused', async () => {
    const dir = repo();
    write(dir, 'src/config.ts', `export const github = '${FAKE_TOKEN}';\n`);
    git(dir, 'add', '-A');
    write(dir, 'src/config.ts', 'export const github = process.env.GITHUB_TOKEN;\n');
    const r = await preCommit(dir, '--no-audit');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(REFUSED.secrets);
  });

  it('reads $ref targets from the index: an untracked target is an error naming it', async () => {
    const dir = repo();
    write(dir, 'api/openapi.yaml', CLEAN.replace(/components:\n/, 'components:\n  schemas:\n    Order:\n      $ref: "./order.yaml"\n'));
    git(dir, 'add', 'api/openapi.yaml');
    write(dir, 'api/order.yaml', 'type: object\n');
    const r = await preCommit(dir, '--format', 'json');
    expect(r.stderr).toMatch(/api\/order\.yaml: not in the git index: the commit would not contain it/);
    git(dir, 'add', 'api/order.yaml');
    const staged = await preCommit(dir, '--format', 'json');
    expect(staged.stderr).not.toMatch(/not in the git index/);
  });

  it('with paths and --no-secrets, audits only the named staged files (the pre-commit framework)', async () => {
    const dir = repo();
    write(dir, 'api/a.yaml', FLAWED);
    write(dir, 'api/b.yaml', CLEAN);
    write(dir, 'src/config.ts', `export const github = '${FAKE_TOKEN}';\n`);
    git(dir, 'add', '-A');
    const onlyB = await preCommit(dir, '--no-secrets', 'api/b.yaml');
    expect(onlyB.code, onlyB.stderr).toBe(0);
    expect(onlyB.stdout).not.toMatch(/api\/a\.yaml|github/i);
    const onlyA = await preCommit(dir, '--no-secrets', 'api/a.yaml');
    expect(onlyA.code).toBe(1);
  });

  it('does not keep a staged definition above --max-file-size: an error names it, the others are audited', async () => {
    const dir = repo();
    // 200 KB: git's output reaches us in several chunks, split inside the file.
    write(dir, 'api/big.yaml', `${FLAWED}${'# padding\n'.repeat(20_000)}`);
    write(dir, 'api/small.yaml', FLAWED);
    write(dir, 'api/empty.json', '');
    git(dir, 'add', '-A');
    const filesOf = (stdout: string) =>
      new Set((JSON.parse(stdout) as { findings: { location: { file: string } }[] }).findings.map((f) => f.location.file));
    const limited = await preCommit(dir, '--no-secrets', '--max-file-size', '0.1', '--format', 'json');
    expect(limited.stderr).toMatch(/api\/big\.yaml: .*above the 102 KB limit/);
    expect(filesOf(limited.stdout)).toEqual(new Set(['api/small.yaml']));
    expect(limited.code).toBe(1);
    const all = await preCommit(dir, '--no-secrets', '--format', 'json');
    expect(all.stderr).not.toMatch(/error/);
    expect(filesOf(all.stdout)).toEqual(new Set(['api/small.yaml', 'api/big.yaml']));
  });

  it('passes silently when nothing is staged; outside a git work tree it is a one-line usage error', async () => {
    const dir = repo();
    // With both checks on (what the hook runs), and with the audit alone.
    expect(await preCommit(dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await preCommit(dir, '--no-secrets')).toEqual({ code: 0, stdout: '', stderr: '' });
    const outside = await preCommit(tempDir());
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^rampart: pre-commit: .*not a git repository\n$/);
  });

  it('refuses --no-secrets with --no-audit', async () => {
    const r = await preCommit(repo(), '--no-secrets', '--no-audit');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/leave nothing to check/);
  });
});

it('notInIndex: git saying a path is not staged, not any other failure', () => {
  // What git 2.39 prints for `git cat-file -s :path`.
  expect(notInIndex("fatal: path 'api/s.yaml' exists on disk, but not in the index")).toBe(true);
  expect(notInIndex("fatal: path 'nope/x.yaml' does not exist (neither on disk nor in the index)")).toBe(true);
  expect(notInIndex('fatal: Not a valid object name :x')).toBe(true);
  // Other failures are reported as git words them.
  expect(notInIndex('fatal: not a git repository (or any of the parent directories): .git')).toBe(false);
  expect(notInIndex('error: unable to read sha1 file of api/a.yaml')).toBe(false);
  expect(notInIndex('')).toBe(false);
});
