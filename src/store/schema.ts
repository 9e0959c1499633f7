/**
 * The SQLite history schema and its migrations. `PRAGMA user_version` holds the schema version; a
 * migration is appended here (never edited once released) and runs in the same transaction that bumps
 * the version, so a file is always at exactly one version.
 */

/** Marks the file as Rampart's ('RAMP'), so a foreign SQLite database is refused instead of altered. */
export const APPLICATION_ID = 0x52414d50;

export const MIGRATIONS: readonly string[] = [
  // 1: scans, the findings they saw (keyed by fingerprint) and the link between them. The link keeps the
  // severity and location of each scan, since a config override or an edit can change them over time.
  `
  CREATE TABLE scans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    root TEXT NOT NULL,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    git_commit TEXT,
    branch TEXT,
    critical INTEGER NOT NULL,
    high INTEGER NOT NULL,
    medium INTEGER NOT NULL,
    low INTEGER NOT NULL,
    info INTEGER NOT NULL,
    total INTEGER NOT NULL,
    new_count INTEGER NOT NULL,
    fixed_count INTEGER NOT NULL,
    previous_id INTEGER REFERENCES scans(id),
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    -- JSON array of the check ids that ran, or NULL when the run did not say: a finding of a check
    -- that did not run is not fixed, only not looked for.
    checks TEXT
  );
  CREATE INDEX scans_by_root ON scans(root, command, complete, id);
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    location TEXT NOT NULL
  );
  CREATE TABLE scan_findings (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    severity TEXT NOT NULL,
    location TEXT NOT NULL,
    PRIMARY KEY (scan_id, finding_id)
  ) WITHOUT ROWID;
  CREATE INDEX scan_findings_by_finding ON scan_findings(finding_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
