import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
// The modules themselves, not core/index.ts: recording a scan should not load the config schema.
import { locationLabel } from '../core/finding.ts';
import type { RunResult } from '../core/result.ts';
import { compareSeverity, SEVERITIES, type Severity } from '../core/severity.ts';
import { historyRoot } from './context.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { HistoryError, type HistoryStore, type ScanContext, type ScanDiff, type ScanSummary, type StoredFinding } from './types.ts';

export interface SqliteStoreOptions {
  /** How long a writer waits for another process's transaction before giving up (default: 10 s). */
  busyTimeoutMs?: number;
  /** The file name shown in errors (default: the path given). */
  shownAs?: string;
  /**
   * Called inside `record()`'s transaction: after the scan row (`scan`), after each finding (`finding`,
   * with the count so far) and just before COMMIT (`commit`). Lets a test kill the process at a known point.
   */
  onStep?: (step: 'scan' | 'finding' | 'commit', n: number) => void;
}

type Row = Record<string, SQLInputValue>;

/**
 * The history in one SQLite file (node:sqlite, no native build). WAL journal, so readers never wait for
 * a writer; each scan is written in one BEGIN IMMEDIATE transaction, so a process killed midway leaves
 * the file as it was, and concurrent writers queue on the busy timeout instead of failing.
 */
