import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, RunResult } from '../core/index.ts';
import { fingerprintOf } from '../core/index.ts';
import { audit } from '../engines/design/engine.ts';
import { render } from './index.ts';
import { artifactOf, buildSarif, FINGERPRINT_KEY, guid, renderSarif, SRCROOT } from './sarif.ts';
import { validateSarif } from './sarif-validator.ts';
import { adminAnonymous, auditFixtures, diag, FIXTURES, finding, makeResult, meta, quiet, unboundedString } from './testing.ts';

describe('sarif reporter over a real audit', () => {
  let result: RunResult;
  let text: string;
  let log: Sarif.Log;
  beforeAll(async () => {
    result = await auditFixtures();
    text = render('sarif', result, {});
    log = JSON.parse(text);
  });

  it('passes the official SARIF validator, including GitHub code scanning rules, with no error or warning', () => {
    expect(result.findings.length).toBe(13);
    expect(result.diagnostics.length).toBe(3);
    const report = validateSarif(text);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('describes every check that ran as a rule, sorted by id, with help, tags and GitHub severity', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('rampart');
    expect(driver.version).toBe(result.tool.version);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules?.map((r) => r.id)).toEqual([
      'http-basic-auth',
      'test-admin-anonymous',
      'test-crashes',
      'test-quiet',
      'test-unbounded-string',
    ]);
    const admin = driver.rules?.[1] as Sarif.ReportingDescriptor;
    expect(admin.name).toBe('TestAdminAnonymous');
    expect(admin.shortDescription?.text).toBe('Admin operation without authentication');
    expect(admin.fullDescription?.text).toBe(adminAnonymous.docs.description);
    expect(admin.help?.text).toContain(`Why it matters: ${adminAnonymous.docs.attack}`);
    expect(admin.help?.text).toContain(`How to fix: ${adminAnonymous.docs.fix}`);
    expect(admin.help?.markdown).toContain(`**How to fix.** ${adminAnonymous.docs.fix}`);
    expect(admin.helpUri).toBe('https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/');
    expect(admin.defaultConfiguration?.level).toBe('error');
    expect(admin.properties).toEqual({
      tags: ['security', 'API5:2023', 'API2:2023', 'CWE-306', 'external/cwe/cwe-306'],
      'security-severity': '9.5',
      precision: 'high',
      severity: 'critical',
      stage: 'design',
    });
    const low = driver.rules?.[4] as Sarif.ReportingDescriptor;
    expect(low.defaultConfiguration?.level).toBe('note');
    expect(low.properties?.['security-severity']).toBe('3.0');
    expect(low.properties?.precision).toBe('medium');
  });

  it('relates rules to the OWASP API Top 10 2023 and CWE taxonomies', () => {
    const run = log.runs[0];
    expect(run.taxonomies?.map((t) => t.name)).toEqual(['OWASP API Security Top 10', 'CWE']);
    const owasp = run.taxonomies?.[0] as Sarif.ToolComponent;
    expect(owasp.taxa?.map((t) => t.id)).toEqual([
      'API1:2023',
      'API2:2023',
      'API3:2023',
      'API4:2023',
      'API5:2023',
      'API6:2023',
      'API7:2023',
      'API8:2023',
      'API9:2023',
      'API10:2023',
    ]);
    expect(new Set(owasp.taxa?.map((t) => t.guid)).size).toBe(10);
    expect(run.taxonomies?.[1].taxa?.map((t) => t.id)).toEqual(['CWE-306', 'CWE-522', 'CWE-770', 'CWE-1059']);
    expect(run.tool.driver.supportedTaxonomies?.map((t) => t.name)).toEqual(['OWASP API Security Top 10', 'CWE']);
    const admin = run.tool.driver.rules?.[1].relationships ?? [];
    expect(admin.map((r) => `${r.target.toolComponent?.name}:${r.target.id}@${r.target.index}`)).toEqual([
      'OWASP API Security Top 10:API5:2023@4',
      'OWASP API Security Top 10:API2:2023@1',
      'CWE:CWE-306@0',
    ]);
    expect(admin[0].target.guid).toBe(owasp.taxa?.[4].guid);
    expect(admin[0].kinds).toEqual(['superset']);
  });

  it('gives each finding one result with rule index, level, region, pointer and fingerprint', () => {
    const results = log.runs[0].results ?? [];
    expect(results.length).toBe(13);
    expect(results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'warning', ...Array(9).fill('note')]);
    const first = results[0];
    expect(first.ruleId).toBe('test-admin-anonymous');
    expect(first.ruleIndex).toBe(1);
    expect(first.message.text).toBe('POST /admin/reindex is an admin operation that anyone can call: it has no security requirement.');
    expect(first.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'specs/legacy.json', uriBaseId: SRCROOT },
          region: { startLine: 9, startColumn: 7, endLine: 9, endColumn: 13 },
        },
        logicalLocations: [{ name: 'post', fullyQualifiedName: '/paths/~1admin~1reindex/post', kind: 'object' }],
      },
    ]);
    const f = result.findings.find(
      (x) => x.ruleId === 'test-admin-anonymous' && x.location.kind === 'file' && x.location.file === 'specs/legacy.json',
    );
    expect(first.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: f?.fingerprint });
    expect(first.properties).toEqual({
      severity: 'critical',
      confidence: 'high',
      owasp: ['API5:2023', 'API2:2023'],
      cwe: ['CWE-306'],
      'security-severity': '9.5',
    });
    for (const r of results) expect(log.runs[0].tool.driver.rules?.[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    expect(new Set(results.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY])).size).toBe(13);
  });

  it('reports input errors and failing checks as execution notifications', () => {
    const inv = log.runs[0].invocations?.[0] as Sarif.Invocation;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications?.length).toBe(3);
    const broken = inv.toolExecutionNotifications?.find(
      (n) => n.locations?.[0].physicalLocation?.artifactLocation?.uri === 'bad/broken.yaml',
    );
    expect(broken?.level).toBe('error');
    expect(broken?.locations?.[0].physicalLocation?.region).toEqual({ startLine: 8, startColumn: 1 });
    const crashed = inv.toolExecutionNotifications?.filter((n) => n.associatedRule?.id === 'test-crashes') ?? [];
    expect(crashed.map((n) => n.associatedRule?.index)).toEqual([2, 2]);
    expect(inv.properties).toEqual({
      command: 'audit',
      scannedFiles: 2,
      skippedFiles: [{ file: 'specs/notes.yaml', reason: expect.stringContaining('not an OpenAPI definition') }],
      suppressed: { inline: 0, baseline: 0, config: 0 },
    });
  });

  it('is deterministic: same bytes for the same result, whatever the order of findings', () => {
    const shuffled = { ...result, findings: [...result.findings].reverse() };
    expect(renderSarif(shuffled)).toBe(text);
    expect(renderSarif(result)).toBe(text);
  });
});

