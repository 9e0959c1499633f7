import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { SEVERITIES, type Severity } from '../../core/index.ts';
import { plural } from '../../reporters/shared.ts';
import {
  defaultHistoryFile,
  HistoryError,
  type HistoryStore,
  historyRoot,
  openHistory,
  type ScanDiff,
  type ScanSummary,
  type StoredFinding,
} from '../../store/index.ts';
import { UsageError } from '../errors.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { type Colors, colors, paintSeverity } from '../terminal.ts';

export const HISTORY_DESCRIPTION = `Show the findings history of a project: every recorded scan (rampart scan records one each time it runs) with its commit, its findings by severity, and what changed since the scan before it of the same command: +new findings and -fixed ones, matched by fingerprint, so moving code does not make a finding new. A trend line shows the total over time. \`rampart history show [ID]\` lists the new, fixed and still-open findings of one scan (default: the newest). The history is an SQLite file, .rampart/history.db in the project, local to the machine.`;

interface HistoryFlags {
  db?: string;
  root?: string;
  format: 'console' | 'json';
  limit: number;
  color?: boolean;
}

const SPARKS = '▁▂▃▄▅▆▇█';

function parseLimit(v: string): number {
  if (!/^\d{1,6}$/.test(v.trim())) throw new UsageError(`--limit ${v}: must be a whole number, 0 for no limit`);
  return Number(v);
}

/** Declares `rampart history` and `rampart history show`. */
export function defineHistoryCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  // The options belong to `history` and are read by `show` too: commander gives options of a parent
  // command to the parent wherever they appear, so declaring them twice would leave show's empty.
  cmd
    .summary('list the recorded scans of this project: new, fixed and open findings, and the trend')
    .description(HISTORY_DESCRIPTION)
    .option('--root <dir>', 'the project whose scans to show (default: the current directory, or the nearest one above it with a history)')
    .option('--db <file>', 'the history file (default: .rampart/history.db in the project)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['console', 'json']).default('console'))
    .addOption(
      new Option('-n, --limit <n>', 'at most this many scans, or findings per list with show; 0 for all').default(20).argParser(parseLimit),
    )
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  rampart history                         # the latest 20 scans of this project, newest first
  rampart history show                    # what the newest scan found: new, fixed, still open
  rampart history show 12 --format json   # one scan, for a script
  rampart history --root services/orders --limit 0
  rampart history --db /shared/rampart-history.db
`,
    )
    .action(async (flags: HistoryFlags) => {
      result.code = await historyList(flags, io);
    });
  cmd
    .command('show')
    .summary("list one scan's new, fixed and still-open findings (default: the newest scan)")
    .description(
      'List the findings of one recorded scan (default: the newest of the project), in three parts: new since the scan before it, fixed since then, and still open. The options of `rampart history` apply (--root, --db, --format, --limit).',
    )
    .argument('[id]', 'the scan number, as `rampart history` lists it')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Examples:
  rampart history show
  rampart history show 12 --limit 0
  rampart history show --format json > last-scan.json
`,
    )
    .action(async (id: string | undefined, _flags: unknown, self: Command) => {
      result.code = await historyShow(id, self.optsWithGlobals<HistoryFlags>(), io);
    });
  return cmd;
}

interface Opened {
  store: HistoryStore;
  root: string;
  /** The history file as the user should read it. */
  db: string;
}

async function withHistory<T>(flags: HistoryFlags, io: CliIO, body: (h: Opened) => Promise<T>): Promise<T> {
  if (flags.root?.trim() === '' || flags.db?.trim() === '') throw new UsageError('history: --root and --db need a path');
  const root = historyRoot(flags.root || flags.db ? resolve(io.cwd, flags.root ?? '.') : projectOf(io.cwd));
  const file = flags.db ? resolve(io.cwd, flags.db) : defaultHistoryFile(root);
  const rel = relative(io.cwd, file);
  const db = rel && !rel.startsWith('..') ? rel : file;
  let store: HistoryStore;
  try {
    store = openHistory(file, { create: false, shownAs: db });
  } catch (e) {
    throw e instanceof HistoryError ? new UsageError(e.message) : e;
  }
  try {
    // Without --root, a history of one single project is that project's, wherever it was scanned from.
    let project = root;
    if (!flags.root && (await store.scans(root, 1)).length === 0) {
      const roots = await store.roots();
      if (roots.length === 1) project = roots[0].root;
    }
    return await body({ store, root: project, db });
  } catch (e) {
    throw e instanceof HistoryError ? new UsageError(e.message) : e;
  } finally {
    await store.close();
  }
}