export class SqliteHistoryStore implements HistoryStore {
  private readonly db: DatabaseSync;
  private readonly shown: string;
  private readonly onStep: SqliteStoreOptions['onStep'];
  private readonly statements = new Map<string, StatementSync>();
  private closed = false;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.shown = options.shownAs ?? file;
    this.onStep = options.onStep;
    const { DatabaseSync } = loadSqlite(this.shown);
    try {
      this.db = new DatabaseSync(file);
    } catch (e) {
      throw this.error(e);
    }
    try {
      this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 10_000))}`);
      // The first statement that reads the file: a file that is not SQLite fails here.
      this.db.prepare('PRAGMA journal_mode = WAL').get();
      // NORMAL is durable across a killed process in WAL mode (only a power loss can drop the last scan).
      this.db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON');
      this.migrate();
    } catch (e) {
      this.db.close();
      throw this.error(e);
    }
  }

  async record(result: RunResult, context: ScanContext): Promise<ScanDiff> {
    const root = historyRoot(context.root);
    // One entry per fingerprint: findings arrive most severe first, so the first is the one to keep.
    const current = new Map<string, StoredFinding>();
    for (const f of result.findings) {
      if (!current.has(f.fingerprint)) {
        current.set(f.fingerprint, {
          fingerprint: f.fingerprint,
          ruleId: f.ruleId,
          severity: f.severity,
          title: f.title,
          where: locationLabel(f.location),
        });
      }
    }
    const complete = !result.diagnostics.some((d) => d.level === 'error');
    // A check that reported a finding ran, listed or not.
    const checks = result.checks.length
      ? [...new Set([...result.checks.map((c) => c.id), ...[...current.values()].map((f) => f.ruleId)])].sort()
      : undefined;
    const started = Date.parse(result.startedAt);
    const startedAt = Number.isNaN(started) ? new Date().toISOString() : new Date(started).toISOString();
    const finishedAt = new Date((Number.isNaN(started) ? Date.now() : started) + Math.max(0, result.durationMs || 0)).toISOString();
    const counts = countSeverities(current.values());

    return this.guard(() =>
      this.transaction(() => {
        // Read inside the write transaction: a concurrent scan of the same project commits before or
        // after this one, never in between, so each is compared with the one before it.
        const ids = new Map<string, number>();
        const { previousId, before } = this.baseline(root, result.command, undefined, checks, ids);
        const diff = compare(current, before, complete, checks);
        const row = this.get(
          `INSERT INTO scans (root, command, started_at, finished_at, git_commit, branch, critical, high, medium, low, info,
             total, new_count, fixed_count, previous_id, complete, checks)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          [
            root,
            result.command,
            startedAt,
            finishedAt,
            context.commit ?? null,
            context.branch ?? null,
            ...SEVERITIES.map((s) => counts[s]),
            current.size,
            diff.new.length,
            diff.fixed.length,
            previousId ?? null,
            complete ? 1 : 0,
            checks ? JSON.stringify(checks) : null,
          ],
        ) as Row;
        this.onStep?.('scan', 0);
        const upsert = this.statement(
          `INSERT INTO findings (fingerprint, rule_id, severity, title, location) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (fingerprint) DO UPDATE SET rule_id = excluded.rule_id, severity = excluded.severity,
             title = excluded.title, location = excluded.location
           RETURNING id`,
        );
        const update = this.statement('UPDATE findings SET rule_id = ?, severity = ?, title = ?, location = ? WHERE id = ?');
        const link = this.statement('INSERT INTO scan_findings (scan_id, finding_id, severity, location) VALUES (?, ?, ?, ?)');
        let n = 0;
        for (const f of current.values()) {
          // Most findings were in the previous scan too: their row is known and usually unchanged.
          let id: SQLInputValue | undefined = ids.get(f.fingerprint);
          if (id === undefined) id = (upsert.get(f.fingerprint, f.ruleId, f.severity, f.title, f.where) as Row).id;
          else if (!same(f, before.get(f.fingerprint))) update.run(f.ruleId, f.severity, f.title, f.where, id);
          link.run(row.id, id, f.severity, f.where);
          this.onStep?.('finding', ++n);
        }
        this.onStep?.('commit', n);
        return { scan: summaryOf(row), ...diff };
      }),
    );
  }

  async scans(root: string, limit?: number): Promise<ScanSummary[]> {
    const max = limit === undefined ? -1 : Math.max(0, Math.floor(limit));
    return this.guard(() =>
      this.all('SELECT * FROM scans WHERE root = ? ORDER BY id DESC LIMIT ?', [historyRoot(root), max]).map(summaryOf),
    );
  }

  async diff(root: string, scanId?: number): Promise<ScanDiff | undefined> {
    return this.guard(() => {
      const row =
        scanId === undefined
          ? this.get('SELECT * FROM scans WHERE root = ? ORDER BY id DESC LIMIT 1', [historyRoot(root)])
          : this.get('SELECT * FROM scans WHERE root = ? AND id = ?', [historyRoot(root), scanId]);
      if (!row) return undefined;
      const scan = summaryOf(row);
      const checks = checksOf(row);
      // The scans before this one were all committed before it (ids follow the write lock): the same
      // walk as when it was recorded, so the same answer.
      const { before } = this.baseline(scan.root, scan.command, scan.id, checks);
      return { scan, ...compare(this.findingsOf(scan.id), before, scan.complete, checks) };
    });
  }

  async roots(): Promise<{ root: string; scans: number; lastAt: string }[]> {
    return this.guard(() =>
      this.all('SELECT root, count(*) AS n, max(started_at) AS last FROM scans GROUP BY root ORDER BY max(id) DESC', []).map((r) => ({
        root: String(r.root),
        scans: Number(r.n),
        lastAt: String(r.last),
      })),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  /**
   * What a scan is compared with: the findings of the newest earlier complete scan of the root and
   * command (`previousId`), except that each check is compared with the newest scan in which it ran.
   * So a finding of a check left out once (a scan without a target runs no probe checks) is neither fixed
   * then nor new when the check runs again.
   */
  private baseline(
    root: string,
    command: string,
    beforeId: number | undefined,
    checks: readonly string[] | undefined,
    ids?: Map<string, number>,
  ): { previousId?: number; before: Map<string, StoredFinding> } {
    const scans = this.all(
      'SELECT id, checks FROM scans WHERE root = ? AND command = ? AND complete = 1 AND id < ? ORDER BY id DESC LIMIT ?',
      [root, command, beforeId ?? Number.MAX_SAFE_INTEGER, BASELINE_DEPTH],
    );
    if (scans.length === 0) return { before: new Map() };
    const previousId = Number(scans[0].id);
    // The run did not say which checks ran: compare with the previous scan as a whole.
    if (!checks) return { previousId, before: this.findingsOf(previousId, ids) };
    const before = new Map<string, StoredFinding>();
    const pending = new Set(checks);
    for (const scan of scans) {
      const ran = checksOf(scan);
      const covered = new Set(ran ? ran.filter((c) => pending.has(c)) : pending);
      if (covered.size === 0) continue;
      for (const [fp, f] of this.findingsOf(Number(scan.id), ids)) if (covered.has(f.ruleId) && !before.has(fp)) before.set(fp, f);
      for (const c of covered) pending.delete(c);
      if (pending.size === 0) break;
    }
    return { previousId, before };
  }

  /** The findings a scan saw; `ids` (if given) receives each one's row id. */
  private findingsOf(scanId: number, ids?: Map<string, number>): Map<string, StoredFinding> {
    const rows = this.all(
      `SELECT f.id, f.fingerprint, f.rule_id, f.title, sf.severity, sf.location
       FROM scan_findings sf JOIN findings f ON f.id = sf.finding_id WHERE sf.scan_id = ?`,
      [scanId],
    );
    const out = new Map<string, StoredFinding>();
    for (const r of rows) {
      const fingerprint = String(r.fingerprint);
      ids?.set(fingerprint, Number(r.id));
      out.set(fingerprint, {
        fingerprint,
        ruleId: String(r.rule_id),
        severity: String(r.severity) as Severity,
        title: String(r.title),
        where: String(r.location),
      });
    }
    return out;
  }

  /** Brings the file to SCHEMA_VERSION; an empty file becomes a new history. */
  private migrate(): void {
    const version = () => Number(this.get('PRAGMA user_version', [])?.user_version ?? 0);
    const check = (v: number) => {
      const app = Number(this.get('PRAGMA application_id', [])?.application_id ?? 0);
      // Only an empty file (no id, no version, no tables) may become a history.
      const foreign = app !== APPLICATION_ID && (app !== 0 || v !== 0 || this.get('SELECT 1 AS x FROM sqlite_master LIMIT 1', []));
      if (foreign) throw new HistoryError(`${this.shown}: an SQLite database, but not a Rampart history: use another --db file`);
      if (v > SCHEMA_VERSION) {
        throw new HistoryError(
          `${this.shown}: written by a newer Rampart (history schema ${v}, this one knows up to ${SCHEMA_VERSION}): upgrade Rampart or use another --db file`,
        );
      }
    };
    const v = version();
    check(v);
    if (v === SCHEMA_VERSION) return;
    this.transaction(() => {
      // Another process may have migrated while this one waited for the lock.
      const now = version();
      check(now);
      for (let i = now; i < SCHEMA_VERSION; i++) this.db.exec(MIGRATIONS[i]);
      this.db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
  }

  private transaction<T>(body: () => T): T {
    // IMMEDIATE takes the write lock up front: the reads inside see the latest committed scan, and a
    // concurrent writer waits (busy timeout) rather than failing when it tries to upgrade its lock.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = body();
      this.db.exec('COMMIT');
      return out;
    } catch (e) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  private statement(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private get(sql: string, params: SQLInputValue[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, params: SQLInputValue[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private guard<T>(body: () => T): T {
    if (this.closed) throw new HistoryError(`${this.shown}: the history is closed`);
    try {
      return body();
    } catch (e) {
      throw this.error(e);
    }
  }

  /** SQLite's errors in a user's words, naming the file; anything else is passed on. */
  private error(e: unknown): unknown {
    if (e instanceof HistoryError) return e;
    const err = e as { code?: string; errstr?: string; message?: string };
    if (err?.code !== 'ERR_SQLITE_ERROR' && !/^(unable to open|database)/.test(String(err?.message))) return e;
    const why = String(err.errstr ?? err.message ?? e);
    if (/not a database|malformed|corrupt/i.test(why)) {
      return new HistoryError(`${this.shown}: not a Rampart history database, or a damaged one (SQLite: ${why}): use another --db file`);
    }
    if (/locked|busy/i.test(why)) {
      return new HistoryError(`${this.shown}: locked by another process for too long (SQLite: ${why}): try again when it has finished`);
    }
    return new HistoryError(`${this.shown}: ${why}`);
  }
}

function loadSqlite(shown: string): typeof import('node:sqlite') {
  // Loaded on first use, not at import: the library must load on Node versions without node:sqlite.
  // Node 22 announces node:sqlite as experimental once per process: noise for a CLI's users.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (/sqlite/i.test(typeof warning === 'string' ? warning : warning.message)) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const mod = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite') | undefined;
    if (mod) return mod;
  } catch {
  } finally {
    process.emitWarning = emitWarning;
  }
  throw new HistoryError(`${shown}: the findings history needs node:sqlite (Node.js >= 22.13; this is ${process.version})`);
}

function countSeverities(findings: Iterable<StoredFinding>): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.severity in counts) counts[f.severity]++;
  return counts;
}

/**
 * What is new, fixed and still open against the baseline. A finding is fixed only when its check ran
 * again and did not report it: an incomplete scan claims no fixes (its findings may be partial), and
 * neither does a scan that left the finding's check out.
 */
function compare(
  now: Map<string, StoredFinding>,
  before: Map<string, StoredFinding>,
  complete: boolean,
  checks: readonly string[] | undefined,
): Pick<ScanDiff, 'new' | 'fixed' | 'open'> {
  const added: StoredFinding[] = [];
  const open: StoredFinding[] = [];
  for (const [fp, f] of now) (before.has(fp) ? open : added).push(f);
  const ran = checks ? new Set(checks) : undefined;
  const fixed = complete ? [...before.values()].filter((f) => !now.has(f.fingerprint) && (!ran || ran.has(f.ruleId))) : [];
  return { new: added.sort(byRisk), fixed: fixed.sort(byRisk), open: open.sort(byRisk) };
}

/** How far back a check that did not run lately is looked for. */
const BASELINE_DEPTH = 100;

function checksOf(row: Row): string[] | undefined {
  return row.checks === null || row.checks === undefined ? undefined : (JSON.parse(String(row.checks)) as string[]);
}

function same(a: StoredFinding, b: StoredFinding | undefined): boolean {
  return b !== undefined && a.ruleId === b.ruleId && a.severity === b.severity && a.title === b.title && a.where === b.where;
}

function byRisk(a: StoredFinding, b: StoredFinding): number {
  return compareSeverity(a.severity, b.severity) || cmp(a.where, b.where) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summaryOf(r: Row): ScanSummary {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, Number(r[s])])) as Record<Severity, number>;
  const scan: ScanSummary = {
    id: Number(r.id),
    root: String(r.root),
    command: String(r.command),
    startedAt: String(r.started_at),
    finishedAt: String(r.finished_at),
    counts,
    total: Number(r.total),
    newCount: Number(r.new_count),
    fixedCount: Number(r.fixed_count),
    complete: Number(r.complete) === 1,
  };
  if (r.git_commit !== null) scan.commit = String(r.git_commit);
  if (r.branch !== null) scan.branch = String(r.branch);
  if (r.previous_id !== null) scan.previousId = Number(r.previous_id);
  return scan;
}
