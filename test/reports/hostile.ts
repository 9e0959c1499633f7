import type { CheckMeta, Finding, RunResult } from '../../src/core/index.ts';
import { fingerprintOf } from '../../src/core/index.ts';
import { adminAnonymous, finding, makeResult, meta, unboundedString } from '../../src/reporters/testing.ts';

/** Strings an attacker controls in real findings: a response body, a file name, a header value. */
export const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_SCRIPT = '</script><script>window.__pwned=1</script>';
export const HOSTILE = `${HOSTILE_IMG}${HOSTILE_SCRIPT}'"&\u202egnp.exe`;

const bolaMeta: CheckMeta = {
  id: 'bola',
  stage: 'probe',
  title: "A user can read another user's object",
  severity: 'high',
  confidence: 'high',
  owasp: ['API1:2023'],
  cwe: ['CWE-639'],
  messages: {},
  docs: {
    description: 'Reads objects of one identity with the credentials of another.',
    attack: 'Any signed-in user reads anyone’s data by changing the id in the URL.',
    fix: 'Load objects by id `AND` owner; answer 404 otherwise.',
  },
};

function httpFinding(ruleId: string, severity: Finding['severity'], path: string, extra: Partial<Finding> = {}): Finding {
  const location = { kind: 'http' as const, method: 'GET', path, url: `http://127.0.0.1:8080${path}` };
  return {
    ruleId,
    stage: 'probe',
    severity,
    confidence: 'high',
    title: bolaMeta.title,
    message: `bob read alice's object with GET ${path}.`,
    owasp: ['API1:2023'],
    cwe: ['CWE-639'],
    location,
    remediation: 'Check that the object belongs to the caller.',
    fingerprint: fingerprintOf(ruleId, location, path),
    ...extra,
  };
}

/**
 * A run with findings of every stage and several severities, hostile strings in every field a finding
 * carries (title, message, path, snippet, request, response, curl, identities). Counts: 1 critical,
 * 2 high, 1 medium, 3 low; stages: 3 design, 1 secrets, 2 probe, 1 runtime.
 */
export function hostileResult(): RunResult {
  const crit = meta(adminAnonymous);
  const low = meta(unboundedString);
  const secretLoc = {
    kind: 'file' as const,
    file: `config/${HOSTILE_IMG}.env`,
    startLine: 2,
    startColumn: 9,
    endLine: 2,
    endColumn: 49,
  };
  const findings: Finding[] = [
    finding(crit, 'specs/shop.yaml', 9, 5, 'DELETE /admin/users is an admin operation that anyone can call.'),
    finding(low, 'specs/shop.yaml', 16, 11, 'Parameter "q" of GET /search accepts a string of any length.'),
    finding(low, 'specs/legacy.json', 11, 13, `Parameter "${HOSTILE}" accepts a string of any length.`, { evidence: HOSTILE }),
    {
      ruleId: 'aws-access-key-id',
      stage: 'secrets',
      severity: 'high',
      confidence: 'high',
      title: `AWS access key ID ${HOSTILE_SCRIPT}`,
      message: `An AWS access key ID is hard-coded here ${HOSTILE_IMG}.`,
      owasp: ['API8:2023'],
      cwe: ['CWE-798'],
      location: secretLoc,
      evidence: { snippet: `AKIA… (20 chars, sha256:0123456789ab) ${HOSTILE}` },
      remediation: 'Revoke the key, then load it from the environment.',
      fingerprint: fingerprintOf('aws-access-key-id', secretLoc, 'x'),
    },
    httpFinding('bola', 'high', '/api/orders/{id}', {
      evidence: {
        snippet: 'GET /api/orders/4 -> 200',
        request: `GET /api/orders/4?q=${HOSTILE_IMG} HTTP/1.1\nhost: 127.0.0.1:8080\nauthorization: Bearer eyJh…(648 chars)\nx-note: ${HOSTILE_SCRIPT}`,
        response: `HTTP/1.1 200 OK\ncontent-type: text/html\n\n<html><body>${HOSTILE}</body></html>`,
        curl: `curl -i -sS 'http://127.0.0.1:8080/api/orders/4?q=${HOSTILE_IMG}' -H 'authorization: Bearer '"$BOB_TOKEN"`,
        identities: ['alice', `bob${HOSTILE_IMG}`],
      },
    }),
    httpFinding('reflected-xss', 'medium', `/search/${HOSTILE_SCRIPT}`, {
      title: `Reflected ${HOSTILE_SCRIPT}`,
      owasp: ['API8:2023'],
      cwe: ['CWE-79'],
    }),
    {
      ruleId: 'log-sqli-attempt',
      stage: 'runtime',
      severity: 'low',
      confidence: 'medium',
      title: 'SQL injection attempt in the access log',
      message: `A request tried ${HOSTILE_IMG} in a query parameter.`,
      owasp: ['API10:2023'],
      cwe: ['CWE-89'],
      location: { kind: 'log', source: 'logs/access.log', line: 42 },
      evidence: { snippet: `GET /search?q=${HOSTILE}` },
      remediation: 'Use parameterized queries.',
      fingerprint: 'f'.repeat(32),
    },
  ];
  return makeResult({
    command: 'scan',
    checks: [crit, low, bolaMeta],
    findings,
    scanned: ['specs/shop.yaml', 'specs/legacy.json'],
    diagnostics: [{ level: 'warning', message: `cannot parse ${HOSTILE}`, file: `bad/${HOSTILE_IMG}.yaml`, line: 3, column: 1 }],
    skipped: [{ file: `big/${HOSTILE_SCRIPT}.json`, reason: 'larger than 10 MB' }],
  });
}
