import { describe, expect, it } from 'vitest';
import { render } from './index.ts';
import { attr, renderJunit, text } from './junit.ts';
import { adminAnonymous, auditFixtures, diag, finding, makeResult, meta, quiet, unboundedString } from './testing.ts';
import { findAll, parseXml, type XmlElement } from './xml-check.ts';

const low = meta(unboundedString);

describe('junit reporter', () => {
  it('writes one suite per check, a failing testcase per finding, a passing one for a clean check, input errors apart', () => {
    const f = finding(low, 'api.yaml', 12, 11, 'Parameter "q" accepts a string of any length.', {
      pointer: '/paths/~1search/get/parameters/0',
    });
    const result = makeResult({
      checks: [low, meta(quiet)],
      findings: [f],
      diagnostics: [diag({ level: 'error', message: 'invalid YAML: bad indentation', file: 'broken.yaml', line: 3, column: 7 })],
    });
    expect(render('junit', result, {})).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="rampart audit" tests="3" failures="1" errors="1" skipped="0" time="1.234" timestamp="2026-01-02T03:04:05">
  <testsuite name="test-quiet" tests="1" failures="0" errors="0" skipped="0" time="0" timestamp="2026-01-02T03:04:05">
    <properties>
      <property name="title" value="A check that never finds anything"/>
      <property name="severity" value="info"/>
      <property name="confidence" value="high"/>
      <property name="owasp" value="API9:2023"/>
      <property name="cwe" value="CWE-1059"/>
    </properties>
    <testcase classname="test-quiet" name="no findings" time="0"/>
  </testsuite>
  <testsuite name="test-unbounded-string" tests="1" failures="1" errors="0" skipped="0" time="0" timestamp="2026-01-02T03:04:05">
    <properties>
      <property name="title" value="String parameter without a maximum length"/>
      <property name="severity" value="low"/>
      <property name="confidence" value="medium"/>
      <property name="owasp" value="API4:2023"/>
      <property name="cwe" value="CWE-770"/>
    </properties>
    <testcase classname="test-unbounded-string" name="api.yaml:12:11 Parameter &quot;q&quot; accepts a string of any length." file="api.yaml" line="12" time="0">
      <failure message="Parameter &quot;q&quot; accepts a string of any length." type="low">low: Parameter "q" accepts a string of any length.
at api.yaml:12:11
pointer: /paths/~1search/get/parameters/0
rule: test-unbounded-string (String parameter without a maximum length) · API4 Unrestricted Resource Consumption · CWE-770
why it matters: Huge values exhaust memory and CPU in parsers, validators and databases.
how to fix: Give every string parameter a maxLength (or an enum, pattern with bounds, or a bounded format).
fingerprint: ${f.fingerprint}</failure>
    </testcase>
  </testsuite>
  <testsuite name="rampart.inputs" tests="1" failures="0" errors="1" skipped="0" time="0" timestamp="2026-01-02T03:04:05">
    <testcase classname="rampart.inputs" name="broken.yaml:3:7" file="broken.yaml" line="3" time="0">
      <error message="invalid YAML: bad indentation" type="error">error: invalid YAML: bad indentation
at broken.yaml:3:7</error>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('escapes attacker-controlled strings: markup, quotes, control characters, lone surrogates, line breaks', () => {
    const evil = `<script>&"'</script> \u0000\u0001\u0008\u000b\u000c\u001b[31m\u007f \ud800 \ufffe\ttab\r\nnext`;
    const f = finding(low, `dir/<a&b>"'.yaml`, 4, 2, `Parameter "${evil}" accepts a string of any length.`, {
      pointer: `/paths/${evil}`,
      evidence: evil,
    });
    const xml = renderJunit(
      makeResult({ checks: [low], findings: [f], diagnostics: [diag({ level: 'warning', message: evil, file: 'x]]>.yaml' })] }),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting no character XML forbids is written
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/);
    const root = parseXml(xml);
    const [failure] = findAll(root, 'failure');
    const visibleEvil = `<script>&"'</script> \\u0000\\u0001\\u0008\\u000b\\u000c\\u001b[31m\\u007f \\ud800 \\ufffe\\u0009tab\\u000d\\u000anext`;
    expect(failure.attrs.message).toBe(`Parameter "${visibleEvil}" accepts a string of any length.`);
    expect(failure.text).toContain(`evidence: ${visibleEvil}\n`);
    expect(failure.text).toContain(`pointer: /paths/${visibleEvil}\n`);
    const testcase = findAll(root, 'testcase').find((t) => t.children[0]?.name === 'failure') as XmlElement;
    expect(testcase.attrs.file).toBe(`dir/<a&b>"'.yaml`);
    expect(testcase.attrs.name).toBe(`dir/<a&b>"'.yaml:4:2 Parameter "${visibleEvil}" accepts a string of any length.`);
    const [error] = findAll(root, 'error');
    expect(error.attrs.message).toBe(visibleEvil);
    expect(error.attrs.type).toBe('warning');
    expect(error.text).toBe(`warning: ${visibleEvil}\nat x]]>.yaml`);
  });

  it('attribute and text escaping round-trip through a strict XML reader, keeping tabs and line breaks', () => {
    const s = `a\tb\nc\r\nd <&> "q" 'a' ]]> \u0085 \u2028 😀`;
    const root = parseXml(`<r a="${attr(s)}">${text(s)}</r>`);
    expect(root.attrs.a).toBe(s);
    expect(root.text).toBe(s);
    expect(() => parseXml('<r a="x&y"/>')).toThrow();
    expect(() => parseXml('<r>\u0001</r>')).toThrow();
    expect(() => parseXml('<r><s></r>')).toThrow();
  });

  it('a real audit: every check that ran is a suite; counts add up; input errors and crashed checks are errors', async () => {
    const result = await auditFixtures();
    const root = parseXml(renderJunit(result));
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual([
      'http-basic-auth',
      'test-admin-anonymous',
      'test-crashes',
      'test-quiet',
      'test-unbounded-string',
      'rampart.inputs',
    ]);
    const count = (name: string) => suites.map((s) => `${s.attrs.name}:${findAll(s, 'testcase').length}/${findAll(s, name).length}`);
    expect(count('failure')).toEqual([
      'http-basic-auth:2/2',
      'test-admin-anonymous:2/2',
      'test-crashes:2/0',
      'test-quiet:1/0',
      'test-unbounded-string:9/9',
      'rampart.inputs:1/0',
    ]);
    expect(count('error').map((c) => c.split('/')[1])).toEqual(['0', '0', '2', '0', '0', '1']);
    for (const s of suites) {
      expect(Number(s.attrs.tests)).toBe(findAll(s, 'testcase').length);
      expect(Number(s.attrs.failures)).toBe(findAll(s, 'failure').length);
      expect(Number(s.attrs.errors)).toBe(findAll(s, 'error').length);
    }
    expect(root.attrs).toMatchObject({ tests: '17', failures: '13', errors: '3', skipped: '0' });
    expect(findAll(suites[3], 'testcase')[0].attrs).toEqual({ classname: 'test-quiet', name: 'no findings', time: '0' });
    const admin = findAll(suites[1], 'testcase')[0];
    expect(admin.attrs).toEqual({
      classname: 'test-admin-anonymous',
      name: 'specs/legacy.json:9:7 POST /admin/reindex is an admin operation that anyone can call: it has no security requirement.',
      file: 'specs/legacy.json',
      line: '9',
      time: '0',
    });
    expect(admin.children[0].attrs.type).toBe('critical');
    expect(admin.children[0].text).toContain('\nhow to fix: Require an admin-scoped credential on every admin operation.\n');
    const input = findAll(suites[5], 'testcase')[0];
    expect(input.attrs.name).toBe('bad/broken.yaml:8:1');
    expect(input.children[0].attrs.message).toMatch(/^invalid YAML: /);
    const evil = findAll(suites[4], 'failure').find((f) => f.attrs.message.includes('script'));
    expect(evil?.attrs.message).toBe(
      'Parameter "<script>&"\'|`@team #12 www.evil.example \\u001b[31m" of GET /search accepts a string of any length.',
    );
  });

  it('a run with nothing but clean checks is all green', () => {
    const root = parseXml(renderJunit(makeResult({ checks: [low, meta(adminAnonymous)] })));
    expect(root.attrs).toMatchObject({ tests: '2', failures: '0', errors: '0' });
  });
});
