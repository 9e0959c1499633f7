import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { RunResult } from '../core/index.ts';
import { gitContext } from './context.ts';
import { SqliteHistoryStore, type SqliteStoreOptions } from './sqlite.ts';
import { HistoryError, type HistoryStore, type ScanDiff } from './types.ts';

export { gitContext, historyRoot } from './context.ts';
export { SqliteHistoryStore, type SqliteStoreOptions } from './sqlite.ts';
export * from './types.ts';

/** Where a project's history lives unless told otherwise, relative to its root. */
export const DEFAULT_HISTORY_FILE = '.rampart/history.db';

/** `<root>/.rampart/history.db`. */
export function defaultHistoryFile(root: string = process.cwd()): string {
  return join(resolve(root), DEFAULT_HISTORY_FILE);
}

export interface OpenHistoryOptions extends SqliteStoreOptions {
  /** False: fail with "no history yet" instead of creating the file (for commands that only read it). */
  create?: boolean;
}

/**
 * Opens (and creates, with its folder) the history file, by default `.rampart/history.db` in the
 * current directory. Throws a HistoryError naming the file when it cannot be used.
 */
export function openHistory(file: string = defaultHistoryFile(), options: OpenHistoryOptions = {}): HistoryStore {
  const abs = resolve(file);
  const shownAs = options.shownAs ?? shortPath(abs);
  const exists = existsSync(abs);
  if (!exists && options.create === false) throw new HistoryError(`${shownAs}: no history yet: run \`rampart scan\` first`);
  if (exists && statSync(abs).isDirectory()) throw new HistoryError(`${shownAs}: is a folder; give the history file inside it`);
  if (!exists) {
    try {
      mkdirSync(dirname(abs), { recursive: true });
    } catch (e) {
      throw new HistoryError(`${shownAs}: cannot create its folder (${(e as Error).message})`);
    }
    ignoreInGit(abs);
  }
  return new SqliteHistoryStore(abs, { ...options, shownAs });
}

/**
 * Records a finished run in the history of `root` (default file `<root>/.rampart/history.db`, commit and
 * branch from git) and returns what is new, fixed and still open. For `rampart scan` and library users.
 */
export async function recordScan(result: RunResult, root: string, file: string = defaultHistoryFile(root)): Promise<ScanDiff> {
  const store = openHistory(file);
  try {
    return await store.record(result, gitContext(root));
  } finally {
    await store.close();
  }
}

/**
 * The history is local to a machine (a team shares one through a server store), so a new `.rampart/`
 * folder gets a .gitignore for it; `.rampart/` may also hold files that are committed, such as baselines.
 */
function ignoreInGit(file: string): void {
  const dir = dirname(file);
  if (basename(dir) !== '.rampart') return;
  const ignore = join(dir, '.gitignore');
  if (existsSync(ignore)) return;
  const name = basename(file);
  try {
    writeFileSync(ignore, `# Rampart's findings history: local to this machine, not committed\n${name}\n${name}-*\n`, { flag: 'wx' });
  } catch {}
}

function shortPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') ? rel : abs;
}
