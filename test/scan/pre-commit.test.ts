/**
 * The plain git hook (scripts/pre-commit) in a real repository: a commit adding a fake token is refused,
 * a clean commit passes, a flawed definition is refused. Timings are printed, not asserted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LANGUAGES } from '../../src/engines/protocols/index.ts';
import { DEFINITION_EXTENSIONS } from '../../src/engines/staged/engine.ts';
import { FIXTURES } from '../cli/helpers.ts';
import { FAKE_TOKEN, git, project, write } from './helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RAMPART = `${process.execPath} ${join(REPO, 'bin/rampart.js')}`;

function withHook(): string {
  const dir = project();
  copyFileSync(join(REPO, 'scripts/pre-commit'), join(dir, '.git/hooks/pre-commit'));
  chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
  return dir;
}

/** `git commit` with the hook; its exit status, output and wall time. */
function commit(
  dir: string,
  message: string,
  env: Record<string, string> = {},
  options: string[] = [],
): { status: number; output: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync('git', ['-C', dir, 'commit', '-q', ...options, '-m', message], {
    encoding: 'utf8',
    env: {
      ...process.env,
      RAMPART,
      NO_COLOR: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      ...env,
    },
  });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}`, ms: performance.now() - t0 };
}

describe('scripts/pre-commit (plain git hook)', () => {
  it("runs the project's own node_modules/.bin/rampart when RAMPART is not set (npx costs ~0.5 s a call)", () => {
    const dir = withHook();
    // A stand-in that launches the real CLI, so the hook still finds the token.
    write(dir, 'node_modules/.bin/rampart', `#!/bin/sh\necho local >> "$0.calls"\nexec ${RAMPART} "$@"\n`);
    chmodSync(join(dir, 'node_modules/.bin/rampart'), 0o755);
    write(dir, '.gitignore', 'node_modules\nfake-bin\n');
    write(dir, 'src/config.ts', `export const github = '${FAKE_TOKEN}';\n`);
    git(dir, 'add', '.gitignore', 'src/config.ts');
    // An npx that only says it was called: the hook must not need it.
    write(dir, 'fake-bin/npx', '#!/bin/sh\necho "npx called" >&2\nexit 3\n');
    chmodSync(join(dir, 'fake-bin/npx'), 0o755);
    const refused = commit(dir, 'add config', { RAMPART: '', PATH: `${join(dir, 'fake-bin')}:${process.env.PATH}` });
    expect(refused.output).not.toContain('npx called');
    expect(refused.status, refused.output).toBe(1);
    expect(readFileSync(join(dir, 'node_modules/.bin/rampart.calls'), 'utf8')).toBe('local\n');
  });

  it('refuses a commit that adds a token, and lets a clean commit through', () => {
    const dir = withHook();
    write(dir, 'src/config.ts', `export const github = '${FAKE_TOKEN}';\n`);
    git(dir, 'add', 'src/config.ts');
    const refused = commit(dir, 'add config');
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/GitHub personal access token \(classic\)/);
    expect(refused.output).toMatch(/pre-commit: rampart found a secret in the staged changes/);
    expect(refused.output).not.toContain(FAKE_TOKEN);
    expect(git(dir, 'log', '--oneline')).not.toMatch(/add config/);

    write(dir, 'src/config.ts', 'export const github = process.env.GITHUB_TOKEN;\n');
    write(dir, 'README.md', '# Shop\n');
    git(dir, 'add', '-A');
    const clean = commit(dir, 'read the token from the environment');
    expect(clean.status, clean.output).toBe(0);
    expect(git(dir, 'log', '--oneline')).toMatch(/read the token from the environment/);
    console.log(
      `pre-commit hook: refused in ${refused.ms.toFixed(0)} ms, clean commit in ${clean.ms.toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)})`,
    );
  });

  it('judges what `git commit -a` commits (git hands the hook a temporary index): an edit never staged by hand', () => {
    const dir = withHook();
    write(dir, 'api/orders.openapi.yaml', readFileSync(join(FIXTURES, 'api/clean.yaml'), 'utf8'));
    git(dir, 'add', '-A');
    expect(commit(dir, 'clean api').status).toBe(0);
    write(dir, 'api/orders.openapi.yaml', readFileSync(join(FIXTURES, 'api/two-flaws.yaml'), 'utf8'));
    const r = commit(dir, 'flawed api', {}, ['-a']);
    expect(r.status, r.output).toBe(1);
    expect(r.output).toMatch(/\[cleartext-server\]/);
    expect(git(dir, 'log', '--oneline')).not.toMatch(/flawed api/);
  });

  it('audits a staged API definition and refuses one with a flaw at or above the fail-on severity', () => {
    const dir = withHook();
    // HTTP basic auth: medium (http-basic-auth); the hook fails on medium here.
    write(dir, 'api/orders.openapi.yaml', readFileSync(join(FIXTURES, 'api/basic-auth.yaml'), 'utf8'));
    write(dir, 'notes.yaml', 'not: an API definition\n');
    git(dir, 'add', '-A');
    const refused = commit(dir, 'change the api', { RAMPART_FAIL_ON: 'medium' });
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/http-basic-auth/);
    expect(refused.output).toMatch(/pre-commit: rampart found flaws in the API definitions above/);

    write(dir, 'api/orders.openapi.yaml', readFileSync(join(FIXTURES, 'api/clean.yaml'), 'utf8'));
    git(dir, 'add', '-A');
    const ok = commit(dir, 'clean api', { RAMPART_FAIL_ON: 'medium' });
    expect(ok.status, ok.output).toBe(0);
    console.log(
      `pre-commit hook with a definition: refused in ${refused.ms.toFixed(0)} ms, passed in ${ok.ms.toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)})`,
    );
  });
});

describe('.pre-commit-hooks.yaml (pre-commit framework)', () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    files?: string;
    pass_filenames?: boolean;
  }[];

  it('runs rampart pre-commit (both checks, one process), and keeps the two older hook ids, with flags the CLI has', () => {
    expect(hooks.map((h) => `${h.id}: ${h.entry}`)).toEqual([
      'rampart: rampart pre-commit',
      'rampart-secrets: rampart secrets --staged',
      'rampart-audit: rampart pre-commit --no-secrets',
    ]);
    const help = (cmd: string) => execFileSync(process.execPath, [join(REPO, 'bin/rampart.js'), cmd, '--help'], { encoding: 'utf8' });
    expect(help('secrets')).toContain('--staged');
    expect(help('pre-commit')).toContain('--no-secrets');
  });

  it('passes only definition-like files to rampart audit', () => {
    const audit = hooks.find((h) => h.id === 'rampart-audit');
    expect(audit?.pass_filenames).toBe(true);
    // pre-commit uses Python regular expressions; this one is also valid JavaScript once (?i) is a flag.
    const re = new RegExp((audit?.files ?? '').replace('(?i)', ''), 'i');
    for (const f of ['openapi.yaml', 'api/openapi.json', 'orders.openapi.yml', 'docs/swagger-v2.yaml', 'Swagger.JSON'])
      expect(f).toMatch(re);
    for (const f of ['package.json', 'config.yaml', 'openapi.ts', 'tsconfig.json']) expect(f).not.toMatch(re);
  });
});

it("the hook looks at the staged files of every definition language (its written-out extensions are the languages')", () => {
  const languages = LANGUAGES.flatMap((l) => l.extensions.map((e) => `.${e}`));
  expect([...DEFINITION_EXTENSIONS].sort()).toEqual([...new Set(['.yaml', '.yml', '.json', ...languages])].sort());
});
