import { describe, expect, it } from 'vitest';
import { type Finding, finishRun } from '../../src/core/index.ts';

const finding = (fingerprint: string, severity: Finding['severity']): Finding => ({
  ruleId: 'r',
  stage: 'probe',
  severity,
  confidence: 'high',
  title: 't',
  message: 'm',
  owasp: ['API1:2023'],
  cwe: ['CWE-639'],
  location: { kind: 'http', method: 'GET', path: `/${fingerprint}` },
  remediation: 'fix',
  fingerprint,
});

describe('finishRun', () => {
  const parts = () => ({
    command: 'probe',
    started: Date.now() - 5,
    findings: [finding('a', 'low'), finding('b', 'critical'), finding('c', 'high')],
    checks: [],
    diagnostics: [],
    scanned: ['http://127.0.0.1/'],
    skipped: [],
    suppressed: { inline: 1, baseline: 0, config: 2 },
  });

  it('leaves out and counts what the baseline accepts, and sorts the rest most severe first', () => {
    const r = finishRun(parts(), new Set(['c']));
    expect(r.findings.map((f) => f.fingerprint)).toEqual(['b', 'a']);
    expect(r.suppressed).toEqual({ inline: 1, baseline: 1, config: 2 });
    expect(r.command).toBe('probe');
    expect(r.tool.name).toBe('rampart');
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps everything without a baseline', () => {
    const r = finishRun(parts());
    expect(r.findings.map((f) => f.fingerprint)).toEqual(['b', 'c', 'a']);
    expect(r.suppressed.baseline).toBe(0);
  });
});
