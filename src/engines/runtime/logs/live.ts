/**
 * The live console view of `rampart logs` on a terminal: one status line on stderr (lines read, lines
 * per second, findings so far by kind), redrawn at most four times a second. Rendering is a pure
 * function of the counts; the CLI decides whether a terminal is there at all.
 */

export interface LiveCounts {
  lines: number;
  requests: number;
  elapsedMs: number;
  /** Occurrences so far by check id, e.g. `logs-card-number: 3`. */
  byCheck: ReadonlyMap<string, number>;
}

/** Redraws no more often than this. */
export const LIVE_INTERVAL_MS = 250;

const nf = new Intl.NumberFormat('en');

/** `rampart logs: 1,204,000 lines, 310,223 lines/s; card-number 3, sql-injection 12`, cut to `columns`. */
export function renderLive(c: LiveCounts, columns: number): string {
  const rate = c.elapsedMs > 0 ? Math.round((c.lines * 1000) / c.elapsedMs) : 0;
  let line = `rampart logs: ${nf.format(c.lines)} lines, ${nf.format(rate)} lines/s`;
  const kinds = [...c.byCheck].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  line += kinds.length ? `; ${kinds.map(([id, n]) => `${id.replace(/^logs-/, '')} ${nf.format(n)}`).join(', ')}` : '; nothing found yet';
  const room = Math.max(20, columns - 1);
  return line.length > room ? `${line.slice(0, room - 1)}…` : line;
}
