/**
 * `rampart secrets` as users run it: exit codes, every report format (none may show a secret), config
 * allowlists and rules of one's own, git history and staged changes in a real repository, standard
 * input, and one run of the real launcher in a child process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/index.ts';
import { REPORTERS } from '../../src/reporters/index.ts';
import { lines, REPO, rampart } from '../cli/helpers.ts';
import { GHP, git, gitInit, tempTree, writeTree } from './helpers.ts';

/** Only the GitHub rule, so the tests do not depend on the other families' rules. */
const ONLY = ['--rule', 'github-pat'];

function project(extra: Record<string, string> = {}): string {
  return tempTree({ 'src/config.ts': `export const token = "${GHP}";\n`, 'README.md': '# demo\n', ...extra });
}

describe('rampart secrets', () => {
  it('exit 1 on a finding at --fail-on, with the report on stdout and a summary on stderr', async () => {
    const dir = project();
    const r = await rampart(['secrets', '.', '--format', 'json', ...ONLY], { cwd: dir });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.command).toBe('secrets');
    expect(result.findings.map((f) => [f.ruleId, f.location])).toEqual([
      ['github-pat', { kind: 'file', file: 'src/config.ts', startLine: 1, startColumn: 23, endLine: 1, endColumn: 63 }],
    ]);
    expect(lines(r.stderr)).toEqual(['rampart: 1 finding (1 critical) in 2 files (exit 1: at or above --fail-on high)']);
  });

  it('scans the current directory when no input is given', async () => {
    const r = await rampart(['secrets', '--format', 'json', '--rule=github-pat'], { cwd: project() });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as RunResult).scanned).toEqual(['README.md', 'src/config.ts']);
  });

  it('exit 0 below --fail-on, and with nothing found', async () => {
    expect((await rampart(['secrets', '.', '--fail-on', 'none', ...ONLY], { cwd: project() })).code).toBe(0);
    const clean = tempTree({ 'a.txt': 'nothing here' });
    const r = await rampart(['secrets', '.', ...ONLY], { cwd: clean });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 file scanned');
  });

  it('exit 2 when an input does not exist and nothing was scanned', async () => {
    const r = await rampart(['secrets', 'nope/', '--format', 'json'], { cwd: tempTree() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope/: error: no such file, directory or glob match: nope/');
  });

  it('exit 2 on an unknown rule, with the closest id', async () => {
    const r = await rampart(['secrets', '.', '--rule', 'github-pta'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rampart: --rule github-pta: unknown secret rule (did you mean "github-pat"?); `rampart rules --stage secrets` lists them\n',
    );
  });

  it.each(Object.keys(REPORTERS))('the %s report never contains the secret', async (format) => {
    const dir = project({ 'k8s/secret.yaml': `data:\n  token: ${Buffer.from(GHP).toString('base64')}\n` });
    const r = await rampart(['secrets', '.', '--format', format, '--verbose', ...ONLY], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(100);
    expect(r.stdout).toContain('github-pat');
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(GHP);
      expect(out).not.toContain(GHP.slice(4));
      expect(out).not.toContain(Buffer.from(GHP).toString('base64'));
    }
  });

  it('inline comments and the config silence findings', async () => {
    const dir = project({
      'test/fixtures/token.txt': GHP,
      'docs/example.md': `token: ${GHP} <!-- rampart-ignore: documented fake -->\n`,
      'rampart.config.yaml': 'secrets:\n  allowPaths: ["test/fixtures/**"]\n',
    });
    const r = await rampart(['secrets', '.', '--format', 'json', ...ONLY], { cwd: dir });
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings.map((f) => (f.location.kind === 'file' ? f.location.file : ''))).toEqual(['src/config.ts']);
    expect(result.suppressed.inline).toBe(1);
    expect(result.skipped).toContainEqual({
      file: 'test/fixtures/token.txt',
      reason: 'excluded by the config (exclude or secrets.allowPaths)',
    });
    writeTree(dir, { 'rampart.config.yaml': 'secrets:\n  allowValues: ["^ghp_R7ZP"]\n' });
    const allowed = await rampart(['secrets', '.', '--format', 'json', ...ONLY], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(lines(allowed.stderr).at(-1)).toContain('allowed by config');
  });

  it('runs rules of your own from the config, and turns rules off or down', async () => {
    const dir = project({
      'app.env': 'ACME_KEY=acme_0a1b2c3d4e5f6a7b8c9d\n',
      'rampart.config.yaml': [
        'rules:',
        '  github-pat: low',
        'secrets:',
        '  rules:',
        '    - id: acme-key',
        '      title: Acme API key',
        '      pattern: "acme_(?<secret>[a-z0-9]{20})"',
        '      keywords: [acme_]',
        '      severity: critical',
        '',
      ].join('\n'),
    });
    const r = await rampart(['secrets', '.', '--format', 'json', '--rule', 'github-pat,acme-key'], { cwd: dir });
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.location.kind === 'file' ? f.location.startColumn : 0])).toEqual([
      ['acme-key', 'critical', 15],
      ['github-pat', 'low', 23],
    ]);
  });

  it('exit 2 on a bad pattern in the config, naming the key', async () => {
    const dir = project({ 'rampart.config.yaml': 'secrets:\n  rules:\n    - { id: bad, pattern: "(unclosed" }\n' });
    const r = await rampart(['secrets', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: rampart\.config\.yaml: secrets\.rules\[0\]\.pattern: not a valid regular expression: /);
    writeTree(dir, { 'rampart.config.yaml': 'secrets:\n  rulez: []\n' });
    const typo = await rampart(['secrets', '.'], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('secrets.rulez: unknown key (did you mean "rules"?); allowed keys: allowPaths, allowValues, rules');
  });

  it('--no-ignore also scans what .gitignore excludes', async () => {
    const dir = project({ '.gitignore': 'secret.env\n', 'secret.env': `T=${GHP}\n` });
    gitInit(dir);
    const files = async (...extra: string[]) => {
      const r = await rampart(['secrets', '.', '--format', 'json', ...ONLY, ...extra], { cwd: dir });
      return (JSON.parse(r.stdout) as RunResult).findings.map((f) => (f.location.kind === 'file' ? f.location.file : ''));
    };
    expect(await files()).toEqual(['src/config.ts']);
    expect((await files('--no-ignore')).sort()).toEqual(['secret.env', 'src/config.ts']);
  });

  it('reads standard input for -', async () => {
    const r = await rampart(['secrets', '-', '--format', 'json', ...ONLY], {
      readStdin: async () => `log line\nAuthorization: token ${GHP}\n`,
    });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as RunResult).findings[0].location).toMatchObject({ file: '-', startLine: 2, startColumn: 22 });
  });

  it("--write-baseline accepts today's findings; --baseline then reports only new ones", async () => {
    const dir = project();
    const w = await rampart(['secrets', '.', '--write-baseline', '.rampart/secrets.json', ...ONLY], { cwd: dir });
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('rampart: wrote 1 finding to .rampart/secrets.json');
    expect((await rampart(['secrets', '.', '--baseline', '.rampart/secrets.json', ...ONLY], { cwd: dir })).code).toBe(0);
    writeTree(dir, { 'src/new.ts': `const again = "${GHP}";\n` });
    const r = await rampart(['secrets', '.', '--baseline', '.rampart/secrets.json', '--format', 'json', ...ONLY], { cwd: dir });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings.map((f) => (f.location.kind === 'file' ? f.location.file : ''))).toEqual(['src/new.ts']);
    expect(result.suppressed.baseline).toBe(1);
    const missing = await rampart(['secrets', '.', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('create it with `rampart secrets <inputs> --write-baseline nope.json`');
  });

  it('--verbose lists skipped files and what ran', async () => {
    const dir = project({ 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]).toString('latin1') });
    const r = await rampart(['secrets', '.', '--verbose', '--format', 'json', ...ONLY], { cwd: dir });
    expect(r.stderr).toContain('rampart: skipped logo.png: binary file');
    expect(r.stderr).toMatch(/rampart: scanned 2 inputs with 1 secret rule in \d+ ms/);
  });
});

