/**
 * SQL injection data: the payloads the sql-injection check sends and the database error messages it
 * (and verbose-errors) recognises. Payloads are harmless: they break the syntax, compare constants or
 * wait; none writes, deletes or reads data beyond what the query already returns. Every pattern is
 * linear (no nested quantifiers, bounded repeats), safe on a 1 MiB hostile body.
 */

export interface ErrorPattern {
  /** The database or library the message comes from. */
  db: string;
  re: RegExp;
}

/**
 * Messages a database gives for a statement that does not parse: proof that the value reached the SQL
 * text. Type errors of parameterised queries (`invalid input syntax for type integer`) are not here on
 * purpose: they show a bound parameter of the wrong type, not an injection.
 */
export const SQL_SYNTAX_ERRORS: ErrorPattern[] = [
  // SQLite (node:sqlite, better-sqlite3, sqlite3, Python sqlite3): `near "%": syntax error`.
  { db: 'SQLite', re: /\bnear "[^"\n]{0,80}": syntax error/ },
  // SQLite: a quote the tokenizer cannot close.
  { db: 'SQLite', re: /\bunrecognized token: ["'][^\n]{0,80}/ },
  // SQLite: the statement ends inside a string or expression.
  { db: 'SQLite', re: /\bSQLITE_ERROR\b[^\n]{0,80}\bincomplete input\b|\bincomplete input\b[^\n]{0,40}SQLITE/ },
  // PostgreSQL: the parser's own wording (also through pg, psycopg, JDBC).
  { db: 'PostgreSQL', re: /\bsyntax error at or near "[^"\n]{0,80}"/ },
  { db: 'PostgreSQL', re: /\bunterminated quoted (?:string|identifier) at or near "/ },
  { db: 'PostgreSQL', re: /\bsyntax error at end of input\b/ },
  // MySQL and MariaDB: error 1064.
  { db: 'MySQL', re: /\bYou have an error in your SQL syntax\b/ },
  { db: 'MySQL', re: /\bcheck the manual that (?:corresponds to|fits) your (?:MySQL|MariaDB) server version\b/ },
  // SQL Server: errors 105 and 102.
  { db: 'SQL Server', re: /\bUnclosed quotation mark (?:after|before) the character string\b/ },
  { db: 'SQL Server', re: /\bIncorrect syntax near\b/ },
  // Oracle: quoted string not properly terminated, command not properly ended, missing expression/parenthesis.
  { db: 'Oracle', re: /\bORA-0(?:1756|0933|0936|0907)\b/ },
  // H2 (Java): the statement with a [*] where parsing stopped.
  { db: 'H2', re: /\bSyntax error in SQL statement "/ },
  // PHP PDO: SQLSTATE class 42000 is "syntax error or access rule violation".
  { db: 'SQL (PDO)', re: /\bSQLSTATE\[42000\]/ },
  // Hibernate HQL built by concatenation.
  { db: 'Hibernate', re: /\bQuerySyntaxException\b/ },
];

/**
 * Any database error (for verbose-errors): the syntax errors above plus driver and ORM exceptions that
 * show the backend and often the statement.
 */
export const DB_ERRORS: ErrorPattern[] = [
  ...SQL_SYNTAX_ERRORS,
  { db: 'SQLite', re: /\b(?:ERR_)?SQLITE_(?:ERROR|CONSTRAINT|MISMATCH|RANGE|MISUSE)\b/ },
  { db: 'SQLite', re: /\bno such (?:table|column): [\w.]{1,80}/ },
  { db: 'PostgreSQL', re: /\binvalid input syntax for (?:type )?\w{2,40}/ },
  { db: 'PostgreSQL', re: /\bduplicate key value violates unique constraint\b/ },
  {
    db: 'PostgreSQL',
    re: /\borg\.postgresql\.util\.PSQLException\b|\bPG::[A-Z][A-Za-z]{2,40}Error\b|\bpsycopg2?\.(?:errors\.)?[A-Z]\w{2,40}/,
  },
  { db: 'MySQL', re: /\bER_(?:PARSE_ERROR|NO_SUCH_TABLE|BAD_FIELD_ERROR|DUP_ENTRY|TRUNCATED_WRONG_VALUE)\b/ },
  { db: 'MySQL', re: /\bcom\.mysql\.(?:cj\.)?jdbc\.|\bMySqlException\b|\bmysqli?_(?:query|fetch_\w{1,20})\(\)/ },
  { db: 'SQL Server', re: /\bSystem\.Data\.SqlClient\.SqlException\b|\bMicrosoft\.Data\.SqlClient\.SqlException\b/ },
  { db: 'Oracle', re: /\bORA-\d{5}: / },
  { db: 'JDBC', re: /\bjava\.sql\.SQL\w{0,40}Exception\b/ },
  {
    db: 'ORM',
    re: /\bSequelize(?:Database|UniqueConstraint|ForeignKeyConstraint)Error\b|\bQueryFailedError\b|\bPrismaClient\w{0,30}Error\b/,
  },
  { db: 'ORM', re: /\bsqlalchemy\.exc\.\w{2,40}|\bActiveRecord::StatementInvalid\b|\bIlluminate\\Database\\QueryException\b/ },
  { db: 'MongoDB', re: /\bMongo(?:Server)?Error\b|\bCastError: Cast to ObjectId failed\b/ },
];

/** The first pattern that matches `text`, with the matched excerpt. */
export function findError(patterns: ErrorPattern[], text: string): { db: string; excerpt: string } | undefined {
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (m) return { db: p.db, excerpt: m[0].slice(0, 120) };
  }
  return undefined;
}

/**
 * Error-based probes, appended to the valid value: an unbalanced mix of quotes breaks a string literal
 * in single or double quotes and a bare number alike. The second one (another order, a parenthesis)
 * confirms the first was no accident.
 */
export const ERROR_PROBES = [`'"`, `')"`];

export interface BooleanPair {
  /** Appended to the prefix: a condition that is always true, and its false twin. */
  truthy: string;
  falsy: string;
}

/**
 * Boolean probes as minimal pairs: the true and the false condition use the same characters in another
 * order (`'2'>'1` against `'1'>'2`), so a search that tokenises, a length check or a keyword filter
 * answers both alike, and only SQL that evaluates them tells them apart. They are joined with AND and
 * never comment out the rest of the statement, so they can only narrow what the statement touches
 * (an OR 1=1 would widen an UPDATE or DELETE to every row). In a string the last quote is left to the
 * statement's own closing quote, which keeps `LIKE '%…%'` valid too ('2' > '1%' is still true).
 * The second pair confirms the first.
 */
export const BOOLEAN_PAIRS: Record<'string' | 'numeric', [BooleanPair, BooleanPair]> = {
  string: [
    { truthy: "' AND '2'>'1", falsy: "' AND '1'>'2" },
    { truthy: "' AND '3'>'2", falsy: "' AND '2'>'3" },
  ],
  numeric: [
    { truthy: ' AND 2>1', falsy: ' AND 1>2' },
    { truthy: ' AND 3>2', falsy: ' AND 2>3' },
  ],
};

export interface TimePayload {
  db: string;
  context: 'string' | 'numeric';
  /** Only for these methods (a payload that ends the statement early is kept to reads). */
  methods?: string[];
  /** Appended to the valid value; waits `seconds` (0 for the control request). */
  payload(seconds: number): string;
}

/**
 * Time-based probes, for endpoints that show neither errors nor different results. The wait sits in an
 * uncorrelated subquery (run once per statement, not once per row) inside a condition that is always
 * false (`… OR (wait) < 0`), so the statement never touches more rows than before. In a string the
 * payload ends with `AND 'r'<'s`, true whatever follows, so the wait is always evaluated.
 */
export const TIME_PAYLOADS: TimePayload[] = [
  { db: 'PostgreSQL', context: 'string', payload: (s) => `' OR (SELECT 1 FROM pg_sleep(${s}))<0 AND 'r'<'s` },
  { db: 'PostgreSQL', context: 'numeric', payload: (s) => ` OR (SELECT 1 FROM pg_sleep(${s}))<0` },
  { db: 'MySQL', context: 'string', payload: (s) => `' OR (SELECT 1 FROM (SELECT SLEEP(${s}))r)<0 AND 'r'<'s` },
  { db: 'MySQL', context: 'numeric', payload: (s) => ` OR (SELECT 1 FROM (SELECT SLEEP(${s}))r)<0` },
  // SQL Server has no sleep inside an expression: a second statement in the batch, the rest commented
  // out. Reads only, since the comment drops the statement's own trailing conditions.
  { db: 'SQL Server', context: 'string', methods: ['GET'], payload: (s) => `'; WAITFOR DELAY '0:0:${s}'-- -` },
  { db: 'SQL Server', context: 'numeric', methods: ['GET'], payload: (s) => `; WAITFOR DELAY '0:0:${s}'-- -` },
];

/**
 * SQLite has no sleep: the delay is work, `count` random blobs of 1000 bytes made one at a time in a
 * recursive CTE (constant memory, bounded CPU), in the same always-false condition as above. The check
 * calibrates `count` so the work takes about the sleep time on the target, from a small first run.
 */
export function sqliteWork(context: 'string' | 'numeric', count: number): string {
  const work = `(SELECT sum(length(randomblob(1000))) FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM r WHERE i<${Math.max(1, Math.round(count))}) SELECT i FROM r))<0`;
  return context === 'string' ? `' OR ${work} AND 'r'<'s` : ` OR ${work}`;
}

/** Blobs in the first, calibrating SQLite run (about 0.2 to 0.5 s on a laptop). */
export const SQLITE_CALIBRATION = 200_000;
/** Never more blobs than this, whatever the calibration says (a few seconds of CPU at most). */
export const SQLITE_MAX = 4_000_000;
/** Calibration and proof shots of SQLite work per injection point, at most. */
export const SQLITE_SHOTS = 6;
