import { describe, expect, it } from 'vitest';
import type { RunResult } from '../core/index.ts';
import { firstSentence, renderConsole } from './console.ts';
import { render } from './index.ts';
import { adminAnonymous, auditFixtures, diag, finding, makeResult, meta, quiet, unboundedString } from './testing.ts';

const low = meta(unboundedString);
const crit = meta(adminAnonymous);

function handResult(): RunResult {
  return makeResult({
    checks: [low, crit, meta(quiet)],
    findings: [
      finding(crit, 'api.yaml', 9, 5, 'DELETE /admin/users is an admin operation that anyone can call: it has no security requirement.'),
      ...[12, 16, 20, 24, 28, 32, 36, 120].map((l) =>
        finding(low, 'api.yaml', l, 11, `Parameter "p${l}" of GET /search accepts a string of any length.`),
      ),
      finding(low, 'other/v2.json', 7, 3, 'Parameter "q" of GET /x accepts a string of any length.', { severity: 'medium' }),
    ],
    diagnostics: [
      diag({ level: 'error', message: 'invalid YAML: bad indentation', file: 'broken.yaml', line: 3, column: 7 }),
      diag({
        level: 'warning',
        message: 'check "test-crashes" failed on this file and was skipped: boom',
        file: 'api.yaml',
        ruleId: 'test-crashes',
      }),
    ],
    scanned: ['api.yaml', 'other/v2.json'],
    skipped: [{ file: 'notes.yaml', reason: 'not an OpenAPI definition' }],
    suppressed: { inline: 2, baseline: 1, config: 1 },
  });
}

const EXPECTED = `api.yaml
  critical Admin operation without authentication [test-admin-anonymous]  API5 Broken Function Level Authorization · API2 Broken Authentication · CWE-306
    Why: Anyone who finds the URL can run administrative functions: no credentials are needed.
    Fix: Require an admin-scoped credential on every admin operation.
    critical  9:5  DELETE /admin/users is an admin operation that anyone can call: it has no security requirement.  test-admin-anonymous

  low String parameter without a maximum length [test-unbounded-string]  API4 Unrestricted Resource Consumption · CWE-770
    Why: Huge values exhaust memory and CPU in parsers, validators and databases.
    Fix: Give every string parameter a maxLength (or an enum, pattern with bounds, or a bounded format).
    low       12:11  Parameter "p12" of GET /search accepts a string of any length.  test-unbounded-string
    low       16:11  Parameter "p16" of GET /search accepts a string of any length.  test-unbounded-string
    low       20:11  Parameter "p20" of GET /search accepts a string of any length.  test-unbounded-string
    low       24:11  Parameter "p24" of GET /search accepts a string of any length.  test-unbounded-string
    low       28:11  Parameter "p28" of GET /search accepts a string of any length.  test-unbounded-string
    … and 3 more places (lines 32, 36, 120)

other/v2.json
  medium String parameter without a maximum length [test-unbounded-string]  API4 Unrestricted Resource Consumption · CWE-770
    Why: Huge values exhaust memory and CPU in parsers, validators and databases.
    Fix: Give every string parameter a maxLength (or an enum, pattern with bounds, or a bounded format).
    medium    7:3  Parameter "q" of GET /x accepts a string of any length.  test-unbounded-string

Problems with the inputs or checks (2)
  error    broken.yaml:3:7  invalid YAML: bad indentation
  warning  api.yaml  check "test-crashes" failed on this file and was skipped: boom  [test-crashes]

✖ 10 findings: 1 critical, 1 medium, 8 low
  OWASP API Top 10: API2 Broken Authentication: 1 · API4 Unrestricted Resource Consumption: 9 · API5 Broken Function Level Authorization: 1
  2 files scanned, 1 skipped (--verbose lists them) · 3 suppressed (2 inline, 1 by the baseline) · 1 check turned off by config · 1 error · 1 warning · 1.2 s
`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;

