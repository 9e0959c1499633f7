import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitContext, historyRoot } from '../../src/store/index.ts';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function temp(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-history-git-')));
  temps.push(dir);
  return dir;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

describe('gitContext', () => {
  it('gives the commit and branch of a git work tree, from the root or a folder inside it', () => {
    const dir = temp();
    git(dir, 'init', '-q', '-b', 'feature/x');
    // No commit yet: the branch is known, the commit is not.
    expect(gitContext(dir)).toEqual({ root: dir, branch: 'feature/x' });
    writeFileSync(join(dir, 'a.txt'), 'a');
    git(dir, 'add', 'a.txt');
    git(dir, 'commit', '-q', '-m', 'one');
    const head = git(dir, 'rev-parse', 'HEAD');
    expect(gitContext(dir)).toEqual({ root: dir, commit: head, branch: 'feature/x' });
    mkdirSync(join(dir, 'api'));
    expect(gitContext(join(dir, 'api'))).toEqual({ root: join(dir, 'api'), commit: head, branch: 'feature/x' });
    // Detached HEAD (as in most CI checkouts): the commit only.
    git(dir, 'checkout', '-q', '--detach');
    expect(gitContext(dir)).toEqual({ root: dir, commit: head });
  });

  it('is just the root outside git, and for a folder that does not exist', () => {
    const dir = temp();
    expect(gitContext(dir)).toEqual({ root: dir });
    expect(gitContext(join(dir, 'missing'))).toEqual({ root: join(dir, 'missing') });
  });

  it('keys a project by its real path, so a symlink to it is the same project', () => {
    const dir = temp();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(historyRoot(join(dir, 'link'))).toBe(join(dir, 'real'));
    expect(historyRoot(`${dir}/real/../real/`)).toBe(join(dir, 'real'));
  });
});
