import { VERSION } from '../version.ts';
import type { CheckMeta } from './check.ts';
import type { Diagnostic, Finding } from './finding.ts';
import { sortFindings } from './policy.ts';

/** Everything a run produced; reporters are pure functions of it. */
export interface RunResult {
  tool: { name: 'rampart'; version: string };
  /** The command that produced it, e.g. `audit`. */
  command: string;
  startedAt: string;
  durationMs: number;
  /** Findings after suppressions and the baseline, most severe first. */
  findings: Finding[];
  /** Metadata of every check that ran (reporters use it for help texts and SARIF rules). */
  checks: CheckMeta[];
  diagnostics: Diagnostic[];
  /** Inputs that were scanned. */
  scanned: string[];
  /** Inputs that were skipped, with the reason. */
  skipped: { file: string; reason: string }[];
  suppressed: { inline: number; baseline: number; config: number };
  /** Compared with earlier scans of the history store, when one was kept (reports show it). */
  history?: RunHistory;
}

/** How this run compares with the scans before it, by finding fingerprint. */
export interface RunHistory {
  /** Findings no earlier scan had. */
  new: number;
  /** Findings of the previous scan that this one no longer has. */
  fixed: number;
  /** Findings this run shares with the previous scan. */
  open: number;
  /** Total findings per scan, oldest first (this run last). */
  trend: { startedAt: string; total: number }[];
}

/** What an engine gathered in one run, before the baseline and sorting. */
export type RunParts = Omit<RunResult, 'tool' | 'startedAt' | 'durationMs'> & { started: number };

/**
 * Closes a run: leaves out (and counts) the findings the baseline accepts and sorts the rest most
 * severe first. Every engine ends its run here, so the baseline means the same for every command.
 */
export function finishRun(parts: RunParts, baseline?: ReadonlySet<string>): RunResult {
  const { started, findings, suppressed, ...rest } = parts;
  const kept = baseline ? findings.filter((f) => !baseline.has(f.fingerprint)) : findings;
  return {
    tool: { name: 'rampart', version: VERSION },
    ...rest,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    findings: sortFindings(kept),
    suppressed: baseline ? { ...suppressed, baseline: findings.length - kept.length } : suppressed,
  };
}

/**
 * The runs of several engines as the parts of one run (for `finishRun`): findings, checks (each once),
 * diagnostics, inputs and suppressions side by side. The baseline is applied once, by `finishRun`.
 */
export function mergeRuns(
  runs: readonly RunResult[],
): Pick<RunParts, 'findings' | 'checks' | 'diagnostics' | 'scanned' | 'skipped' | 'suppressed'> {
  const all = <T>(pick: (r: RunResult) => T[]) => runs.flatMap(pick);
  const sum = (pick: (r: RunResult['suppressed']) => number) => runs.reduce((n, r) => n + pick(r.suppressed), 0);
  // A check two engines both ran is listed once.
  const checks = new Map<string, RunResult['checks'][number]>();
  for (const c of all((r) => r.checks)) if (!checks.has(c.id)) checks.set(c.id, c);
  return {
    findings: all((r) => r.findings),
    checks: [...checks.values()],
    diagnostics: all((r) => r.diagnostics),
    scanned: [...new Set(all((r) => r.scanned))],
    skipped: all((r) => r.skipped),
    suppressed: { inline: sum((s) => s.inline), baseline: 0, config: sum((s) => s.config) },
  };
}
