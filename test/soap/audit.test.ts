/** `rampart audit` on WSDL files: discovery, positions, bad input and XML bombs. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readWsdl } from '../../src/engines/soap/audit.ts';
import { rampart as run } from '../cli/helpers.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const rampart = (argv: string[], cwd = FIXTURES) => run(argv, { cwd });

describe('rampart audit on WSDL', () => {
  it('rejects an XML bomb WSDL at its DOCTYPE with one diagnostic, never expanding it', async () => {
    const r = await rampart(['audit', 'bomb.wsdl', '--format', 'json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as {
      diagnostics: { file: string; line: number; column: number; message: string }[];
      findings: unknown[];
    };
    expect(report.findings).toEqual([]);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ file: 'bomb.wsdl', line: 2, column: 1 });
    expect(report.diagnostics[0]?.message).toContain('declares entities; Rampart never expands them');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names file, line and column of malformed XML, and of a root that is not WSDL', () => {
    const broken = readWsdl(
      '<?xml version="1.0"?>\n<definitions xmlns="http://schemas.xmlsoap.org/wsdl/">\n  <portType>\n</definitions>\n',
      'x.wsdl',
    );
    expect(broken.diagnostic).toMatchObject({ level: 'error', file: 'x.wsdl', line: 4 });
    expect(broken.diagnostic?.message).toMatch(/^invalid XML: /);
    const other = readWsdl('<?xml version="1.0"?>\n\n  <project xmlns="urn:pom"/>', 'y.wsdl');
    expect(other.diagnostic).toMatchObject({ line: 3, column: 3 });
    expect(other.diagnostic?.message).toContain('not a WSDL document: the root element is <project>');
  });

  it('reads a WSDL whose DOCTYPE declares no entity, and rejects one whose internal subset does', () => {
    const plain = readWsdl(
      '<?xml version="1.0"?>\n<!DOCTYPE definitions>\n<!-- no <!ENTITY here -->\n<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"/>',
      'plain.wsdl',
    );
    expect(plain.diagnostic).toBeUndefined();
    expect(plain.wsdl?.version).toBe('1.1');
    const xxe = readWsdl('<!DOCTYPE d [\n <!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>', 'xxe.wsdl');
    expect(xxe.diagnostic).toMatchObject({ line: 1, column: 1 });
    // An entity reference without a declaration is an XML error, never a lookup.
    const undeclared = readWsdl('<definitions xmlns="http://schemas.xmlsoap.org/wsdl/">&x;</definitions>', 'u.wsdl');
    expect(undeclared.diagnostic?.message).toMatch(/^invalid XML: .*entity/);
  });

  it('audits .wsdl files and .xml files whose root is a WSDL in a directory, skips other XML, goes on after a bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-wsdl-'));
    dirs.push(dir);
    for (const f of ['broken.wsdl', 'pom.xml', 'payroll.xml']) cpSync(join(FIXTURES, f), join(dir, 'specs', f));
    const r = await rampart(['audit', '.', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; location: { file: string; startLine: number; startColumn: number } }[];
      diagnostics: { file: string; line: number; message: string }[];
      scanned: string[];
      skipped: { file: string }[];
    };
    expect(report.scanned).toEqual(['specs/payroll.xml']);
    expect(report.skipped.map((s) => s.file)).toEqual(['specs/pom.xml']);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(['specs/broken.wsdl:5']);
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}:${f.location.startColumn}`).sort()).toEqual([
      'soap-cleartext-endpoint specs/payroll.xml:30:54',
      'soap-cleartext-endpoint specs/payroll.xml:31:58',
      'soap-password-text-over-http specs/payroll.xml:11:9',
      'soap-password-text-over-http specs/payroll.xml:18:38',
    ]);
    expect(r.code).toBe(1);
  });

  it('honours rule settings and --rule for WSDL checks', async () => {
    const r = await rampart(['audit', 'payroll.xml', '--rule', 'soap-cleartext-endpoint', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(new Set(['soap-cleartext-endpoint']));
  });
});