/** Like git, from a folder inside a project: the nearest folder up with a history, else `cwd` itself. */
function projectOf(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(defaultHistoryFile(dir))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/** No scan of this root: say so, and where the file does have scans. */
async function noScans(h: Opened): Promise<UsageError> {
  const others = (await h.store.roots()).filter((r) => r.root !== h.root);
  const where = others.length
    ? `; it has scans of ${others
        .slice(0, 3)
        .map((r) => `${r.root} (${r.scans})`)
        .join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}: choose one with --root`
    : '';
  return new UsageError(`${h.db}: no scans of ${h.root} yet: run \`rampart scan\` first${where}`);
}

export async function historyList(flags: HistoryFlags, io: CliIO): Promise<number> {
  return withHistory(flags, io, async (h) => {
    const scans = await h.store.scans(h.root, flags.limit === 0 ? undefined : flags.limit);
    if (scans.length === 0) throw await noScans(h);
    if (flags.format === 'json') {
      io.stdout(`${JSON.stringify({ root: h.root, db: h.db, scans }, null, 2)}\n`);
      return 0;
    }
    const c = colors(colorEnabled(io, flags.color, io.stdoutIsTTY));
    io.stdout(`${renderList(scans, h, c).join('\n')}\n`);
    return 0;
  });
}

export async function historyShow(id: string | undefined, flags: HistoryFlags, io: CliIO): Promise<number> {
  if (id !== undefined && !/^\d{1,15}$/.test(id.trim())) throw new UsageError(`history show ${id}: the scan id is a number, e.g. 3`);
  return withHistory(flags, io, async (h) => {
    const diff = await h.store.diff(h.root, id === undefined ? undefined : Number(id));
    if (!diff) {
      const [latest] = await h.store.scans(h.root, 1);
      if (!latest) throw await noScans(h);
      throw new UsageError(
        `history show ${id}: no scan ${id} of ${h.root} in ${h.db} (the newest is ${latest.id}; \`rampart history\` lists them)`,
      );
    }
    if (flags.format === 'json') {
      io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
      return 0;
    }
    const c = colors(colorEnabled(io, flags.color, io.stdoutIsTTY));
    io.stdout(`${renderDiff(diff, h, flags.limit, c).join('\n')}\n`);
    return 0;
  });
}

function renderList(scans: ScanSummary[], h: Opened, c: Colors): string[] {
  const head = ['ID', 'DATE (UTC)', 'COMMAND', 'COMMIT', 'TOTAL', 'CRIT', 'HIGH', 'MED', 'LOW', 'INFO', 'NEW', 'FIXED'];
  const rows = scans.map((s) => [
    `${s.id}${s.complete ? '' : '*'}`,
    date(s.startedAt),
    s.command,
    commitLabel(s),
    String(s.total),
    ...SEVERITIES.map((sev) => String(s.counts[sev])),
    `+${s.newCount}`,
    s.complete ? `-${s.fixedCount}` : '',
  ]);
  const widths = head.map((t, i) => Math.max(t.length, ...rows.map((r) => r[i].length)));
  // Text columns left-aligned, numbers right-aligned; colour goes on after padding.
  const pad = (t: string, i: number) => (i >= 1 && i <= 3 ? t.padEnd(widths[i]) : t.padStart(widths[i]));
  const paint = (t: string, i: number, s: ScanSummary) => {
    if (t.trim() === '') return t;
    if (i >= 5 && i <= 9) {
      const sev = SEVERITIES[i - 5] as Severity;
      return s.counts[sev] > 0 ? paintSeverity(c, sev, t) : c.dim(t);
    }
    if (i === 10) return s.newCount > 0 ? c.red(t) : c.dim(t);
    if (i === 11) return s.fixedCount > 0 ? c.green(t) : c.dim(t);
    return t;
  };
  const line = (cells: string[]) => `  ${cells.join('  ')}`.trimEnd();
  const out = [
    `Scans of ${h.root} (newest first; ${h.db})`,
    '',
    line(head.map((t, i) => c.bold(pad(t, i)))),
    ...rows.map((r, k) => line(r.map((t, i) => paint(pad(t, i), i, scans[k])))),
    '',
  ];
  out.push(...trendLines(scans));
  if (scans.some((s) => !s.complete)) out.push('* incomplete: an input could not be read or a check failed, so it claims no fixes');
  out.push('`rampart history show ID` lists the new, fixed and still-open findings of a scan.');
  return out;
}

/** One sparkline per command, oldest to newest, of the complete scans listed (a partial total would dip). */
function trendLines(scans: ScanSummary[]): string[] {
  const byCommand = new Map<string, number[]>();
  for (const s of [...scans].reverse()) {
    if (s.complete) byCommand.set(s.command, [...(byCommand.get(s.command) ?? []), s.total]);
  }
  const out: string[] = [];
  for (const [command, totals] of byCommand) {
    if (totals.length < 2) continue;
    const label = byCommand.size > 1 ? `Trend of ${command}` : 'Trend';
    out.push(
      `${label} (findings per scan, oldest to newest): ${sparkline(totals)}  ${totals[0]} → ${totals[totals.length - 1]} (lowest ${Math.min(...totals)}, highest ${Math.max(...totals)})`,
    );
  }
  return out;
}

export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => SPARKS[max === 0 ? 0 : Math.round((v / max) * (SPARKS.length - 1))]).join('');
}

