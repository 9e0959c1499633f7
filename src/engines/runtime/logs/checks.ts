/**
 * The checks of `rampart logs`: one per sensitive data kind written into logs (OWASP API8:2023, CWE-532)
 * and one per attack signal. Config `rules:` turns them off or changes their severity by these ids.
 */
import type { CheckMeta, CweId, OwaspId, Severity } from '../../../core/index.ts';
import { NATIONAL_ID_KINDS, type NationalIdKind } from '../national-ids.ts';
import { type AttackKind, type AttackOptions, DEFAULT_ATTACK_OPTIONS } from './attacks.ts';
import type { LogDataKind } from './detect.ts';

const NATIONAL_ID: [string, string, Severity] = [
  'logs-national-id',
  'National id (SSN, NINO, SIN, NIR, DNI/NIE, codice fiscale, BSN, Aadhaar, CPF) written to a log',
  'high',
];

const DATA: Record<LogDataKind, [string, string, Severity]> = {
  card: ['logs-card-number', 'Payment card number written to a log', 'high'],
  iban: ['logs-iban', 'IBAN written to a log', 'medium'],
  email: ['logs-email', 'Email address written to a log', 'low'],
  jwt: ['logs-jwt', 'JWT written to a log', 'high'],
  'us-ssn': NATIONAL_ID,
  ...(Object.fromEntries(NATIONAL_ID_KINDS.map((k) => [k, NATIONAL_ID])) as Record<NationalIdKind, [string, string, Severity]>),
  phone: ['logs-phone', 'Phone number written to a log', 'low'],
  authorization: ['logs-authorization-header', 'Authorization header written to a log', 'high'],
  cookie: ['logs-cookie', 'Cookie written to a log', 'high'],
  'url-password': ['logs-url-password', 'Password in a URL written to a log', 'high'],
  'query-secret': ['logs-query-secret', 'Password or token in a query string or field written to a log', 'high'],
  secret: ['logs-secret', 'Secret (API key, token, private key) written to a log', 'critical'],
};

const ATTACK_OPTIONS: Partial<Record<AttackKind, (keyof AttackOptions)[]>> = {
  'brute-force': ['bruteForceThreshold', 'bruteForceWindowSec'],
  enumeration: ['enumerationThreshold', 'enumerationWindowSec', 'enumerationDenyRatio'],
  'error-spike': ['spikeMinCount', 'spikeFactor'],
};

const ATTACK: Record<AttackKind, [string, string, Severity, OwaspId[], CweId[]]> = {
  'brute-force': ['logs-brute-force', 'Brute force or credential stuffing on a login endpoint', 'high', ['API2:2023'], ['CWE-307']],
  enumeration: ['logs-enumeration', 'One client walking many object ids, mostly denied', 'medium', ['API1:2023'], ['CWE-639']],
  'sql-injection': ['logs-sql-injection', 'SQL injection payload in a request', 'medium', ['API8:2023'], ['CWE-89']],
  xss: ['logs-xss', 'Cross-site scripting payload in a request', 'medium', ['API8:2023'], ['CWE-79']],
  'path-traversal': ['logs-path-traversal', 'Path traversal payload in a request', 'medium', ['API8:2023'], ['CWE-22']],
  'command-injection': ['logs-command-injection', 'OS command injection payload in a request', 'medium', ['API8:2023'], ['CWE-78']],
  ssrf: ['logs-ssrf', 'Server-side request forgery payload in a request', 'medium', ['API7:2023'], ['CWE-918']],
  scanner: ['logs-scanner', 'Vulnerability scanner or probing of well-known files', 'low', ['API8:2023'], ['CWE-200']],
  'error-spike': ['logs-error-spike', 'Spike of 401/403/429/5xx responses', 'medium', ['API4:2023'], ['CWE-770']],
};

export type LogCheckId = string;

export function ruleForData(kind: LogDataKind): LogCheckId {
  return DATA[kind][0];
}

export function ruleForAttack(kind: AttackKind): LogCheckId {
  return ATTACK[kind][0];
}

export const LOG_CHECKS: CheckMeta[] = [
  ...[...new Map(Object.values(DATA).map((d) => [d[0], d])).values()].map(
    ([id, title, severity]): CheckMeta => ({
      id,
      stage: 'runtime',
      title,
      severity,
      confidence: 'medium',
      owasp: ['API8:2023'],
      cwe: ['CWE-532'],
      messages: { found: '{{what}} in {{source}}: {{count}} time(s), {{where}}' },
      docs: {
        description: `${title}: found in a log line, validated where the kind has a checksum or structure, with context words raising confidence.`,
        attack:
          'Logs are copied to aggregators, tickets and laptops and kept for years; whoever reads them gets the data or the credential.',
        fix: 'Stop logging the value (log an id or a hash), mask it at the logger, rotate exposed credentials, and clean stored logs (`rampart logs --redact`).',
      },
    }),
  ),
  ...(Object.entries(ATTACK) as [AttackKind, (typeof ATTACK)[AttackKind]][]).map(
    ([kind, [id, title, severity, owasp, cwe]]): CheckMeta => ({
      id,
      defaultOptions: Object.fromEntries((ATTACK_OPTIONS[kind] ?? []).map((k) => [k, DEFAULT_ATTACK_OPTIONS[k]])),
      stage: 'runtime',
      title,
      severity,
      confidence: 'medium',
      owasp,
      cwe,
      messages: { found: `${title} by {{what}} in {{source}}: {{count}} time(s), {{where}}; first: {{example}}` },
      docs: {
        description: `${title}, seen in access-log lines over sliding windows keyed by client.`,
        attack: 'Attackers probe APIs long before they break in; the access log shows it first.',
        fix: 'Rate-limit and lock out per client and account, block the source, and verify the targeted endpoints are not vulnerable.',
      },
    }),
  ),
];

/** Attack thresholds from the config's options of the attack checks (`rules: {logs-brute-force: {options: ...}}`). */
export function attackOptionsFrom(optionsOf: (id: string) => Record<string, unknown> | undefined): Partial<AttackOptions> {
  const out: Record<string, unknown> = {};
  for (const [id] of Object.values(ATTACK)) Object.assign(out, optionsOf(id) ?? {});
  return out as Partial<AttackOptions>;
}