describe('console reporter', () => {
  it('groups by file then rule, explains each rule once, folds repeated places, lists problems and sums up', () => {
    expect(render('console', handResult(), {})).toBe(EXPECTED);
  });

  it('colours only when asked; the coloured text is the plain text plus ANSI codes', () => {
    const plain = renderConsole(handResult(), { color: false });
    expect(plain).not.toContain('\u001b');
    const coloured = renderConsole(handResult(), { color: true });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(ANSI, '')).toBe(plain);
  });

  it('verbose lists every place with its pointer and evidence, and the skipped files with reasons', () => {
    const r = handResult();
    r.findings[1].evidence = { snippet: 'type: string' };
    const out = renderConsole(r, { verbose: true });
    expect(out).not.toContain('more places');
    expect(out).toContain('    low       120:11  Parameter "p120" of GET /search accepts a string of any length.  test-unbounded-string\n');
    expect(out).toContain('                      at /x/12 · evidence: type: string\n');
    expect(out).toContain('Skipped files (1)\n  notes.yaml  not an OpenAPI definition\n');
    expect(out).toContain('  2 files scanned, 1 skipped · 3 suppressed');
    expect(renderConsole(r, {})).not.toContain('notes.yaml');
  });

  it('hundreds of repeated findings read as one problem with many places', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      finding(low, 'big.yaml', 10 + i * 2, 7, `Parameter "p${i}" accepts a string of any length.`),
    );
    const out = renderConsole(makeResult({ checks: [low], findings: many, scanned: ['big.yaml'] }), {});
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('    low ')).length).toBe(5);
    const more = lines.find((l) => l.includes('more places'));
    expect(more).toBe(`    … and 295 more places (lines ${Array.from({ length: 20 }, (_, i) => 20 + i * 2).join(', ')}, …)`);
    expect(lines.length).toBeLessThan(20);
    expect(out).toContain('✖ 300 findings: 300 low\n');
  });

  it('makes control characters and bidi overrides in attacker-controlled strings visible instead of executing them', () => {
    const evil = finding(low, 'evil\u001b]8;;http://x\u0007.yaml', 1, 1, 'Parameter "\u001b[2J\u202eabc\r\nfake: line" is unbounded.');
    const out = renderConsole(
      makeResult({ checks: [low], findings: [evil], diagnostics: [diag({ level: 'error', message: 'bad \u001b[31m' })] }),
      {
        color: false,
      },
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting no raw control character survives
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(out).toContain('evil\\u001b]8;;http://x\\u0007.yaml');
    expect(out).toContain('Parameter "\\u001b[2J\\u202eabc\\u000d\\u000afake: line" is unbounded.');
    expect(out).toContain('error    bad \\u001b[31m');
  });

  it('says why in one line (the first sentence of the attack); verbose gives the whole text', () => {
    const wordy = {
      ...low,
      docs: { ...low.docs, attack: 'Huge values exhaust memory, e.g. in parsers. Validators slow down too.\nAnd logs fill up.' },
    };
    const r = makeResult({ checks: [wordy], findings: [finding(wordy, 'a.yaml', 1, 1, 'm')] });
    expect(renderConsole(r, {})).toContain('    Why: Huge values exhaust memory, e.g. in parsers.\n');
    expect(renderConsole(r, { verbose: true })).toContain(
      '    Why: Huge values exhaust memory, e.g. in parsers. Validators slow down too. And logs fill up.\n',
    );
    expect(firstSentence('Serve over TLS 1.2+ only. Then redirect.')).toBe('Serve over TLS 1.2+ only.');
    expect(firstSentence('No full stop')).toBe('No full stop');
  });

  it('lists the first 20 problems, all of them when verbose', () => {
    const diagnostics = Array.from({ length: 25 }, (_, i) =>
      diag({ level: 'error', message: `bad ${i}`, file: `f${i}.yaml`, line: 1, column: 1 }),
    );
    const out = renderConsole(makeResult({ diagnostics }), {});
    expect(out).toContain('Problems with the inputs or checks (25)\n');
    expect(out).toContain('  error    f19.yaml:1:1  bad 19\n  … and 5 more (--verbose lists them)\n');
    expect(out).not.toContain('f20.yaml');
    expect(renderConsole(makeResult({ diagnostics }), { verbose: true })).toContain('  error    f24.yaml:1:1  bad 24\n');
  });

  it('says so when there is nothing to report', () => {
    const out = renderConsole(makeResult({ checks: [low], scanned: ['a.yaml'], durationMs: 42 }), {});
    expect(out).toBe('✔ No findings\n  1 file scanned · 42 ms\n');
  });

  it('shows HTTP and log locations by method and path or line', () => {
    const base = finding(low, 'x', 1, 1, 'm');
    const r = makeResult({
      checks: [low],
      findings: [
        {
          ...base,
          message: 'B reads A',
          location: { kind: 'http', method: 'get', path: '/users/{id}', url: 'https://api.example.com/users/1' },
        },
        { ...base, message: 'token logged', location: { kind: 'log', source: 'logs/app.log', line: 12 } },
      ],
    });
    const out = renderConsole(r, {});
    expect(out).toContain('https://api.example.com\n');
    expect(out).toContain('    low       GET /users/{id}  B reads A  test-unbounded-string\n');
    expect(out).toContain('logs/app.log\n');
    expect(out).toContain('    low       line 12  token logged  test-unbounded-string\n');
  });

  it('renders a real audit: both files, folded repeats, input and check errors with positions, OWASP counts', async () => {
    const out = renderConsole(await auditFixtures(), {});
    const files = out.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('✖') && !l.startsWith('Problems'));
    expect(files).toEqual(['specs/legacy.json', 'specs/shop.yaml']);
    expect(out).toContain(
      '    critical  9:7  POST /admin/reindex is an admin operation that anyone can call: it has no security requirement.  test-admin-anonymous\n',
    );
    expect(out).toContain(
      '    medium    59:5  Security scheme "basicAuth" uses HTTP Basic: every request carries the password, only base64-encoded.  http-basic-auth\n',
    );
    expect(out).toContain('    … and 3 more places (lines 37, 41, 45)\n');
    expect(out).toContain('  error    bad/broken.yaml:8:1  invalid YAML: ');
    expect(out).toContain(
      '  error    specs/shop.yaml  check "test-crashes" failed on this file and was skipped: boom <script>  [test-crashes]\n',
    );
    expect(out).toContain('✖ 13 findings: 2 critical, 2 medium, 9 low\n');
    expect(out).toContain(
      '  OWASP API Top 10: API2 Broken Authentication: 4 · API4 Unrestricted Resource Consumption: 9 · API5 Broken Function Level Authorization: 2\n',
    );
    expect(out).toMatch(/ {2}2 files scanned, 1 skipped \(--verbose lists them\) · 3 errors · \d+ ms\n$/);
    const verbose = renderConsole(await auditFixtures(), { verbose: true });
    expect(verbose).toContain(
      'Parameter "<script>&"\'|`@team #12 www.evil.example \\u001b[31m" of GET /search accepts a string of any length.',
    );
    expect(verbose).toContain('  specs/notes.yaml  not an OpenAPI definition');
  });
});

describe('the run line', () => {
  it('counts what a probe read as definitions, and what a scan read as files', () => {
    const scanned = ['http://127.0.0.1:8080/', 'api/openapi.yaml', 'src/app.ts', 'README.md'];
    expect(renderConsole(makeResult({ command: 'probe', scanned }), {})).toContain('probed http://127.0.0.1:8080/ (3 definitions)');
    expect(renderConsole(makeResult({ command: 'scan', scanned }), {})).toContain('probed http://127.0.0.1:8080/ (3 files)');
  });
});
