/**
 * Records a scan in the findings history (src/store). The store is built on another branch; until it
 * is merged the import fails and recording is silently skipped, so scans work either way.
 */
import { join } from 'node:path';
import type { RunHistory, RunResult } from '../../core/result.ts';
import type { HistoryStore, ScanContext, ScanDiff } from '../../store/types.ts';

interface StoreModule {
  openHistory(file?: string): HistoryStore | Promise<HistoryStore>;
}
interface ContextModule {
  gitContext(root: string): ScanContext | Promise<ScanContext>;
}

// Built as URLs so the type checker does not insist on modules that may not exist yet; `.js` once
// compiled to dist/.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const STORE = new URL(`../../store/index${EXT}`, import.meta.url).href;
const CONTEXT = new URL(`../../store/context${EXT}`, import.meta.url).href;

async function optionalImport<T>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT') return undefined;
    throw e;
  }
}

/** What a recorded scan changed, for the summary line. */
export interface Recorded {
  scanId: number;
  newCount: number;
  fixedCount: number;
  /** For the reports (`RunResult.history`): the diff and the trend of this project's scans. */
  history: RunHistory;
}

/** Scans shown in a report's trend. */
const TREND = 30;

/**
 * Records `result` for the project at `root` in `file` (default: ROOT/.rampart/history.db).
 * Undefined when this build has no history store.
 */
export async function recordScan(result: RunResult, root: string, file?: string): Promise<Recorded | undefined> {
  const store = await optionalImport<StoreModule>(STORE);
  const context = await optionalImport<ContextModule>(CONTEXT);
  if (!store?.openHistory || !context?.gitContext) return undefined;
  // The project's own history, whatever the working directory (as `rampart history` looks for it).
  const db = await store.openHistory(file ?? join(root, '.rampart', 'history.db'));
  try {
    const diff: ScanDiff = await db.record(result, await context.gitContext(root));
    const scans = (await db.scans(root, TREND * 4)).filter((s) => s.command === diff.scan.command).slice(0, TREND);
    return {
      scanId: diff.scan.id,
      newCount: diff.new.length,
      fixedCount: diff.fixed.length,
      history: {
        new: diff.new.length,
        fixed: diff.fixed.length,
        open: diff.open.length,
        trend: scans.reverse().map((s) => ({ startedAt: s.startedAt, total: s.total })),
      },
    };
  } finally {
    await db.close();
  }
}
