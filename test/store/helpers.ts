import type { CheckMeta, Finding, RunResult, Severity } from '../../src/core/index.ts';

/** A finding whose fingerprint, rule and path follow from `n`, so scans can share or drop findings by number. */
export function finding(n: number, severity: Severity = 'high'): Finding {
  return {
    ruleId: `rule-${n % 7}`,
    stage: 'probe',
    severity,
    confidence: 'high',
    title: `Flaw number ${n}`,
    message: `flaw ${n}`,
    owasp: ['API1:2023'],
    cwe: ['CWE-639'],
    location: { kind: 'http', method: 'get', path: `/items/${n}` },
    remediation: 'fix it',
    fingerprint: `fp-${String(n).padStart(6, '0')}`,
  };
}

export interface ResultOptions {
  command?: string;
  startedAt?: string;
  /** Adds an error diagnostic: the run could not read an input. */
  failed?: boolean;
  /** The checks that ran (default: none listed, i.e. not known). */
  checks?: string[];
}

/** A finished run with these findings, as an engine would return it. */
export function runResult(findings: Finding[], options: ResultOptions = {}): RunResult {
  return {
    tool: { name: 'rampart', version: '0.0.0-test' },
    command: options.command ?? 'scan',
    startedAt: options.startedAt ?? '2026-12-01T10:00:00.000Z',
    durationMs: 1500,
    findings,
    checks: (options.checks ?? []).map((id) => ({ id }) as CheckMeta),
    diagnostics: options.failed ? [{ level: 'error', message: 'cannot read api.yaml', file: 'api.yaml' }] : [],
    scanned: ['api.yaml'],
    skipped: [],
    suppressed: { inline: 0, baseline: 0, config: 0 },
  };
}

/** Findings 1..n (or the given numbers), all high. */
export function findings(numbers: number[] | number): Finding[] {
  const list = typeof numbers === 'number' ? Array.from({ length: numbers }, (_, i) => i + 1) : numbers;
  return list.map((n) => finding(n));
}
