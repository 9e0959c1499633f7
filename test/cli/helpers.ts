import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { type CliIO, main } from '../../src/cli/main.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rampart <argv>` in-process with captured output; cwd defaults to the fixtures folder. */
export async function rampart(argv: string[], io: Partial<CliIO> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: FIXTURES,
    ...io,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A fresh temporary directory (removed after the test), optionally seeded with fixture folders. */
export function tempDir(...seed: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cli-'));
  temps.push(dir);
  for (const s of seed) cpSync(join(FIXTURES, s), join(dir, s), { recursive: true });
  return dir;
}

/** Lines of stderr, without empty ones. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