function renderDiff(d: ScanDiff, h: Opened, limit: number, c: Colors): string[] {
  const s = d.scan;
  const sevs = SEVERITIES.filter((sev) => s.counts[sev] > 0).map((sev) => paintSeverity(c, sev, `${s.counts[sev]} ${sev}`));
  const commit = commitLabel(s);
  const out = [
    c.bold(`Scan ${s.id} of ${h.root}: ${s.command}, ${date(s.startedAt)} UTC${commit ? `, ${commit}` : ''}`),
    `${plural(s.total, 'finding')}${sevs.length ? ` (${sevs.join(', ')})` : ''}; ${
      s.previousId === undefined
        ? 'no complete scan of this project and command before it, so every finding is new'
        : `compared with scan ${s.previousId}: ${d.new.length} new, ${d.fixed.length} fixed, ${d.open.length} still open`
    }`,
  ];
  if (!s.complete) out.push(c.yellow('Incomplete: an input could not be read or a check failed, so this scan claims no fixes.'));
  const all = [...d.new, ...d.fixed, ...d.open];
  const whereWidth = Math.min(48, Math.max(0, ...all.map((f) => f.where.length)));
  const section = (title: string, list: StoredFinding[], paintTitle: (t: string) => string) => {
    if (list.length === 0) return;
    out.push('', paintTitle(`${title} (${list.length})`));
    const shown = limit === 0 ? list : list.slice(0, limit);
    for (const f of shown) {
      out.push(
        `  ${paintSeverity(c, f.severity, f.severity.padEnd(8))}  ${f.where.padEnd(whereWidth)}  ${f.title} ${c.dim(`[${f.ruleId}]`)}`,
      );
    }
    if (shown.length < list.length) out.push(c.dim(`  … and ${list.length - shown.length} more (--limit 0 lists all)`));
  };
  section('New', d.new, (t) => c.bold(c.red(t)));
  section('Fixed', d.fixed, (t) => c.bold(c.green(t)));
  section('Still open', d.open, (t) => c.bold(t));
  return out;
}

function commitLabel(s: ScanSummary): string {
  const sha = s.commit?.slice(0, 8);
  const branch = s.branch && s.branch.length > 24 ? `${s.branch.slice(0, 23)}…` : s.branch;
  if (branch && sha) return `${branch}@${sha}`;
  return branch ?? sha ?? '';
}

function date(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
