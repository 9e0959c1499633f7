import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../core/index.ts';
import { audit } from './engine.ts';
import type { DesignCheck } from './types.ts';

/** What a check test asserts about one finding: exact place and message. */
export interface At {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  pointer?: string;
  message?: string | RegExp;
}

/** Runs one check over a fixture file next to the check (`import.meta.url` of the test). */
export async function runCheck(check: DesignCheck, testUrl: string, fixture: string): Promise<Finding[]> {
  const dir = dirname(fileURLToPath(testUrl));
  const result = await audit([join(dir, 'fixtures', fixture)], { checks: [check], cwd: dir });
  const errors = result.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(`fixture ${fixture}: ${errors.map((d) => d.message).join('; ')}`);
  return result.findings;
}

/** Compact view for exact assertions: `line:col pointer`. */
export function positions(findings: Finding[]): string[] {
  return findings
    .map((f) => (f.location.kind === 'file' ? `${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}` : ''))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : 1));
}

/** The finding whose location is at `pointer`, for assertions on its message, severity or evidence. */
export function findingAt(findings: Finding[], pointer: string): Finding {
  const f = findings.find((x) => x.location.kind === 'file' && x.location.pointer === pointer);
  if (!f) throw new Error(`no finding at ${pointer}`);
  return f;
}