describe('rampart secrets on git history', () => {
  /** A repository whose history adds a token, then deletes it. */
  function repo(): string {
    const dir = tempTree({ 'README.md': '# app\n' });
    gitInit(dir);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
    writeTree(dir, { 'src/config.ts': `// settings\nexport const token = "${GHP}";\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'add config');
    writeTree(dir, { 'src/config.ts': '// settings\nexport const token = process.env.TOKEN;\n' });
    git(dir, 'commit', '-q', '-am', 'read the token from the environment');
    return dir;
  }

  it('--history reports a secret deleted since, at its commit, as removed in HEAD', async () => {
    const dir = repo();
    const added = git(dir, 'rev-list', '-n1', 'HEAD~1').trim();
    expect((await rampart(['secrets', '.', ...ONLY], { cwd: dir })).code).toBe(0);
    const r = await rampart(['secrets', '--history', '--format', 'json', ...ONLY], { cwd: dir });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings).toHaveLength(1);
    const f = result.findings[0];
    expect(f.location).toMatchObject({
      kind: 'git',
      file: 'src/config.ts',
      commit: added,
      startLine: 2,
      startColumn: 23,
      endLine: 2,
      endColumn: 63,
    });
    expect(f.message).toContain('removed in HEAD but still in history: rotate it');
    expect(JSON.stringify(result)).not.toContain(GHP);
    expect(lines(r.stderr).at(-1)).toMatch(/^rampart: 1 finding \(1 critical\) in git history of \. \(exit 1/);
  });

  it('reports a secret once, at the commit that first added it', async () => {
    const dir = repo();
    const first = git(dir, 'rev-list', '-n1', 'HEAD~1').trim();
    writeTree(dir, { 'src/config.ts': `// settings\nexport const token = "${GHP}"; // again\n` });
    git(dir, 'commit', '-q', '-am', 'put it back');
    const r = await rampart(['secrets', '--history', '--format', 'json', ...ONLY], { cwd: dir });
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].location).toMatchObject({ kind: 'git', commit: first });
    expect(result.findings[0].message).not.toContain('removed in HEAD');
  });

  it('--branch B judges "removed" against the tip of B, not HEAD', async () => {
    const dir = repo();
    git(dir, 'branch', 'keep', 'HEAD~1');
    const r = await rampart(['secrets', '--history', '--branch', 'keep', '--format', 'json', ...ONLY], { cwd: dir });
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).not.toContain('removed in HEAD');
  });

  it('--since REF scans only the commits after REF', async () => {
    const dir = repo();
    const r = await rampart(['secrets', '--since', 'HEAD~1', '--format', 'json', ...ONLY], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as RunResult).findings).toEqual([]);
  });

  it('--staged scans only what is staged', async () => {
    const dir = repo();
    writeTree(dir, { 'staged.ts': `const a = "${GHP}";\n`, 'unstaged.ts': `const b = "${GHP}";\n` });
    git(dir, 'add', 'staged.ts');
    const r = await rampart(['secrets', '--staged', '--format', 'json', ...ONLY], { cwd: dir });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings.map((f) => [f.location.kind, f.location.kind === 'file' ? f.location.file : ''])).toEqual([
      ['file', 'staged.ts'],
    ]);
  });

  it('--staged with --history is a usage error; so is a directory that is no repository', async () => {
    const dir = repo();
    expect((await rampart(['secrets', '--staged', '--history'], { cwd: dir })).code).toBe(2);
    const plain = tempTree({ 'a.txt': 'x' });
    const r = await rampart(['secrets', '--history', '--format', 'json'], { cwd: plain });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a git repository');
  });
});

