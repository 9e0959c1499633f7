import type { Diagnostic, Finding, RunResult } from '../core/index.ts';
import { cmp, compareByPlace, lineOf, owaspLabel, positionOf, type RuleInfo, rulesOf, sourceOf, visible } from './shared.ts';

/** Suite that holds input problems not tied to a check (unreadable files, bad YAML). */
export const INPUTS_SUITE = 'rampart.inputs';

/**
 * JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps, GitHub test-report actions).
 *
 * One testsuite per check: a check is the test, each of its findings is a failing testcase (message,
 * file:line:col, why and how to fix), and a check with no findings is one passing testcase, so "12 tests,
 * 3 failed" reads as "12 checks ran, 3 found problems". Grouping by rule rather than by file keeps the
 * passing count meaningful without a checks × files matrix of empty testcases, and lets a CI view show which
 * security controls fail; the file stays visible in each testcase's name and `file`/`line` attributes.
 * Problems with the inputs or a check (diagnostics) are `<error>` testcases: in the failing check's suite
 * when a check threw, else in the `rampart.inputs` suite.
 */
export function renderJunit(result: RunResult): string {
  const rules = rulesOf(result);
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const diagByRule = new Map<string, Diagnostic[]>();
  const inputDiags: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.ruleId) {
      const list = diagByRule.get(d.ruleId);
      if (list) list.push(d);
      else diagByRule.set(d.ruleId, [d]);
    } else inputDiags.push(d);
  }

  const timestamp = result.startedAt.replace(/\.\d+Z$|Z$/, '');
  const suites: Suite[] = [];
  const ids = new Set([...rules.keys(), ...diagByRule.keys()]);
  for (const id of [...ids].sort(cmp)) {
    const rule = rules.get(id);
    const findings = (byRule.get(id) ?? []).sort(compareByPlace);
    const diags = diagByRule.get(id) ?? [];
    const cases: string[] = findings.map((f) => findingCase(f, rule));
    for (const d of diags) cases.push(diagnosticCase(d, id));
    if (!findings.length && !diags.length) cases.push(`    <testcase classname="${attr(id)}" name="no findings" time="0"/>`);
    suites.push({
      name: id,
      tests: cases.length,
      failures: findings.length,
      errors: diags.length,
      properties: rule ? ruleProperties(rule) : [],
      cases,
    });
  }
  if (inputDiags.length) {
    suites.push({
      name: INPUTS_SUITE,
      tests: inputDiags.length,
      failures: 0,
      errors: inputDiags.length,
      properties: [],
      cases: inputDiags.map((d) => diagnosticCase(d, INPUTS_SUITE)),
    });
  }

  const total = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${attr(`rampart ${result.command}`)}" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="0" time="${seconds(result.durationMs)}" timestamp="${attr(timestamp)}">`,
  );
  for (const s of suites) {
    out.push(
      `  <testsuite name="${attr(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="0" time="0" timestamp="${attr(timestamp)}">`,
    );
    if (s.properties.length) {
      out.push('    <properties>');
      for (const [k, v] of s.properties) out.push(`      <property name="${attr(k)}" value="${attr(v)}"/>`);
      out.push('    </properties>');
    }
    out.push(...s.cases);
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  properties: [string, string][];
  cases: string[];
}

function ruleProperties(rule: RuleInfo): [string, string][] {
  const p: [string, string][] = [
    ['title', rule.title],
    ['severity', rule.severity],
    ['confidence', rule.confidence],
  ];
  if (rule.owasp.length) p.push(['owasp', rule.owasp.join(', ')]);
  if (rule.cwe.length) p.push(['cwe', rule.cwe.join(', ')]);
  return p;
}

function findingCase(f: Finding, rule: RuleInfo | undefined): string {
  const where = place(f);
  const message = visible(f.message);
  const lines = [`${f.severity}: ${message}`, `at ${where}`];
  const loc = f.location;
  if ((loc.kind === 'file' || loc.kind === 'git') && loc.pointer) lines.push(`pointer: ${visible(loc.pointer)}`);
  if (loc.kind === 'http' && loc.url) lines.push(`url: ${visible(loc.url)}`);
  lines.push(
    `rule: ${f.ruleId} (${f.title})${f.owasp.length ? ` · ${f.owasp.map(owaspLabel).join(', ')}` : ''}${f.cwe.length ? ` · ${f.cwe.join(', ')}` : ''}`,
  );
  if (f.evidence?.snippet) lines.push(`evidence: ${visible(f.evidence.snippet)}`);
  if (rule?.docs.attack) lines.push(`why it matters: ${rule.docs.attack}`);
  lines.push(`how to fix: ${rule?.docs.fix || f.remediation}`);
  lines.push(`fingerprint: ${f.fingerprint}`);
  const line = lineOf(loc);
  const fileAttrs = loc.kind === 'file' || loc.kind === 'git' ? ` file="${attr(visible(loc.file))}"${line ? ` line="${line}"` : ''}` : '';
  return [
    `    <testcase classname="${attr(f.ruleId)}" name="${attr(`${where} ${message}`)}"${fileAttrs} time="0">`,
    `      <failure message="${attr(message)}" type="${attr(f.severity)}">${text(lines.join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/** `file:line:col`, `GET /users/{id}` or `source:line`, made safe for one line. */
function place(f: Finding): string {
  const loc = f.location;
  if (loc.kind === 'http') return visible(positionOf(loc));
  if (loc.kind === 'log') return visible(`${loc.source}:${loc.line}`);
  return `${visible(sourceOf(loc))}:${positionOf(loc)}`;
}

function diagnosticCase(d: Diagnostic, classname: string): string {
  const where = d.file ? `${visible(d.file)}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '';
  const message = visible(d.message);
  const name = d.ruleId ? `check failed${where ? ` on ${where}` : ''}` : where || 'run';
  const body = `${d.level}: ${message}${where ? `\nat ${where}` : ''}${d.ruleId ? `\ncheck: ${visible(d.ruleId)}` : ''}`;
  const fileAttrs = d.file ? ` file="${attr(visible(d.file))}"${d.line ? ` line="${d.line}"` : ''}` : '';
  return [
    `    <testcase classname="${attr(classname)}" name="${attr(name)}"${fileAttrs} time="0">`,
    `      <error message="${attr(message)}" type="${attr(d.level)}">${text(body)}</error>`,
    '    </testcase>',
  ].join('\n');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * Characters XML 1.0 cannot carry at all, not even as character references: C0 controls other than tab,
 * line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. They become a visible `\uXXXX`.
 */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function legal(s: string): string {
  return s.replace(XML_INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes character data. */
export function text(s: string): string {
  return legal(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted); tabs and line breaks survive attribute normalization. */
export function attr(s: string): string {
  return legal(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
