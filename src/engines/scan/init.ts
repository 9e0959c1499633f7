/**
 * `rampart init`: a commented starting rampart.config.yaml from what discovery found. Everything it
 * found is written as live keys; everything else as commented examples, so the file documents itself.
 */
import { relative, sep } from 'node:path';
import type { ProjectFiles } from './discover.ts';

/** YAML-safe scalar: plain when it cannot be misread, else single-quoted. */
function scalar(s: string): string {
  return /^[\w./-]+$/.test(s) && !/^[-.]/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

function list(key: string, items: string[], comment: string[]): string[] {
  const out = comment.map((c) => `# ${c}`);
  out.push(`${key}:`, ...items.map((i) => `  - ${scalar(i)}`));
  return out;
}

function commented(lines: string[]): string[] {
  return lines.map((l) => `# ${l}`);
}

/** The text of a starting config for the project `files` describes (paths relative to its directory). */
export function initConfig(files: ProjectFiles): string {
  const rel = (abs: string) => relative(files.dir, abs).split(sep).join('/');
  const definitions = [...files.openapi, ...files.otherDefinitions.map((d) => d.file)].map(rel).sort();
  const collections = files.collections.map(rel);
  const environments = files.environments.map(rel);
  const out: string[] = [
    '# Rampart configuration, written by `rampart init` from what it found here. Every key is optional.',
    '# `rampart scan` reads it from the directory it scans; the other commands from the working directory.',
    '',
    '# Lowest severity that fails the run (exit code 1): critical, high, medium, low, info or none.',
    'failOn: high',
    '',
  ];
  if (definitions.length) {
    out.push(
      ...list('definitions', definitions, [
        'API definitions to audit (globs, relative to this file). Delete the key to audit every definition found.',
      ]),
    );
  } else {
    out.push(
      '# API definitions to audit (none found; by default every OpenAPI, GraphQL, .proto, AsyncAPI and WSDL file is):',
      ...commented(['definitions:', '  - api/openapi.yaml']),
    );
  }
  out.push('');

  const openapi = files.openapi.map(rel);
  out.push(
    '# The running API to probe (a test deployment, never production): a URL, or a mapping naming the',
    '# description to probe from (openapi, or postman + environment, or har). `--target URL` overrides it.',
    ...commented([
      'target:',
      '  url: http://127.0.0.1:8080',
      openapi.length
        ? `  openapi: ${scalar(openapi[0])}`
        : collections.length
          ? `  postman: ${scalar(collections[0])}`
          : '  openapi: openapi.yaml',
      ...(!openapi.length && environments.length ? [`  environment: ${scalar(environments[0])}`] : []),
    ]),
    '',
    `# Who the probe acts as: two users of the same role (BOLA) and an admin (BFLA). \${NAME} reads the`,
    '# environment, so no credential is written here.',
    ...commented([
      'probe:',
      '  identities:',
      `    - { name: alice, role: user, bearer: "\${ALICE_TOKEN}" }`,
      `    - { name: bob, role: user, bearer: "\${BOB_TOKEN}" }`,
      `    - { name: admin, role: admin, admin: true, bearer: "\${ADMIN_TOKEN}" }`,
      '  exclude: [/admin/**]      # path templates never sent',
      '  budget: 5000              # requests per run at most',
    ]),
    '',
    '# Live endpoints of other protocols to probe:',
    ...commented([
      'targets:',
      '  graphql: http://127.0.0.1:4000/graphql',
      '  grpc: 127.0.0.1:50051',
      '  websocket: ws://127.0.0.1:8080/socket',
      '  wsdl: service.wsdl',
    ]),
    '',
  );
  if (collections.length || environments.length) {
    out.push(
      '# Postman files found (their secrets are scanned; a collection can be the probe description):',
      ...[...collections, ...environments].map((f) => `#   ${f}`),
      '',
    );
  }
  const har = files.har.map(rel);
  const trafficComment = ['Captured traffic (HAR, access logs, OTLP/JSON traces) for the endpoint inventory: shadow and zombie endpoints.'];
  if (har.length) out.push(...list('traffic', har, trafficComment));
  else out.push(...trafficComment.map((c) => `# ${c}`), ...commented(['traffic:', '  - captures/*.har', '  - logs/access.log']));
  out.push('');
  const logs = files.logs.map(rel);
  const logsComment = ['Log files to check for sensitive data (tokens, card numbers, emails) and attack signals.'];
  if (logs.length) out.push(...list('logs', logs, logsComment));
  else out.push(...logsComment.map((c) => `# ${c}`), ...commented(['logs:', '  - logs/app.log']));
  out.push('');
  out.push(
    '# With gitHistory, every commit is scanned for secrets too (a deleted secret is still in history);',
    '# with record, every scan is kept in the findings history, .rampart/history.db (`rampart history`).',
    'scan:',
    `  gitHistory: ${files.gitRoot ? 'true' : 'false'}`,
    '  record: true',
    '',
    '# Paths never scanned (globs, relative to this file):',
    ...commented(['exclude:', '  - vendor/**']),
    '',
    '# Files whose secrets are fake on purpose (test fixtures), and values never reported:',
    ...commented(['secrets:', '  allowPaths:', '    - test/fixtures/**', '  allowValues:', "    - '^AKIAIOSFODNN7EXAMPLE$'"]),
    '',
    '# Findings accepted for now: `rampart baseline create` / `rampart secrets --write-baseline` write it.',
    ...commented(['baseline: .rampart/baseline.json']),
    '',
    '# Per-rule settings: off, a severity, or { enabled, severity, options } (`rampart rules` lists them).',
    ...commented(['rules:', '  missing-rate-limit: low', '  http-basic-auth: off']),
    '',
  );
  return out.join('\n');
}
