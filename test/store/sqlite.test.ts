import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryError, type HistoryStore, openHistory, type ScanDiff } from '../../src/store/index.ts';
import { SCHEMA_VERSION } from '../../src/store/schema.ts';
import { finding, findings, runResult } from './helpers.ts';

const temps: string[] = [];
const stores: HistoryStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function temp(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-history-')));
  temps.push(dir);
  return dir;
}

function open(file: string): HistoryStore {
  const store = openHistory(file);
  stores.push(store);
  return store;
}

const fps = (list: { fingerprint: string }[]) => list.map((f) => f.fingerprint);
const shape = (d: ScanDiff) => ({ new: fps(d.new), fixed: fps(d.fixed), open: fps(d.open) });

describe('SqliteHistoryStore: what is new, fixed and still open', () => {
  it('compares each scan with the previous one of the same root and command, across three scans', async () => {
    const dir = temp();
    const store = open(join(dir, 'h.db'));
    const root = dir;
    const first = await store.record(runResult(findings([1, 2, 3])), { root, commit: 'a'.repeat(40), branch: 'main' });
    expect(shape(first)).toEqual({ new: ['fp-000001', 'fp-000002', 'fp-000003'], fixed: [], open: [] });
    expect(first.scan).toMatchObject({
      id: 1,
      total: 3,
      newCount: 3,
      fixedCount: 0,
      complete: true,
      commit: 'a'.repeat(40),
      branch: 'main',
    });
    expect(first.scan.previousId).toBeUndefined();

    const second = await store.record(runResult(findings([2, 3, 4])), { root });
    expect(shape(second)).toEqual({ new: ['fp-000004'], fixed: ['fp-000001'], open: ['fp-000002', 'fp-000003'] });
    expect(second.scan).toMatchObject({ id: 2, previousId: 1, newCount: 1, fixedCount: 1, total: 3 });

    // A finding fixed in scan 2 that comes back in scan 3 is new again.
    const third = await store.record(runResult([finding(1, 'critical'), finding(4, 'low')]), { root });
    expect(shape(third)).toEqual({ new: ['fp-000001'], fixed: ['fp-000002', 'fp-000003'], open: ['fp-000004'] });
    expect(third.scan.counts).toEqual({ critical: 1, high: 0, medium: 0, low: 1, info: 0 });

    // The stored diffs read back the same, newest first in the list.
    expect(shape((await store.diff(root, 2))!)).toEqual(shape(second));
    expect(shape((await store.diff(root))!)).toEqual(shape(third));
    expect((await store.scans(root)).map((s) => [s.id, s.total, s.newCount, s.fixedCount])).toEqual([
      [3, 2, 1, 2],
      [2, 3, 1, 1],
      [1, 3, 3, 0],
    ]);
    expect((await store.scans(root, 2)).map((s) => s.id)).toEqual([3, 2]);
  });

  it('keeps roots and commands apart', async () => {
    const dir = temp();
    const store = open(join(dir, 'h.db'));
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await store.record(runResult(findings([1, 2])), { root: a });
    await store.record(runResult(findings([1, 2]), { command: 'audit' }), { root: a });
    const otherRoot = await store.record(runResult(findings([2, 3])), { root: b });
    expect(shape(otherRoot)).toEqual({ new: ['fp-000002', 'fp-000003'], fixed: [], open: [] });
    const sameCommand = await store.record(runResult(findings([2])), { root: a });
    expect(sameCommand.scan.previousId).toBe(1);
    expect(shape(sameCommand)).toEqual({ new: [], fixed: ['fp-000001'], open: ['fp-000002'] });
    expect((await store.scans(a)).map((s) => s.id)).toEqual([4, 2, 1]);
    expect((await store.scans(b)).map((s) => s.id)).toEqual([3]);
    expect((await store.roots()).map((r) => [r.root, r.scans])).toEqual([
      [a, 3],
      [b, 1],
    ]);
    // Scan 3 belongs to b: asking for it under a finds nothing.
    expect(await store.diff(a, 3)).toBeUndefined();
  });

  it('an incomplete scan (an input failed) claims no fixes, and the next scan is compared with the last complete one', async () => {
    const dir = temp();
    const store = open(join(dir, 'h.db'));
    await store.record(runResult(findings([1, 2, 3])), { root: dir });
    const partial = await store.record(runResult(findings([1]), { failed: true }), { root: dir });
    expect(partial.scan.complete).toBe(false);
    expect(shape(partial)).toEqual({ new: [], fixed: [], open: ['fp-000001'] });
    const next = await store.record(runResult(findings([1, 2])), { root: dir });
    expect(next.scan.previousId).toBe(1);
    expect(shape(next)).toEqual({ new: [], fixed: ['fp-000003'], open: ['fp-000001', 'fp-000002'] });
  });

  it('a finding whose check did not run this time is not fixed (a scan without a target runs no probe checks)', async () => {
    const dir = temp();
    const store = open(join(dir, 'h.db'));
    // Findings 1 and 8 come from rule-1, 2 from rule-2, 3 from rule-3 (rule id = n % 7).
    await store.record(runResult(findings([1, 2, 3, 8]), { checks: ['rule-1', 'rule-2', 'rule-3'] }), { root: dir });
    const lessRan = await store.record(runResult(findings([1]), { checks: ['rule-1', 'rule-2'] }), { root: dir });
    expect(shape(lessRan)).toEqual({ new: [], fixed: ['fp-000002', 'fp-000008'], open: ['fp-000001'] });
    expect(lessRan.scan.fixedCount).toBe(2);
    expect(shape((await store.diff(dir, 2))!)).toEqual(shape(lessRan));
    // When rule-3 runs again, finding 3 is still open (compared with scan 1, where rule-3 last ran), not
    // new; finding 2 was fixed in scan 2 and is not fixed a second time.
    const allRan = await store.record(runResult(findings([1, 3]), { checks: ['rule-1', 'rule-2', 'rule-3'] }), { root: dir });
    expect(allRan.scan.previousId).toBe(2);
    expect(shape(allRan)).toEqual({ new: [], fixed: [], open: ['fp-000001', 'fp-000003'] });
    expect(shape((await store.diff(dir, 3))!)).toEqual(shape(allRan));
    // A scan recorded later does not change what scan 3 was compared with.
    await store.record(runResult(findings([9]), { checks: ['rule-2'] }), { root: dir });
    expect(shape((await store.diff(dir, 3))!)).toEqual(shape(allRan));
  });

  it('a check that reported a finding ran, even when the run did not list it', async () => {
    const dir = temp();
    const store = open(join(dir, 'h.db'));
    await store.record(runResult(findings([1, 2]), { checks: ['rule-1'] }), { root: dir });
    const again = await store.record(runResult(findings([1, 2]), { checks: ['rule-1'] }), { root: dir });
    expect(shape(again)).toEqual({ new: [], fixed: [], open: ['fp-000001', 'fp-000002'] });
  });

  it('keeps one entry per fingerprint and the severity and location each scan saw', async () => {
    const dir = temp();
    const store = open(join(dir, 'h.db'));
    const twice = [finding(1, 'critical'), { ...finding(1, 'low'), location: { kind: 'http' as const, method: 'post', path: '/x' } }];
    const first = await store.record(runResult(twice), { root: dir });
    expect(first.scan.total).toBe(1);
    expect(first.new).toEqual([
      { fingerprint: 'fp-000001', ruleId: 'rule-1', severity: 'critical', title: 'Flaw number 1', where: 'GET /items/1' },
    ]);
    await store.record(runResult([finding(1, 'medium')]), { root: dir });
    // Scan 1 still says critical although the finding is medium now.
    expect((await store.diff(dir, 1))!.new[0].severity).toBe('critical');
    expect((await store.diff(dir, 2))!.open[0].severity).toBe('medium');
  });
});

