import type { CheckMeta } from './check.ts';
import type { Diagnostic, Finding } from './finding.ts';

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
}
