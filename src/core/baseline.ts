import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding } from './finding.ts';
import { locationLabel } from './finding.ts';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Where the finding was when it was accepted (`file:line:col`), for reviewers; not used for matching. */
  location: string;
}

/**
 * A baseline is the set of fingerprints a team accepted when adopting Rampart; findings in it are not
 * reported, so CI fails only on new ones. The file is JSON and meant to be committed and reviewed, so
 * each entry also says what it was.
 */
export interface BaselineFile {
  version: 1;
  tool: 'rampart';
  createdAt: string;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

/** Reads and validates a baseline file. Errors are one line naming the file. */
export function readBaselineFile(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
    throw new BaselineError(`${path}: cannot read baseline (${why})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${path}: baseline is not valid JSON (${(e as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError(`${path}: baseline must be a JSON object`);
  const file = data as Partial<BaselineFile>;
  if (file.version !== undefined && file.version !== 1) {
    throw new BaselineError(`${path}: baseline version ${JSON.stringify(file.version)} is not supported (expected 1)`);
  }
  const list = file.findings;
  if (!Array.isArray(list)) throw new BaselineError(`${path}: baseline has no "findings" array`);
  const findings: BaselineEntry[] = list.map((entry: Partial<BaselineEntry> | null, i) => {
    if (typeof entry?.fingerprint !== 'string' || entry.fingerprint === '') {
      throw new BaselineError(`${path}: findings[${i}].fingerprint must be a non-empty string`);
    }
    return {
      fingerprint: entry.fingerprint,
      ruleId: typeof entry.ruleId === 'string' ? entry.ruleId : '',
      location: typeof entry.location === 'string' ? entry.location : '',
    };
  });
  return { version: 1, tool: 'rampart', createdAt: typeof file.createdAt === 'string' ? file.createdAt : '', findings };
}

/** The fingerprints of a baseline file (what `audit({ baseline })` takes). */
export function readBaseline(path: string): Set<string> {
  return new Set(readBaselineFile(path).findings.map((f) => f.fingerprint));
}

export interface WriteBaselineOptions {
  /** Entries to keep as they are (e.g. those of files this run did not scan), besides the findings. */
  keep?: BaselineEntry[];
  /** Keep the original creation date when rewriting a baseline. */
  createdAt?: string;
}

/**
 * Writes the findings' fingerprints (deduplicated, in a stable order so reviews see small diffs). The
 * file is written next to its final name and renamed, so a crash never leaves half a baseline.
 */
export function writeBaseline(path: string, findings: Finding[], options: WriteBaselineOptions = {}): BaselineFile {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  const add = (e: BaselineEntry) => {
    if (seen.has(e.fingerprint)) return;
    seen.add(e.fingerprint);
    entries.push(e);
  };
  for (const f of findings) add({ fingerprint: f.fingerprint, ruleId: f.ruleId, location: locationLabel(f.location) });
  for (const e of options.keep ?? []) add({ fingerprint: e.fingerprint, ruleId: e.ruleId, location: e.location });
  entries.sort(compareEntries);
  const file: BaselineFile = {
    version: 1,
    tool: 'rampart',
    createdAt: options.createdAt || new Date().toISOString(),
    findings: entries,
  };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return file;
}

/** Rule, then file, then line and column as numbers, then fingerprint: a total, stable order. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  const pa = splitLocation(a.location);
  const pb = splitLocation(b.location);
  if (pa.file !== pb.file) return pa.file < pb.file ? -1 : 1;
  if (pa.line !== pb.line) return pa.line - pb.line;
  if (pa.column !== pb.column) return pa.column - pb.column;
  if (a.location !== b.location) return a.location < b.location ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

/** `file:line:col` (the label of a file location) split into its parts; other labels are all `file`. */
export function splitLocation(label: string): { file: string; line: number; column: number } {
  const m = /^(.*):(\d{1,9}):(\d{1,9})$/.exec(label);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : { file: label, line: 0, column: 0 };
}
