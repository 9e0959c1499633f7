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
  const checks = new Map<string, CheckMeta>();
  const scanned = new Set<string>();
  const parts: ReturnType<typeof mergeRuns> = {
    findings: [],
    checks: [],
    diagnostics: [],
    scanned: [],
    skipped: [],
    suppressed: { inline: 0, baseline: 0, config: 0 },
  };
  for (const r of runs) {
    parts.findings.push(...r.findings);
    for (const c of r.checks) if (!checks.has(c.id)) checks.set(c.id, c);
    parts.diagnostics.push(...r.diagnostics);
    for (const s of r.scanned) scanned.add(s);
    parts.skipped.push(...r.skipped);
    parts.suppressed.inline += r.suppressed.inline;
    parts.suppressed.config += r.suppressed.config;
  }
  parts.checks = [...checks.values()];
  parts.scanned = [...scanned];
  return parts;
}
