/**
 * One rampart.config.yaml serves every command: its `rules:` may name design and probe checks, run-time
 * (inventory) checks and secret rules, and no command rejects the ids of another's checks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, rampart, tempDir } from './helpers.ts';

const SHARED = `rules:
  http-basic-auth: high
  bfla: off
  shadow-endpoint: { severity: low, options: { minAnswered: 2 } }
  zombie-endpoint: off
  github-pat: medium
  logs-email: off
  logs-brute-force: { options: { bruteForceThreshold: 20 } }
`;

function project(config: string): string {
  const dir = tempDir('api');
  writeFileSync(join(dir, 'rampart.config.yaml'), config);
  return dir;
}

describe('a config shared by every command', () => {
  it('audit, secrets and inventory accept rules of every stage', async () => {
    const cwd = project(SHARED);
    const audit = await rampart(['audit', 'api/clean.yaml', '--rule', 'http-basic-auth'], { cwd });
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(0);
    const secrets = await rampart(['secrets', 'api', '--rule', 'github-pat', '--quiet'], { cwd });
    expect(secrets.stderr).toBe('');
    expect(secrets.code).toBe(0);
    const shadow = join(REPO, 'src/checks/runtime/shadow-endpoint/fixtures');
    const inventory = await rampart(
      ['inventory', '--access-log', `${shadow}/unsafe.log`, '--openapi', `${shadow}/openapi.yaml`, '-f', 'json', '--quiet'],
      { cwd },
    );
    expect(inventory.stderr).toBe('');
    expect(inventory.code).toBe(0);
  });

  it('logs accepts them too (it used to know only log checks and secret rules)', async () => {
    const cwd = project(SHARED);
    writeFileSync(join(cwd, 'app.log'), 'GET /health 200\n');
    const r = await rampart(['logs', 'app.log', '-f', 'json', '--quiet'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('logs still rejects a typo of a rule id (with the closest id) and of an option of its own checks', async () => {
    const cwd = project('rules:\n  logs-emial: off\n');
    writeFileSync(join(cwd, 'app.log'), 'GET /health 200\n');
    const typo = await rampart(['logs', 'app.log', '--quiet'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/rules\.logs-emial: unknown rule \(did you mean "logs-email"\?\)/);
    // Every id it names is known to logs itself: nothing else is loaded, options are still checked.
    writeFileSync(join(cwd, 'rampart.config.yaml'), 'rules:\n  logs-brute-force: { options: { bruteForceTreshold: 20 } }\n');
    const option = await rampart(['logs', 'app.log', '--quiet'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(
      /rules\.logs-brute-force\.options\.bruteForceTreshold: unknown option \(did you mean "bruteForceThreshold"\?\)/,
    );
  });

  it('probe accepts them too (the config is read before the target is contacted)', async () => {
    const cwd = project(SHARED);
    const r = await rampart(['probe', '--target', 'http://127.0.0.1:1', '--openapi', 'api/clean.yaml'], { cwd });
    expect(r.stderr).not.toMatch(/unknown rule|rules\./);
    expect(r.stderr).toMatch(/127\.0\.0\.1:1/);
  });

  it('options of a run-time check are still checked by the other commands', async () => {
    const cwd = project('rules:\n  shadow-endpoint: { options: { minAnswerd: 2 } }\n');
    const r = await rampart(['audit', 'api/clean.yaml', '--rule', 'http-basic-auth'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.shadow-endpoint\.options\.minAnswerd/);
  });

  it.each(['audit', 'secrets'])('%s still rejects a typo of a run-time check id, with the closest id', async (command) => {
    const cwd = project('rules:\n  shadow-endpiont: off\n');
    const r = await rampart([command, command === 'audit' ? 'api/clean.yaml' : 'api'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.shadow-endpiont: unknown rule \(did you mean "shadow-endpoint"\?\)/);
  });
});
