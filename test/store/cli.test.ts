import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/cli/commands/history.ts';
import { openHistory, type ScanDiff } from '../../src/store/index.ts';
import { rampart, tempDir } from '../cli/helpers.ts';
import { finding, findings, runResult } from './helpers.ts';

const SHA1 = 'abcdef0123456789abcdef0123456789abcdef01';
const SHA2 = '1234567890abcdef1234567890abcdef12345678';

/** A project with four scans in .rampart/history.db: two complete, one incomplete, one of another command. */
async function project(): Promise<string> {
  const dir = realpathSync(tempDir());
  const store = openHistory(join(dir, '.rampart', 'history.db'));
  await store.record(runResult(findings([1, 2, 3, 4, 5]), { startedAt: '2026-12-01T10:00:00Z' }), {
    root: dir,
    commit: SHA1,
    branch: 'main',
  });
  await store.record(
    runResult([...findings([2, 3, 4]), finding(9, 'critical'), finding(10, 'low')], { startedAt: '2026-12-02T11:30:00Z' }),
    {
      root: dir,
      commit: SHA2,
      branch: 'main',
    },
  );
  await store.record(runResult(findings([2]), { startedAt: '2026-12-03T09:15:00Z', failed: true }), { root: dir, commit: SHA2 });
  await store.record(runResult(findings([1, 2, 3, 4, 9]), { startedAt: '2026-12-04T08:00:00Z' }), { root: dir, branch: 'main' });
  await store.record(runResult(findings([7]), { startedAt: '2026-12-04T09:00:00Z', command: 'audit' }), { root: dir });
  await store.close();
  return dir;
}

