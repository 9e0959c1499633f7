import type { Finding } from './finding.ts';
import type { RunResult } from './result.ts';
import { atLeast, compareSeverity, type Severity } from './severity.ts';

/** Exit codes, as in DESIGN.md. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export type FailOn = Severity | 'none';

/**
 * 0 when no finding is at or above `failOn`; 1 when one is; 2 when nothing could be scanned because
 * of input errors.
 */
export function exitCodeFor(result: RunResult, failOn: FailOn): number {
  const inputErrors = result.diagnostics.some((d) => d.level === 'error' && !d.ruleId);
  if (result.scanned.length === 0 && inputErrors) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  return result.findings.some((f) => atLeast(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

/** Most severe first, then by location, so output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => {
    const s = compareSeverity(a.severity, b.severity);
    if (s !== 0) return s;
    const la = a.location;
    const lb = b.location;
    if ((la.kind === 'file' || la.kind === 'git') && (lb.kind === 'file' || lb.kind === 'git')) {
      if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
      if (la.startLine !== lb.startLine) return la.startLine - lb.startLine;
      if (la.startColumn !== lb.startColumn) return la.startColumn - lb.startColumn;
    }
    return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
  });
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function countByOwasp(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) for (const o of f.owasp) counts.set(o, (counts.get(o) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => Number(a[0].slice(3, a[0].indexOf(':'))) - Number(b[0].slice(3, b[0].indexOf(':')))));
}
