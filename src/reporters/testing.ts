import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import httpBasicAuth from '../checks/design/http-basic-auth/index.ts';
import type { CheckMeta, Diagnostic, Finding, RunResult } from '../core/index.ts';
import { fingerprintOf } from '../core/index.ts';
import { audit } from '../engines/design/engine.ts';
import { type DesignCheck, defineDesignCheck, type Obj } from '../engines/design/types.ts';

/** Checks made for reporter tests: many low findings, a critical one, one that throws, one that never reports. */
export const unboundedString = defineDesignCheck({
  id: 'test-unbounded-string',
  title: 'String parameter without a maximum length',
  severity: 'low',
  confidence: 'medium',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: { param: 'Parameter "{{name}}" of {{method}} {{path}} accepts a string of any length.' },
  docs: {
    description: 'Flags string parameters with no maxLength, enum or format.',
    attack: 'Huge values exhaust memory and CPU in parsers, validators and databases.',
    fix: 'Give every string parameter a maxLength (or an enum, pattern with bounds, or a bounded format).',
  },
  create(ctx) {
    return {
      parameter(p, op) {
        const s = ctx.resolve<Obj>(p.schema)?.value;
        if (s && s.type === 'string' && s.maxLength === undefined && s.enum === undefined && s.format === undefined) {
          ctx.report({ node: p.ref, messageId: 'param', data: { name: p.name, method: op.method.toUpperCase(), path: op.path } });
        }
      },
    };
  },
});

export const adminAnonymous = defineDesignCheck({
  id: 'test-admin-anonymous',
  title: 'Admin operation without authentication',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API5:2023', 'API2:2023'],
  cwe: ['CWE-306'],
  messages: { op: '{{method}} {{path}} is an admin operation that anyone can call: it has no security requirement.' },
  docs: {
    description: 'Flags operations under /admin that declare no security requirement.',
    attack: 'Anyone who finds the URL can run administrative functions: no credentials are needed.',
    fix: 'Require an admin-scoped credential on every admin operation.',
  },
  create(ctx) {
    return {
      operation(op) {
        if (op.path.startsWith('/admin') && (!op.security || op.security.length === 0)) {
          ctx.report({ node: op.ref, messageId: 'op', data: { method: op.method.toUpperCase(), path: op.path } });
        }
      },
    };
  },
});

export const crashes = defineDesignCheck({
  id: 'test-crashes',
  title: 'A check that fails',
  severity: 'medium',
  confidence: 'low',
  owasp: ['API8:2023'],
  cwe: [],
  messages: {},
  docs: { description: 'Throws on every definition.', attack: 'None.', fix: 'None.' },
  create() {
    return {
      document() {
        throw new Error('boom <script>');
      },
    };
  },
});

export const quiet = defineDesignCheck({
  id: 'test-quiet',
  title: 'A check that never finds anything',
  severity: 'info',
  confidence: 'high',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  messages: {},
  docs: { description: 'Never reports.', attack: 'None.', fix: 'Nothing to do.' },
  create() {
    return {};
  },
});

export const TEST_CHECKS: DesignCheck[] = [httpBasicAuth, unboundedString, adminAnonymous, crashes, quiet];

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A real audit over the fixtures: findings of several rules and severities, an input error, a failing check. */
export async function auditFixtures(): Promise<RunResult> {
  return audit(['specs', 'bad/broken.yaml'], { checks: TEST_CHECKS, cwd: FIXTURES });
}

/** Makes a RunResult by hand; times are fixed so output is exact. */
export function makeResult(parts: Partial<RunResult> = {}): RunResult {
  return {
    tool: { name: 'rampart', version: '9.9.9' },
    command: 'audit',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1234,
    findings: [],
    checks: [],
    diagnostics: [],
    scanned: [],
    skipped: [],
    suppressed: { inline: 0, baseline: 0, config: 0 },
    ...parts,
  };
}

export function meta(check: DesignCheck): CheckMeta {
  const { create: _create, ...m } = check;
  return m;
}

/** A design finding of `check` at a file position. */
export function finding(
  check: CheckMeta,
  file: string,
  line: number,
  column: number,
  message: string,
  extra: { pointer?: string; severity?: Finding['severity']; endColumn?: number; evidence?: string } = {},
): Finding {
  const location = {
    kind: 'file' as const,
    file,
    startLine: line,
    startColumn: column,
    endLine: line,
    endColumn: extra.endColumn ?? column + 4,
    pointer: extra.pointer ?? `/x/${line}`,
  };
  return {
    ruleId: check.id,
    stage: check.stage,
    severity: extra.severity ?? check.severity,
    confidence: check.confidence,
    title: check.title,
    message,
    owasp: check.owasp,
    cwe: check.cwe,
    location,
    evidence: extra.evidence ? { snippet: extra.evidence } : undefined,
    remediation: check.docs.fix,
    fingerprint: fingerprintOf(check.id, location, message),
  };
}

export const diag = (d: Diagnostic): Diagnostic => d;
