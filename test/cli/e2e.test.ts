/**
 * Real processes: the launcher, the package.json script, stdout/stderr separation and exit codes as a
 * shell or CI sees them. Vitest runs on the repository's Node 24: process.execPath is that node.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/index.ts';
import { FIXTURES, lines, REPO, tempDir } from './helpers.ts';

const BIN = join(REPO, 'bin/rampart.js');

function spawn(args: string[], opts: { cwd?: string; env?: Record<string, string>; node?: string[] } = {}) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env };
  const r = spawnSync(process.execPath, [...(opts.node ?? []), BIN, ...args], {
    cwd: opts.cwd ?? FIXTURES,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/rampart.js', () => {
  it('audits and reports JSON on stdout, the summary on stderr, exit 1 on a finding at --fail-on', () => {
    const r = spawn(['audit', 'api/basic-auth.yaml', '--rule', 'http-basic-auth', '--format', 'json', '--fail-on', 'medium']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.findings.map((f) => f.ruleId)).toEqual(['http-basic-auth']);
    expect(lines(r.stderr)).toEqual(['rampart: 1 finding (1 medium) in 1 definition (exit 1: at or above --fail-on medium)']);
  });

  it('exit 0 without findings at --fail-on; writes --output', () => {
    const dir = tempDir('api');
    const r = spawn(['audit', '.', '--rule', 'http-basic-auth', '--format', 'sarif', '--output', 'rampart.sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'rampart.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(r.stderr).toMatch(/^rampart: 2 findings \(2 medium\) in 3 definitions; report written to rampart\.sarif\n$/);
  });

  it('a bad flag: one line on stderr, exit 2, no stack', () => {
    const r = spawn(['audit', 'api/clean.yaml', '--fail-on', 'everything']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('rampart: --fail-on everything: must be one of critical, high, medium, low, info, none\n');
  });

  it('only broken inputs: exit 2, the console report names file:line:col', () => {
    const r = spawn(['audit', 'mixed/malformed.yaml', '--no-color']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('mixed/malformed.yaml');
    expect(r.stdout).toContain('9:1');
    expect(r.stdout).toContain('invalid YAML: deficient indentation');
  });

  it('--help exits 0 and teaches', () => {
    const r = spawn(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ rampart audit . --format sarif --output rampart.sarif');
    expect(r.stderr).toBe('');
  });

  it('shows no progress and no colour when not on a terminal', () => {
    const r = spawn(['audit', 'api/basic-auth.yaml', '--rule', 'http-basic-auth']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('\x1b[');
  });

  it('says which Node is needed when this one cannot run TypeScript', () => {
    const r = spawn(['--version'], { node: ['--no-experimental-strip-types'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: running from source needs type stripping, which is turned off here .*npm run build/);
    expect(lines(r.stderr)).toHaveLength(1);
  });

  it('src/cli/main.ts runs when it is the entry point', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'src/cli/main.ts'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
  });

  it('`npm run rampart -- ...` works', () => {
    const npm = spawnSync('npm', ['run', '--silent', 'rampart', '--', 'rules', '--format', 'json'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(npm.status).toBe(0);
    const list = JSON.parse(npm.stdout) as { id: string }[];
    expect(list.map((c) => c.id)).toContain('http-basic-auth');
  });
});