describe('rampart history', () => {
  it('lists the scans of the current directory, newest first, with the trend of each command', async () => {
    const dir = await project();
    const r = await rampart(['history'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `Scans of ${dir} (newest first; .rampart/history.db)`,
      '',
      '  ID  DATE (UTC)        COMMAND  COMMIT         TOTAL  CRIT  HIGH  MED  LOW  INFO  NEW  FIXED',
      '   5  2026-12-04 09:00  audit                       1     0     1    0    0     0   +1     -0',
      '   4  2026-12-04 08:00  scan     main               5     0     5    0    0     0   +1     -1',
      '  3*  2026-12-03 09:15  scan     12345678           1     0     1    0    0     0   +0',
      '   2  2026-12-02 11:30  scan     main@12345678      5     1     3    0    1     0   +2     -2',
      '   1  2026-12-01 10:00  scan     main@abcdef01      5     0     5    0    0     0   +5     -0',
      '',
      'Trend of scan (findings per scan, oldest to newest): ███  5 → 5 (lowest 5, highest 5)',
      '* incomplete: an input could not be read or a check failed, so it claims no fixes',
      '`rampart history show ID` lists the new, fixed and still-open findings of a scan.',
      '',
    ]);
  });

  it('--limit, --root and --db choose what is listed', async () => {
    const dir = await project();
    const limited = await rampart(['history', '--limit', '2'], { cwd: dir });
    expect(
      limited.stdout
        .split('\n')
        .filter((l) => /^ +\d/.test(l))
        .map((l) => l.trim().split(/ +/)[0]),
    ).toEqual(['5', '4']);
    // The trend needs two complete scans of a command: one each is no trend.
    expect(limited.stdout).not.toContain('Trend');
    const elsewhere = tempDir();
    const byRoot = await rampart(['history', '--root', dir, '--limit', '1'], { cwd: elsewhere });
    expect(byRoot.stdout.split('\n')[0]).toBe(`Scans of ${dir} (newest first; ${join(dir, '.rampart', 'history.db')})`);
    mkdirSync(join(elsewhere, 'data'));
    const copy = join(elsewhere, 'data', 'h.db');
    writeFileSync(copy, '');
    const store = openHistory(copy);
    await store.record(runResult(findings(3)), { root: elsewhere });
    await store.close();
    const byDb = await rampart(['history', '--db', 'data/h.db'], { cwd: elsewhere });
    expect(byDb.stdout.split('\n')[0]).toBe(`Scans of ${realpathSync(elsewhere)} (newest first; data/h.db)`);
  });

  it('from a folder inside the project, finds the project above it, as git does', async () => {
    const dir = await project();
    mkdirSync(join(dir, 'api', 'v1'), { recursive: true });
    const r = await rampart(['history', '--limit', '1'], { cwd: join(dir, 'api', 'v1') });
    expect(r.stdout.split('\n')[0]).toBe(`Scans of ${dir} (newest first; ${join(dir, '.rampart', 'history.db')})`);
  });

  it('--format json gives the scans as the library returns them', async () => {
    const dir = await project();
    const r = await rampart(['history', '--format', 'json', '-n', '0'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { root: string; db: string; scans: { id: number; complete: boolean; previousId?: number }[] };
    expect(out.root).toBe(dir);
    expect(out.db).toBe('.rampart/history.db');
    expect(out.scans.map((s) => [s.id, s.complete, s.previousId])).toEqual([
      [5, true, undefined],
      [4, true, 2],
      [3, false, 2],
      [2, true, 1],
      [1, true, undefined],
    ]);
  });
});

describe('rampart history: colours', () => {
  it('on a terminal, colours the counts without moving the columns; NO_COLOR turns them off', async () => {
    const dir = await project();
    const plain = await rampart(['history'], { cwd: dir });
    const tty = await rampart(['history'], { cwd: dir, stdoutIsTTY: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what is tested
    const strip = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '');
    expect(tty.stdout).toContain('\x1b[');
    expect(strip(tty.stdout)).toBe(plain.stdout);
    expect((await rampart(['history'], { cwd: dir, stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).toBe(plain.stdout);
    const show = await rampart(['history', 'show', '2'], { cwd: dir, stdoutIsTTY: true });
    expect(strip(show.stdout)).toBe((await rampart(['history', 'show', '2'], { cwd: dir })).stdout);
  });
});

describe('rampart history show', () => {
  it("lists a scan's new, fixed and still-open findings", async () => {
    const dir = await project();
    const r = await rampart(['history', 'show', '2'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `Scan 2 of ${dir}: scan, 2026-12-02 11:30 UTC, main@12345678`,
      '5 findings (1 critical, 3 high, 1 low); compared with scan 1: 2 new, 2 fixed, 3 still open',
      '',
      'New (2)',
      '  critical  GET /items/9   Flaw number 9 [rule-2]',
      '  low       GET /items/10  Flaw number 10 [rule-3]',
      '',
      'Fixed (2)',
      '  high      GET /items/1   Flaw number 1 [rule-1]',
      '  high      GET /items/5   Flaw number 5 [rule-5]',
      '',
      'Still open (3)',
      '  high      GET /items/2   Flaw number 2 [rule-2]',
      '  high      GET /items/3   Flaw number 3 [rule-3]',
      '  high      GET /items/4   Flaw number 4 [rule-4]',
      '',
    ]);
  });

  it('shows the newest scan by default, cuts long lists at --limit and marks an incomplete scan', async () => {
    const dir = await project();
    const newest = await rampart(['history', 'show'], { cwd: dir });
    expect(newest.stdout.split('\n').slice(0, 2)).toEqual([
      `Scan 5 of ${dir}: audit, 2026-12-04 09:00 UTC`,
      '1 finding (1 high); no complete scan of this project and command before it, so every finding is new',
    ]);
    const cut = await rampart(['history', 'show', '1', '--limit', '2'], { cwd: dir });
    expect(cut.stdout.split('\n').slice(3)).toEqual([
      'New (5)',
      '  high      GET /items/1  Flaw number 1 [rule-1]',
      '  high      GET /items/2  Flaw number 2 [rule-2]',
      '  … and 3 more (--limit 0 lists all)',
      '',
    ]);
    const partial = await rampart(['history', 'show', '3'], { cwd: dir });
    expect(partial.stdout.split('\n').slice(0, 3)).toEqual([
      `Scan 3 of ${dir}: scan, 2026-12-03 09:15 UTC, 12345678`,
      '1 finding (1 high); compared with scan 2: 0 new, 0 fixed, 1 still open',
      'Incomplete: an input could not be read or a check failed, so this scan claims no fixes.',
    ]);
  });

  it('--format json gives the diff', async () => {
    const dir = await project();
    const r = await rampart(['history', 'show', '4', '--format', 'json'], { cwd: dir });
    const diff = JSON.parse(r.stdout) as ScanDiff;
    expect(diff.scan).toMatchObject({ id: 4, previousId: 2, total: 5, newCount: 1, fixedCount: 1 });
    expect(diff.new.map((f) => f.fingerprint)).toEqual(['fp-000001']);
    expect(diff.fixed.map((f) => f.where)).toEqual(['GET /items/10']);
  });
});

describe('rampart history: errors, one line each', () => {
  it('no history yet', async () => {
    const dir = tempDir();
    const r = await rampart(['history'], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'rampart: .rampart/history.db: no history yet: run `rampart scan` first\n']);
    // Reading does not create the file.
    expect((await rampart(['history', 'show'], { cwd: dir })).stderr).toBe(r.stderr);
  });

  it('a history without scans of this project says which projects it has', async () => {
    const dir = await project();
    const other = join(dir, 'other');
    mkdirSync(other);
    // Without --root, the only project of a history is shown, wherever it is.
    const only = await rampart(['history', '--db', '../.rampart/history.db', '-n', '1'], { cwd: other });
    expect(only.stdout.split('\n')[0]).toBe(`Scans of ${dir} (newest first; ${join(dir, '.rampart', 'history.db')})`);
    const r = await rampart(['history', '--db', '.rampart/history.db', '--root', 'other'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([
      2,
      `rampart: .rampart/history.db: no scans of ${other} yet: run \`rampart scan\` first; it has scans of ${dir} (5): choose one with --root\n`,
    ]);
  });

  it('an unknown or malformed scan id', async () => {
    const dir = await project();
    const unknown = await rampart(['history', 'show', '42'], { cwd: dir });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      `rampart: history show 42: no scan 42 of ${dir} in .rampart/history.db (the newest is 5; \`rampart history\` lists them)\n`,
    ]);
    const bad = await rampart(['history', 'show', 'last'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, 'rampart: history show last: the scan id is a number, e.g. 3\n']);
    const limit = await rampart(['history', '--limit', '-1'], { cwd: dir });
    expect([limit.code, limit.stderr]).toEqual([2, 'rampart: --limit -1: must be a whole number, 0 for no limit\n']);
  });

  it('a file that is not a history database, named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.json'), '{"findings": []}\n'.repeat(300));
    const r = await rampart(['history', '--db', 'report.json'], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'rampart: report.json: not a Rampart history database, or a damaged one (SQLite: file is not a database): use another --db file\n',
    ]);
  });

  it('--help shows examples', async () => {
    const r = await rampart(['history', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  rampart history show 12 --format json   # one scan, for a script\n');
    const show = await rampart(['history', 'show', '--help']);
    expect(show.stdout).toContain('Usage: rampart history show [options] [id]');
    expect(show.stdout).toContain('--db <file>');
  });
});

describe('sparkline', () => {
  it('scales from zero to the highest value', () => {
    expect(sparkline([0, 7, 14, 7, 0])).toBe('▁▅█▅▁');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([3, 3])).toBe('██');
  });
});
