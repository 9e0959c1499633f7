import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../core/index.ts';
import { DEFAULT_LIMITS } from '../../formats/structured.ts';
import { auditAsyncApi } from './language.ts';

/** Runs one AsyncAPI check over a fixture next to the check's test (`import.meta.url` of the test). */
export async function runAsyncApiCheck(id: string, testUrl: string, fixture: string): Promise<Finding[]> {
  const dir = dirname(fileURLToPath(testUrl));
  const absPath = join(dir, 'fixtures', fixture);
  const r = await auditAsyncApi({
    absPath,
    file: `fixtures/${fixture}`,
    projectFile: `fixtures/${fixture}`,
    text: readFileSync(absPath, 'utf8'),
    config: {},
    rules: [id],
    limits: DEFAULT_LIMITS,
  });
  if (r.diagnostics.length) throw new Error(`fixture ${fixture}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.findings;
}

/** `line:col pointer`, sorted, for exact assertions. */
export function positions(findings: Finding[]): string[] {
  return findings
    .map((f) => (f.location.kind === 'file' ? `${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}` : ''))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : 1));
}
