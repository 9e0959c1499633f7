/**
 * Findings history: every scan is recorded, keyed by finding fingerprints, so a later scan can say what
 * is new, what was fixed and what is still open. The default store is an SQLite file under `.rampart/`
 * (node:sqlite, see sqlite.ts); a shared PostgreSQL store can implement the same interface without
 * touching callers.
 *
 * What a PostgreSQL store would implement: the same three tables (scans, findings keyed by fingerprint,
 * scan_findings linking them with the per-scan severity and location) in its own schema; `record()` as
 * one transaction that first takes a per-(root, command) lock (`pg_advisory_xact_lock`) so two
 * concurrent scans of one project diff against each other in order, just as SQLite's BEGIN IMMEDIATE
 * serialises writers; the same rule for the previous scan (the newest complete one of the root and
 * command); and `HistoryError` for a database it cannot use. Nothing outside store/ sees SQL.
 */
import type { Finding, RunResult, Severity } from '../core/index.ts';

/** Where a scan ran: what the history groups and labels scans by. */
export interface ScanContext {
  /** The scanned project's root, absolute. */
  root: string;
  /** `git rev-parse HEAD` and the branch, when the root is a git work tree. */
  commit?: string;
  branch?: string;
}

/** One finding as the history keeps it (enough to list it without the original report). */
export interface StoredFinding {
  fingerprint: string;
  ruleId: string;
  severity: Severity;
  title: string;
  /** `locationLabel(finding.location)`. */
  where: string;
}

export interface ScanSummary {
  id: number;
  root: string;
  startedAt: string;
  finishedAt: string;
  /** The command recorded, e.g. `scan`, `audit`. */
  command: string;
  commit?: string;
  branch?: string;
  /** Findings of this scan by severity, one per fingerprint (a run reporting one twice counts it once). */
  counts: Record<Severity, number>;
  total: number;
  /** Compared with the previous complete scan of the same root and command. */
  newCount: number;
  fixedCount: number;
  /** The scan this one was compared with, if any. */
  previousId?: number;
  /**
   * False when the run reported an error (an input it could not read, a check that failed): its
   * findings may be partial, so it claims no fixes and later scans are not compared with it.
   */
  complete: boolean;
}

/** What changed between a scan and the previous complete one of the same root and command. */
export interface ScanDiff {
  scan: ScanSummary;
  new: StoredFinding[];
  fixed: StoredFinding[];
  /** Still open: in both scans. */
  open: StoredFinding[];
}

export interface HistoryStore {
  /** Records a finished scan atomically (a scan killed midway leaves no trace) and returns its diff. */
  record(result: RunResult, context: ScanContext): Promise<ScanDiff>;
  /** Scans of a root, newest first. */
  scans(root: string, limit?: number): Promise<ScanSummary[]>;
  /** The diff of one scan (default: the newest of the root); undefined when there is no such scan. */
  diff(root: string, scanId?: number): Promise<ScanDiff | undefined>;
  /** Every root with scans, most recently scanned first (to say where the history is when a root has none). */
  roots(): Promise<{ root: string; scans: number; lastAt: string }[]>;
  close(): Promise<void>;
}

/** A history file Rampart cannot use (not SQLite, corrupt, written by a newer version, locked too long). */
export class HistoryError extends Error {
  override name = 'HistoryError';
}

export type { Finding };