describe('sarif reporter with every registered design check', () => {
  it('passes the official validator over an audit of the fixtures with all checks', async () => {
    const result = await audit(['specs', 'bad/broken.yaml'], { cwd: FIXTURES });
    expect(result.checks.length).toBeGreaterThan(1);
    expect(result.findings.length).toBeGreaterThan(5);
    const text = renderSarif(result, { cwd: FIXTURES });
    const report = validateSarif(text);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    const log = JSON.parse(text) as Sarif.Log;
    expect(log.runs[0].tool.driver.rules?.map((r) => r.id)).toEqual(result.checks.map((c) => c.id).sort());
    expect(log.runs[0].results?.length).toBe(result.findings.length);
  });
});

describe('sarif reporter on hand-made results', () => {
  const http: Finding = {
    ruleId: 'probe-bola',
    stage: 'probe',
    severity: 'high',
    confidence: 'high',
    title: 'Object readable by another user',
    message: "User B read user A's order <script>&\"'\u001b",
    owasp: ['API1:2023'],
    cwe: ['CWE-639'],
    location: { kind: 'http', method: 'get', path: '/users/{id}', url: 'https://api.example.com/users/7' },
    remediation: 'Check ownership on every object access.',
    fingerprint: fingerprintOf('probe-bola', { kind: 'http', method: 'GET', path: '/users/{id}' }),
  };
  const result = makeResult({
    checks: [meta(unboundedString), meta(quiet)],
    findings: [
      finding(meta(unboundedString), 'my specs/api v1.yaml', 3, 5, 'Parameter "q" accepts a string of any length.'),
      finding(meta(unboundedString), '/outside/the repo/api.yaml', 4, 5, 'Parameter "r" accepts a string of any length.'),
      http,
      {
        ...finding(meta(unboundedString), 'x', 1, 1, 'Token in a log line'),
        location: { kind: 'log', source: 'logs/access.log', line: 42 },
      },
      {
        ...finding(meta(unboundedString), 'x', 1, 1, 'Secret in history'),
        location: { kind: 'git', file: 'config/app.yaml', startLine: 2, startColumn: 3, endLine: 2, endColumn: 9, commit: 'a'.repeat(40) },
      },
    ],
    diagnostics: [
      diag({ level: 'warning', message: 'unresolved $ref "#/nope"', file: 'my specs/api v1.yaml', line: 7, column: 9 }),
      diag({ level: 'note', message: 'no file' }),
    ],
  });
  const log = buildSarif(result, { cwd: '/work/repo' });
  const results = log.runs[0].results ?? [];

  it('puts HTTP findings in logical locations, rebuilds unknown rules from the finding', () => {
    const r = results.find((x) => x.ruleId === 'probe-bola');
    expect(r?.level).toBe('error');
    expect(r?.locations).toEqual([
      { logicalLocations: [{ name: 'GET /users/{id}', fullyQualifiedName: 'GET /users/{id}', kind: 'function' }] },
    ]);
    expect(r?.properties?.url).toBe('https://api.example.com/users/7');
    expect(r?.message.text).toBe(http.message);
    const rule = log.runs[0].tool.driver.rules?.find((x) => x.id === 'probe-bola');
    expect(rule?.shortDescription?.text).toBe('Object readable by another user');
    expect(rule?.help?.text).toContain('How to fix: Check ownership on every object access.');
    expect(log.runs[0].tool.driver.rules?.map((x) => x.id)).toEqual(['probe-bola', 'test-quiet', 'test-unbounded-string']);
  });

  it('percent-encodes relative paths under %SRCROOT% and turns absolute ones into file URIs', () => {
    const uris = results.map((r) => r.locations?.[0].physicalLocation?.artifactLocation);
    expect(uris).toContainEqual({ uri: 'my%20specs/api%20v1.yaml', uriBaseId: SRCROOT });
    expect(uris).toContainEqual({ uri: 'file:///outside/the%20repo/api.yaml' });
    expect(uris).toContainEqual({ uri: 'logs/access.log', uriBaseId: SRCROOT });
    expect(log.runs[0].originalUriBaseIds).toEqual({ [SRCROOT]: { uri: 'file:///work/repo/' } });
    expect(buildSarif(result).runs[0].originalUriBaseIds).toBeUndefined();
    expect(artifactOf('C:\\specs\\a b.yaml')).toEqual({ uri: 'file:///C:/specs/a%20b.yaml' });
    expect(artifactOf('../x#1.yaml')).toEqual({ uri: '../x%231.yaml', uriBaseId: SRCROOT });
  });

  it('keeps git commits and log lines', () => {
    const git = results.find((r) => r.message.text === 'Secret in history');
    expect(git?.properties?.commit).toBe('a'.repeat(40));
    expect(git?.locations?.[0].physicalLocation?.region).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 });
    const logLine = results.find((r) => r.message.text === 'Token in a log line');
    expect(logLine?.locations?.[0].physicalLocation?.region).toEqual({ startLine: 42 });
  });

  it('a run with warnings only is successful; notifications keep their level and place', () => {
    const inv = log.runs[0].invocations?.[0];
    expect(inv?.executionSuccessful).toBe(true);
    expect(inv?.startTimeUtc).toBe('2026-01-02T03:04:05.000Z');
    expect(inv?.endTimeUtc).toBe('2026-01-02T03:04:06.234Z');
    expect(inv?.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'unresolved $ref "#/nope"' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'my%20specs/api%20v1.yaml', uriBaseId: SRCROOT },
              region: { startLine: 7, startColumn: 9 },
            },
          },
        ],
      },
      { level: 'note', message: { text: 'no file' } },
    ]);
  });

  it('passes the official validator with HTTP, git and log locations, odd paths and a base directory', () => {
    const report = validateSarif(renderSarif(result, { cwd: '/work/repo' }));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('an empty run is valid SARIF too', () => {
    const text = renderSarif(makeResult());
    expect(validateSarif(text)).toMatchObject({ errors: [], warnings: [] });
    const parsed = JSON.parse(text) as Sarif.Log;
    expect(parsed.runs[0].results).toEqual([]);
    expect(parsed.runs[0].taxonomies?.map((t) => t.name)).toEqual(['OWASP API Security Top 10']);
  });

  it('the validator harness does catch invalid SARIF (negative control)', () => {
    const bad = buildSarif(result);
    const target = bad.runs[0].results?.find((r) => r.locations?.[0].physicalLocation?.region?.endLine) as Sarif.Result;
    (target.locations?.[0].physicalLocation?.region as Sarif.Region).startLine = 0;
    (target as unknown as Record<string, unknown>).unknownProperty = 1;
    const report = validateSarif(JSON.stringify(bad));
    expect(report.errors.some((e) => e.startsWith('JSON1008'))).toBe(true);
    expect(report.errors.some((e) => e.startsWith('JSON1005'))).toBe(true);
  });

  it('derives stable GUIDs in UUID layout', () => {
    expect(guid('x')).toBe(guid('x'));
    expect(guid('x')).not.toBe(guid('y'));
    expect(guid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
