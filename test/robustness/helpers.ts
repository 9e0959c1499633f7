// Shared helpers of the robustness tests: throw-away input folders and checks that observe the engine.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadDesignChecks } from '../../src/checks/design/registry.ts';
import type { Diagnostic, FileLocation, Finding, RunResult } from '../../src/core/index.ts';
import { type AuditOptions, audit } from '../../src/engines/design/engine.ts';
import { type DesignCheck, defineDesignCheck } from '../../src/engines/design/types.ts';

/** A temporary folder of input files; `cleanup()` removes it. */
export interface TempDir {
  dir: string;
  write(name: string, content: string | Uint8Array): string;
  cleanup(): void;
}

export function tempDir(prefix = 'rampart-robust-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, content) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let registered: DesignCheck[] | undefined;
/** Every check of the registry (loaded once per test file). */
export async function allChecks(): Promise<DesignCheck[]> {
  registered ??= await loadDesignChecks();
  return registered;
}

/** Audits `inputs` relative to `cwd` with every registered check plus `extra`. */
export async function auditWith(cwd: string, inputs: string[], extra: DesignCheck[] = [], options: AuditOptions = {}): Promise<RunResult> {
  return audit(inputs, { cwd, ...options, checks: [...(await allChecks()), ...extra] });
}

export const errors = (r: RunResult): Diagnostic[] => r.diagnostics.filter((d) => d.level === 'error');
export const warnings = (r: RunResult): Diagnostic[] => r.diagnostics.filter((d) => d.level === 'warning');

export function fileLocation(f: Finding): FileLocation {
  if (f.location.kind !== 'file') throw new Error(`finding ${f.ruleId} has no file location`);
  return f.location;
}

/** A check for tests: no docs worth reading, visitors given by the test. */
export function testCheck(
  id: string,
  create: DesignCheck['create'],
  messages: Record<string, string> = { m: 'test finding' },
): DesignCheck {
  return defineDesignCheck({
    id,
    title: `test check ${id}`,
    severity: 'info',
    confidence: 'high',
    owasp: ['API8:2023'],
    cwe: ['CWE-1059'],
    messages,
    docs: { description: 'test', attack: 'test', fix: 'test' },
    create,
  });
}

/** Counts every schema and scalar visit, to prove that walks stay bounded. */
export function visitCounter(): { check: DesignCheck; counts: { schema: number; scalar: number; operation: number } } {
  const counts = { schema: 0, scalar: 0, operation: 0 };
  const check = testCheck('test-visit-counter', () => ({
    schema() {
      counts.schema++;
    },
    scalar() {
      counts.scalar++;
    },
    operation() {
      counts.operation++;
    },
  }));
  return { check, counts };
}

/** A minimal valid OpenAPI 3.0 document with one HTTP Basic scheme (a finding of `http-basic-auth`). */
export const OAS3_WITH_BASIC = `openapi: 3.0.3
info:
  title: Robustness
  version: '1'
paths: {}
components:
  securitySchemes:
    basicAuth:
      type: http
      scheme: basic
`;

/** Reports every schema property with this name, where the schema is defined (to test locations). */
export function propertyReporter(name: string): DesignCheck {
  return testCheck('test-property-reporter', (ctx) => ({
    schema(v) {
      if (v.propertyName === name) ctx.report({ node: v.ref, messageId: 'm' });
    },
  }));
}
