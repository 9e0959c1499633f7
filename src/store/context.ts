import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanContext } from './types.ts';

/**
 * The project root as the history keys it: absolute and with symlinks resolved, so `/tmp/x` and
 * `/private/tmp/x` (macOS), or a symlinked checkout, are one project.
 */
export function historyRoot(root: string): string {
  const abs = resolve(root);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/**
 * Where a scan ran: the root, and the commit and branch when it is a git work tree. Tolerant by design:
 * no git, not a repository, no commit yet or a detached HEAD just leave the fields out.
 */
export function gitContext(root: string): ScanContext {
  const dir = historyRoot(root);
  const context: ScanContext = { root: dir };
  const commit = git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (commit && /^[0-9a-f]{40,64}$/.test(commit)) context.commit = commit;
  const branch = git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (branch) context.branch = branch;
  return context;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 5000,
  });
  if (r.error || r.status !== 0) return undefined;
  const out = r.stdout.trim();
  return out === '' ? undefined : out;
}