describe('rampart rules with secret rules', () => {
  it('lists the secret rules after the design checks, and alone with --stage secrets', async () => {
    const all = await rampart(['rules']);
    expect(all.stdout).toContain('Secret rules (rampart secrets)');
    expect(all.stdout).toMatch(/^github-pat\s+critical\s+/m);
    const only = await rampart(['rules', '--stage', 'secrets', '--format', 'json']);
    const list = JSON.parse(only.stdout) as { id: string; stage: string }[];
    expect(list.every((r) => r.stage === 'secrets')).toBe(true);
    expect(list.map((r) => r.id)).toContain('github-pat');
  });

  it('shows a secret rule: provider, keywords, the attack, the fix and how to silence it', async () => {
    const r = await rampart(['rules', 'github-pat'], { columns: 200 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('provider    GitHub');
    expect(r.stdout).toContain('keywords    ghp_');
    expect(r.stdout).toContain('rampart-ignore-next-line');
  });
});

describe('bin/rampart.js secrets', () => {
  it('runs as a real process: JSON on stdout, exit 1', () => {
    const dir = project();
    const r = spawnSync(process.execPath, [join(REPO, 'bin/rampart.js'), 'secrets', '.', '--format', 'json', ...ONLY], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
    expect(r.stderr).not.toContain(GHP);
  });
});
