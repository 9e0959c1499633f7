/**
 * Findings history: every scan is recorded, keyed by finding fingerprints, so a later scan can say what
 * is new, what was fixed and what is still open. The default store is an SQLite file under `.rampart/`
 * (node:sqlite); a shared PostgreSQL store can implement the same interface without touching callers.
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
  startedAt: string;
  /** The command recorded, e.g. `scan`, `audit`. */
  command: string;
  commit?: string;
  branch?: string;
  /** Findings of this scan by severity. */
  counts: Record<Severity, number>;
  total: number;
  /** Compared with the previous complete scan of the same root and command. */
  newCount: number;
  fixedCount: number;
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
  /** The diff of one scan (default: the newest of the root). */
  diff(root: string, scanId?: number): Promise<ScanDiff | undefined>;
  close(): Promise<void>;
}

export type { Finding };
