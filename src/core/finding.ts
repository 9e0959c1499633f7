import type { CweId, OwaspId } from './owasp.ts';
import type { Confidence, Severity } from './severity.ts';

export type Stage = 'design' | 'secrets' | 'probe' | 'runtime';

/** A region in a file. Lines and columns are 1-based; `endColumn` is exclusive, as in SARIF. */
export interface FileLocation {
  kind: 'file';
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer of the node inside the file, for structured documents. */
  pointer?: string;
}

/** An HTTP operation of a running API (probe, inventory). */
export interface HttpLocation {
  kind: 'http';
  method: string;
  /** Path template, e.g. `/users/{id}`. */
  path: string;
  url?: string;
}

/** A file region in a git commit (secrets in history). */
export interface GitLocation extends Omit<FileLocation, 'kind'> {
  kind: 'git';
  commit: string;
  author?: string;
  date?: string;
}

/** A line of a log source. */
export interface LogLocation {
  kind: 'log';
  source: string;
  line: number;
}

export type Location = FileLocation | HttpLocation | GitLocation | LogLocation;

/**
 * What was seen. Never a full secret: checks that handle secrets put a short prefix, the length and
 * a hash here (see `redact` in core/evidence.ts).
 */
export interface Evidence {
  /** A short human-readable excerpt, e.g. the offending value or `GET /admin/users`. */
  snippet?: string;
  /** Stable hash of the evidence, part of the fingerprint when the location alone is not unique. */
  hash?: string;
  /** The HTTP request that proves the flaw, as text (credentials redacted). */
  request?: string;
  /** The response to it, as text (cut to a few KiB). */
  response?: string;
  /** A curl command that replays the request (credentials as placeholders). */
  curl?: string;
  /** Identities involved, e.g. `['alice', 'bob']` when bob read alice's object. */
  identities?: string[];
}

export interface Finding {
  ruleId: string;
  stage: Stage;
  severity: Severity;
  confidence: Confidence;
  title: string;
  /** What is wrong here, in the words of an API developer. */
  message: string;
  owasp: OwaspId[];
  cwe: CweId[];
  location: Location;
  evidence?: Evidence;
  /** How to fix it. */
  remediation: string;
  /** Stable across runs and unrelated edits; baselines and history key on it. */
  fingerprint: string;
}

/** A problem of the tool or of an input, as opposed to a flaw in the API. */
export interface Diagnostic {
  level: 'error' | 'warning' | 'note';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The check that failed, when a check threw. */
  ruleId?: string;
}

/**
 * The error a run reports for a check that threw: the run goes on without it (`where`: `on this file`,
 * `in GET /x`; `file`: the input it was reading).
 */
export function checkFailed(checkId: string, e: unknown, where = '', file?: string): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  const d: Diagnostic = {
    level: 'error',
    message: `check "${checkId}" failed${where ? ` ${where}` : ''} and was skipped: ${msg}`,
    ruleId: checkId,
  };
  if (file !== undefined) d.file = file;
  return d;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  return `${where}${d.level}: ${d.message}${d.ruleId ? ` [${d.ruleId}]` : ''}`;
}

export function locationLabel(loc: Location): string {
  switch (loc.kind) {
    case 'file':
      return `${loc.file}:${loc.startLine}:${loc.startColumn}`;
    case 'git':
      return `${loc.file}:${loc.startLine}:${loc.startColumn} @ ${loc.commit.slice(0, 12)}`;
    case 'http':
      return `${loc.method.toUpperCase()} ${loc.path}`;
    case 'log':
      return `${loc.source}:${loc.line}`;
  }
}
