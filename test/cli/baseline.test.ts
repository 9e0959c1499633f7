import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaselineFile, RunResult } from '../../src/core/index.ts';
import { lines, rampart, tempDir } from './helpers.ts';

const TWO = ['--rule', 'http-basic-auth,cleartext-server'];
const json = (stdout: string) => JSON.parse(stdout) as RunResult;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BaselineFile;

/** A second HTTP Basic scheme: exactly one new http-basic-auth finding. */
function addFlaw(file: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `${text}    adminBasic:\n      type: http\n      scheme: basic\n`);
}

describe('rampart baseline: the adoption flow', () => {
  it('create → audit with the baseline reports nothing → a new flaw is the only finding', async () => {
    const dir = tempDir('api');
    const io = { cwd: dir };
    const created = await rampart(['baseline', 'create', 'api', ...TWO, '--baseline', '.rampart/baseline.json'], io);
    expect(created.code).toBe(0);
    expect(lines(created.stderr)[0]).toBe(
      'rampart: baseline .rampart/baseline.json created with 3 findings (1 high, 2 medium) from 3 definitions',
    );
    const file = readJson(join(dir, '.rampart/baseline.json'));
    expect(file).toMatchObject({ version: 1, tool: 'rampart' });
    expect(file.findings.map((f) => `${f.ruleId} ${f.location}`)).toEqual([
      'cleartext-server api/two-flaws.yaml:6:10',
      'http-basic-auth api/basic-auth.yaml:18:5',
      'http-basic-auth api/two-flaws.yaml:18:5',
    ]);

    const clean = await rampart(
      ['audit', 'api', ...TWO, '--baseline', '.rampart/baseline.json', '--format', 'json', '--fail-on', 'low'],
      io,
    );
    expect(clean.code).toBe(0);
    expect(json(clean.stdout).findings).toEqual([]);
    expect(json(clean.stdout).suppressed.baseline).toBe(3);
    expect(lines(clean.stderr)).toEqual(['rampart: no findings in 3 definitions; 3 in baseline']);

    // Unrelated edits (a new line at the top moves every finding) do not invalidate the baseline...
    const target = join(dir, 'api/basic-auth.yaml');
    writeFileSync(target, `# reviewed by the API guild\n${readFileSync(target, 'utf8')}`);
    addFlaw(target);
    // ...and a new flaw is exactly one new finding.
    const after = await rampart(
      ['audit', 'api', ...TWO, '--baseline', '.rampart/baseline.json', '--format', 'json', '--fail-on', 'medium'],
      io,
    );
    expect(after.code).toBe(1);
    const findings = json(after.stdout).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'http-basic-auth',
      location: { file: 'api/basic-auth.yaml', startLine: 22, startColumn: 5, pointer: '/components/securitySchemes/adminBasic' },
    });
  });

  it('the baseline can come from the config, relative to the config file', async () => {
    const dir = tempDir('api');
    writeFileSync(join(dir, 'rampart.config.yaml'), 'baseline: .rampart/accepted.json\nfailOn: low\n');
    const created = await rampart(['baseline', 'create', 'api', ...TWO], { cwd: dir });
    expect(created.code).toBe(0);
    expect(existsSync(join(dir, '.rampart/accepted.json'))).toBe(true);
    const audit = await rampart(['audit', 'api', ...TWO, '--format', 'json'], { cwd: dir });
    expect(audit.code).toBe(0);
    expect(json(audit.stdout).suppressed.baseline).toBe(3);
    // From another directory, with --config: the path still resolves next to the config.
    const other = tempDir();
    const fromElsewhere = await rampart(
      ['audit', join(dir, 'api/clean.yaml'), ...TWO, '--config', join(dir, 'rampart.config.yaml'), '--format', 'json'],
      {
        cwd: other,
      },
    );
    expect(fromElsewhere.code).toBe(0);
    expect(fromElsewhere.stderr).not.toContain('cannot read baseline');
  });

  it('create refuses to overwrite an existing baseline without --force', async () => {
    const dir = tempDir('api');
    const path = join(dir, 'baseline.json');
    writeFileSync(path, '{"findings": []}\n');
    const r = await rampart(['baseline', 'create', 'api', ...TWO, '--baseline', 'baseline.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'rampart: baseline.json: baseline already exists; refresh it with `rampart baseline update`, or overwrite it with --force',
    ]);
    expect(readFileSync(path, 'utf8')).toBe('{"findings": []}\n');
    const forced = await rampart(['baseline', 'create', 'api', ...TWO, '--baseline', 'baseline.json', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readJson(path).findings).toHaveLength(3);
  });

  it('create needs a baseline path and something to audit', async () => {
    const dir = tempDir('api', 'none');
    const noPath = await rampart(['baseline', 'create', 'api', ...TWO], { cwd: dir });
    expect(noPath.code).toBe(2);
    expect(lines(noPath.stderr)).toEqual([
      'rampart: baseline create: --baseline <file> is required (or set "baseline" in rampart.config.yaml)',
    ]);
    const nothing = await rampart(['baseline', 'create', 'none', ...TWO, '--baseline', 'b.json'], { cwd: dir });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no OpenAPI definition found in none');
    expect(existsSync(join(dir, 'b.json'))).toBe(false);
  });

  it('update: fixed findings drop out, new ones are added, and it says how many', async () => {
    const dir = tempDir('api');
    const io = { cwd: dir };
    await rampart(['baseline', 'create', 'api', ...TWO, '--baseline', 'b.json'], io);
    const createdAt = readJson(join(dir, 'b.json')).createdAt;
    // Fix the cleartext server, add a Basic scheme.
    const legacy = join(dir, 'api/two-flaws.yaml');
    writeFileSync(legacy, readFileSync(legacy, 'utf8').replace('http://legacy', 'https://legacy'));
    addFlaw(join(dir, 'api/basic-auth.yaml'));

    const r = await rampart(['baseline', 'update', 'api', ...TWO, '--baseline', 'b.json'], io);
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual(['rampart: baseline b.json updated: 1 added, 1 removed, 3 in total']);
    const file = readJson(join(dir, 'b.json'));
    expect(file.createdAt).toBe(createdAt);
    expect(file.findings.map((f) => `${f.ruleId} ${f.location}`)).toEqual([
      'http-basic-auth api/basic-auth.yaml:18:5',
      'http-basic-auth api/basic-auth.yaml:21:5',
      'http-basic-auth api/two-flaws.yaml:18:5',
    ]);
    const audit = await rampart(['audit', 'api', ...TWO, '--baseline', 'b.json', '--format', 'json', '--fail-on', 'low'], io);
    expect(audit.code).toBe(0);

    // Nothing changed: the file is left as it is.
    const before = readFileSync(join(dir, 'b.json'), 'utf8');
    const again = await rampart(['baseline', 'update', 'api', ...TWO, '--baseline', 'b.json'], io);
    expect(lines(again.stderr)).toEqual(['rampart: baseline b.json is up to date: 0 added, 0 removed, 3 in total']);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(before);
  });

  it('update keeps what the run could not judge: other checks, other files, unreadable files', async () => {
    const dir = tempDir('api');
    const io = { cwd: dir };
    await rampart(['baseline', 'create', 'api', ...TWO, '--baseline', 'b.json'], io);
    const original = readJson(join(dir, 'b.json')).findings;

    // Only one check ran: the cleartext-server entry stays.
    const oneRule = await rampart(['baseline', 'update', 'api', '--rule', 'http-basic-auth', '--baseline', 'b.json'], io);
    expect(lines(oneRule.stderr)).toEqual([
      'rampart: baseline b.json is up to date: 0 added, 0 removed, 3 in total, 1 kept for files or checks this run did not cover',
    ]);

    // Only one file audited: the entries of the others stay.
    const oneFile = await rampart(['baseline', 'update', 'api/clean.yaml', ...TWO, '--baseline', 'b.json'], io);
    expect(oneFile.stderr).toContain('0 added, 0 removed, 3 in total, 3 kept');

    // A file that became unreadable: its entries stay, the others are judged.
    writeFileSync(join(dir, 'api/two-flaws.yaml'), 'openapi: 3.0.3\ninfo: [\n');
    const broken = await rampart(['baseline', 'update', 'api', ...TWO, '--baseline', 'b.json'], io);
    expect(broken.code).toBe(0);
    expect(broken.stderr).toContain('api/two-flaws.yaml:3:1: error: invalid YAML');
    expect(broken.stderr).toContain('0 added, 0 removed, 3 in total, 2 kept');
    expect(readJson(join(dir, 'b.json')).findings).toEqual(original);
  });

  it('update needs an existing, valid baseline', async () => {
    const dir = tempDir('api');
    const missing = await rampart(['baseline', 'update', 'api', ...TWO, '--baseline', 'b.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual([
      'rampart: b.json: cannot read baseline (no such file); create it first with `rampart baseline create`',
    ]);
    writeFileSync(join(dir, 'b.json'), '{"findings": [{"ruleId": "x"}]}');
    const invalid = await rampart(['baseline', 'update', 'api', ...TWO, '--baseline', 'b.json'], { cwd: dir });
    expect(invalid.code).toBe(2);
    expect(lines(invalid.stderr)).toEqual(['rampart: b.json: findings[0].fingerprint must be a non-empty string']);
  });
});
