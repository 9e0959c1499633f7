import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import githubRules from '../../src/checks/secrets/github/index.ts';
import type { SecretRule } from '../../src/engines/secrets/types.ts';

/** A GitHub token with a valid checksum (a fake: it was never issued). */
export const GHP = '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';

export const githubPat = githubRules.find((r) => r.id === 'github-pat') as SecretRule;

/** A rule of our own for tests: `tkn_` and 24 characters. */
export const testRule: SecretRule = {
  id: 'test-token',
  title: 'Test token',
  provider: 'Testing',
  severity: 'high',
  confidence: 'high',
  keywords: ['tkn_'],
  pattern: /\b(?<secret>tkn_[A-Za-z0-9]{24})\b/,
  remediation: 'Revoke it in the test console and load it from the environment instead.',
  samples: { tp: [{ text: 'x = tkn_AbCdEfGhIjKlMnOpQrStUvWx', secret: 'tkn_AbCdEfGhIjKlMnOpQrStUvWx' }], fp: ['tkn_short'] },
};

export const TKN = 'tkn_AbCdEfGhIjKlMnOpQrStUvWx';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A fresh temporary directory with these files (path → content), removed after the test. */
export function tempTree(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-secrets-'));
  temps.push(dir);
  writeTree(dir, files);
  return dir;
}

export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

/** Runs real git in `dir` with a fixed identity and no user or system config. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_DATE: '2024-05-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2024-05-01T10:00:00Z',
    },
    encoding: 'utf8',
  });
}

export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
}
