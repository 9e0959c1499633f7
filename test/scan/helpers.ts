import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FIXTURES, tempDir } from '../cli/helpers.ts';

/** A fake, format-valid GitHub token (never a real credential), built so no scanner flags this file. */
export const FAKE_TOKEN = ['ghp', 'R7ZPjb1G0l3Ck8aVxQy2mN9sTu4wE62uAZV6'].join('_');
export const OTHER_TOKEN = ['ghp', 'Wq3ZbT8nYc4LmK7xR2vP9sD5fG1hJ63OXmqa'].join('_');

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: dir,
    },
  });
}

export function write(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/**
 * A small project in a fresh git repository on branch main: an OpenAPI definition with HTTP basic
 * auth (http-basic-auth) and a settings file holding a fake GitHub token, committed.
 */
export function project(): string {
  const dir = tempDir();
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'api/openapi.yaml', readFileSync(join(FIXTURES, 'api/basic-auth.yaml'), 'utf8'));
  write(dir, 'src/settings.ts', `export const token = '${FAKE_TOKEN}';\n`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}