describe('openHistory: the file', () => {
  it('turns an empty file into a new history at the current schema version', async () => {
    const dir = temp();
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    const store = openHistory(file);
    await store.record(runResult(findings(2)), { root: dir });
    await store.close();
    const db = new DatabaseSync(file);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('SELECT count(*) AS n FROM scan_findings').get()).toEqual({ n: 2 });
    db.close();
    // Reopening does not migrate again (it would fail on the existing tables).
    const again = openHistory(file);
    expect((await again.scans(dir)).length).toBe(1);
    await again.close();
  });

  it('creates .rampart/ with a .gitignore for the history file', async () => {
    const dir = temp();
    const store = openHistory(join(dir, '.rampart', 'history.db'));
    await store.close();
    expect(readFileSync(join(dir, '.rampart', '.gitignore'), 'utf8')).toContain('\nhistory.db\nhistory.db-*\n');
  });

  it('refuses a file that is not SQLite, naming it, and leaves it untouched', () => {
    const dir = temp();
    const file = join(dir, 'notes.db');
    const text = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(file, text);
    expect(() => openHistory(file, { shownAs: 'notes.db' })).toThrow(
      new HistoryError(
        'notes.db: not a Rampart history database, or a damaged one (SQLite: file is not a database): use another --db file',
      ),
    );
  });

  it('refuses another application’s SQLite database and a history from a newer Rampart', () => {
    const dir = temp();
    const foreign = join(dir, 'app.db');
    const db = new DatabaseSync(foreign);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY); PRAGMA user_version = 7');
    db.close();
    expect(() => openHistory(foreign, { shownAs: 'app.db' })).toThrow(
      'app.db: an SQLite database, but not a Rampart history: use another --db file',
    );

    const newer = join(dir, 'newer.db');
    openHistory(newer).close();
    const n = new DatabaseSync(newer);
    n.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    n.close();
    expect(() => openHistory(newer, { shownAs: 'newer.db' })).toThrow(
      `newer.db: written by a newer Rampart (history schema ${SCHEMA_VERSION + 1}, this one knows up to ${SCHEMA_VERSION})`,
    );
  });

  it('with create: false, says there is no history yet instead of creating one', () => {
    const dir = temp();
    expect(() => openHistory(join(dir, 'h.db'), { create: false, shownAs: 'h.db' })).toThrow(
      'h.db: no history yet: run `rampart scan` first',
    );
  });
});
