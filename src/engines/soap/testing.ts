import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../core/index.ts';
import { DEFAULT_LIMITS } from '../../formats/structured.ts';
import { auditWsdl } from './audit.ts';
import type { WsdlCheck } from './types.ts';

/** Audits a fixture of a WSDL check (`fixtures/<name>` beside the test) with that check only. */
export async function runWsdlCheck(check: WsdlCheck, testUrl: string, name: string): Promise<Finding[]> {
  const absPath = fileURLToPath(new URL(`./fixtures/${name}`, testUrl));
  const r = await auditWsdl(
    { absPath, file: name, projectFile: name, text: readFileSync(absPath, 'utf8'), config: {}, limits: DEFAULT_LIMITS },
    [check],
  );
  if (r.diagnostics.length) throw new Error(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
  return r.findings;
}

/** `line:col xpath` of each finding, in report order. */
export function wsdlPositions(findings: Finding[]): string[] {
  return findings.map((f) => (f.location.kind === 'file' ? `${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}` : ''));
}
