/**
 * `--changed-since REF`: the files a pull request touches. Committed changes since the merge base
 * (`git diff REF...HEAD`), plus what is not committed yet (staged, unstaged, untracked), so the answer
 * is the same before and after the last `git commit`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export class ChangedSinceError extends Error {}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function names(out: string): string[] {
  return out.split('\0').filter(Boolean);
}

/** Absolute paths of the files changed since `ref` in the work tree at `root`. Throws ChangedSinceError. */
export function changedFiles(root: string, ref: string): Set<string> {
  // A ref starting with '-' would be read as an option by git.
  if (!ref || ref.startsWith('-')) throw new ChangedSinceError(`--changed-since ${ref}: give a git ref, e.g. origin/main`);
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new ChangedSinceError(
      `--changed-since ${ref}: no such commit, branch or tag in ${root} (in CI, fetch it first: git fetch origin ${ref.replace(/^origin\//, '')})`,
    );
  }
  const changed = new Set<string>();
  const add = (out: string) => {
    for (const n of names(out)) changed.add(resolve(root, n));
  };
  add(git(root, ['diff', '--name-only', '-z', '--no-renames', `${ref}...HEAD`]));
  add(git(root, ['diff', '--name-only', '-z', '--no-renames', 'HEAD']));
  add(git(root, ['ls-files', '-z', '--others', '--exclude-standard']));
  return changed;
}
