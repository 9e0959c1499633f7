/**
 * The bundled demo is a contract: every flaw planted in examples/vulnerable-api is found where it was
 * planted (its ground truth is expected-findings.json), nothing else is reported there at medium or
 * above, and the hardened twin has no finding at all.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/engines/design/engine.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const expected: { findings: { ruleId: string; severity: string; file: string; pointer: string }[] } = JSON.parse(
  readFileSync(new URL('../examples/vulnerable-api/expected-findings.json', import.meta.url), 'utf8'),
);
const key = (f: { ruleId: string; severity: string; file: string; pointer: string }) => `${f.severity} ${f.ruleId} ${f.file}#${f.pointer}`;

describe('bundled demo definitions', () => {
  it('finds every planted flaw in the vulnerable definition, at its exact place and severity', async () => {
    const r = await audit(['examples/vulnerable-api'], { cwd: root });
    expect(r.diagnostics).toEqual([]);
    expect(r.scanned).toEqual(['examples/vulnerable-api/openapi.yaml']);
    const found = new Set(
      r.findings.map((f) =>
        key({
          ruleId: f.ruleId,
          severity: f.severity,
          file: f.location.kind === 'file' ? f.location.file.replace('examples/vulnerable-api/', '') : '',
          pointer: f.location.kind === 'file' ? (f.location.pointer ?? '') : '',
        }),
      ),
    );
    const missing = expected.findings.map(key).filter((k) => !found.has(k));
    expect(missing).toEqual([]);
    const loud = [...found].filter((k) => /^(critical|high|medium) /.test(k));
    const planted = new Set(expected.findings.map(key));
    expect(loud.filter((k) => !planted.has(k))).toEqual([]);
  });

  it('reports nothing at all on the hardened twin', async () => {
    const r = await audit(['examples/hardened-api'], { cwd: root });
    expect(r.diagnostics).toEqual([]);
    expect(r.scanned).toEqual(['examples/hardened-api/openapi.yaml']);
    expect(r.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
