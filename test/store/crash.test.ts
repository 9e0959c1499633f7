/**
 * A scan killed midway (SIGKILL: no handler, no cleanup) must leave the history consistent with the
 * previous scans intact, and two processes recording at once must both land. Real processes, real file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistory } from '../../src/store/index.ts';
import { findings, runResult } from './helpers.ts';

const CHILD = fileURLToPath(new URL('./fixtures/record.ts', import.meta.url));
const temps: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function temp(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-history-crash-')));
  temps.push(dir);
  return dir;
}

/** Starts the recording child (on this Node 24, as `npx node` would) and collects its stdout lines. */
function child(args: string[]) {
  const proc = spawn(process.execPath, ['--no-warnings', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.splice(0)) w.test(line) ? w.resolve(line) : waiters.push(w);
    }
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  /** Resolves with the first line (already seen or to come) that passes `test`; rejects if the child exits first. */
  const waitFor = (test: (l: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find(test);
      if (seen) return resolve(seen);
      waiters.push({ test, resolve });
      void exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) before the line: ${stderr}`)));
    });
  return { proc, lines, exited, waitFor, stderr: () => stderr };
}

async function kill(c: ReturnType<typeof child>) {
  c.proc.kill('SIGKILL');
  expect(await c.exited).toEqual({ code: null, signal: 'SIGKILL' });
}

/** What a fresh connection sees: integrity, and per scan its total and the links actually stored. */
function inspect(file: string) {
  const db = new DatabaseSync(file);
  try {
    const integrity = db.prepare('PRAGMA integrity_check').all();
    const scans = db
      .prepare(
        `SELECT s.id, s.total, (SELECT count(*) FROM scan_findings sf WHERE sf.scan_id = s.id) AS links
         FROM scans s ORDER BY s.id`,
      )
      .all()
      .map((r) => [Number(r.id), Number(r.total), Number(r.links)]);
    const findings = Number(db.prepare('SELECT count(*) AS n FROM findings').get()!.n);
    return { integrity, scans, findings };
  } finally {
    db.close();
  }
}

describe('history: a scan killed midway leaves no trace', () => {
  it('SIGKILL inside the transaction, at several points: integrity ok, earlier scans intact, the killed scan absent', async () => {
    const dir = temp();
    const file = join(dir, 'history.db');
    const store = openHistory(file);
    await store.record(runResult(findings(50)), { root: dir });
    await store.record(runResult(findings(60)), { root: dir });
    await store.close();
    const before = inspect(file);
    expect(before.scans).toEqual([
      [1, 50, 50],
      [2, 60, 60],
    ]);

    // 3000 findings: the kill lands after the scan row, early, in the middle, at the end, and just before COMMIT.
    const points = [
      ['scan', 'inside scan 0'],
      ['finding:1', 'inside finding 1'],
      ['finding:1500', 'inside finding 1500'],
      ['finding:3000', 'inside finding 3000'],
      ['commit', 'inside commit 3000'],
    ];
    for (const [point, signal] of points) {
      const c = child([file, dir, '3000', `pause=${point}`]);
      expect(await c.waitFor((l) => l.startsWith('inside'))).toBe(signal);
      await kill(c);
      const after = inspect(file);
      expect(after.integrity, `after a kill at ${point}`).toEqual([{ integrity_check: 'ok' }]);
      expect(after.scans, `after a kill at ${point}`).toEqual(before.scans);
      expect(after.findings, `after a kill at ${point}`).toBe(before.findings);
    }

    // The history still works after the kills: the next scan is number 3 and compares with scan 2.
    const again = openHistory(file);
    const next = await again.record(runResult(findings(55)), { root: dir });
    await again.close();
    expect(next.scan).toMatchObject({ id: 3, previousId: 2, total: 55, newCount: 0, fixedCount: 5 });
  });

  it('SIGKILL at an unplanned moment of a process recording scans in a loop: every visible scan is whole', async () => {
    const dir = temp();
    const file = join(dir, 'history.db');
    for (const delay of [5, 40, 120]) {
      const c = child([file, dir, '2000', 'loop']);
      await c.waitFor((l) => l.startsWith('recorded'));
      await new Promise((r) => setTimeout(r, delay));
      await kill(c);
      const after = inspect(file);
      expect(after.integrity).toEqual([{ integrity_check: 'ok' }]);
      expect(after.scans.length).toBeGreaterThan(0);
      for (const [id, total, links] of after.scans) expect([id, total, links]).toEqual([id, 2000, 2000]);
      // Each scan the child reported is in the file.
      const reported = c.lines.filter((l) => l.startsWith('recorded')).map((l) => Number(l.split(' ')[1]));
      expect(after.scans.map((s) => s[0])).toEqual(expect.arrayContaining(reported));
    }
  });
});

describe('history: concurrent writers', () => {
  it('two processes recording into one new file at once both land, each scan compared with the one before it', async () => {
    const dir = temp();
    const file = join(dir, 'history.db');
    const a = child([file, dir, '500', 'times=5']);
    const b = child([file, dir, '500', 'times=5']);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect({ ...ea, stderr: a.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
    expect({ ...eb, stderr: b.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
    const after = inspect(file);
    expect(after.integrity).toEqual([{ integrity_check: 'ok' }]);
    expect(after.scans.map((s) => s[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const store = openHistory(file);
    const scans = (await store.scans(dir)).reverse();
    await store.close();
    expect(scans.map((s) => s.previousId)).toEqual([undefined, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(scans.every((s) => s.total === 500)).toBe(true);
  });
});
