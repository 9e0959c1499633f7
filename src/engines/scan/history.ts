/** Records a scan in the findings history (src/store), for the summary line and the reports' trend. */
import type { RunHistory, RunResult } from '../../core/result.ts';
import { defaultHistoryFile, gitContext, openHistory, type ScanDiff } from '../../store/index.ts';

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
 */
export async function recordScan(result: RunResult, root: string, file?: string): Promise<Recorded> {
  // The project's own history, whatever the working directory (as `rampart history` looks for it).
  const db = openHistory(file ?? defaultHistoryFile(root));
  try {
    const diff: ScanDiff = await db.record(result, gitContext(root));
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
