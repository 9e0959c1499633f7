/**
 * `rampart probe --graphql URL` end to end: the demo shop's /graphql (every planted flaw found with its
 * rule id, location, evidence and curl; nothing on the hardened build), a GraphQL-only API whose users log
 * in through a `login` mutation, introspection off with suggestions on, and bad targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreGraphql } from '../../examples/demo-api/graphql-demo.ts';
import { createDemoApi, type DemoApi } from '../../examples/demo-api/index.ts';
import { main } from '../../src/cli/main.ts';
import type { Finding, RunResult } from '../../src/core/index.ts';
import { REPO } from '../cli/helpers.ts';
import { startTestServer } from './server.ts';

async function cli(argv: string[], cwd = REPO) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    env: {},
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as RunResult };
}

const label = (f: Finding) => `${f.ruleId} ${f.location.kind === 'http' ? `${f.location.method} ${f.location.path}` : ''}`;

describe('rampart probe --graphql on the demo shop', () => {
  let vulnerable: DemoApi;
  let hardened: DemoApi;
  beforeAll(async () => {
    [vulnerable, hardened] = await Promise.all([createDemoApi(), createDemoApi({ hardened: true })]);
  });
  afterAll(async () => {
    await Promise.all([vulnerable.close(), hardened.close()]);
  });

  it('finds every planted flaw with a request, a response and a curl, credentials redacted', async () => {
    const r = await cli([
      'probe',
      '--graphql',
      `${vulnerable.url}/graphql`,
      '--config',
      'examples/demo-api/rampart.yaml',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(r.code).toBe(1);
    const result = r.json();
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.scanned).toEqual([`${vulnerable.url}/graphql`]);
    // Same rule, method and path, and the field named in the message when the truth names one.
    expect(scoreGraphql(result.findings).missed).toEqual([]);
    for (const f of result.findings) {
      expect(f.stage).toBe('probe');
      expect(f.evidence?.request, f.ruleId).toMatch(/^(GET|POST) \/graphql/);
      expect(f.evidence?.curl, f.ruleId).toMatch(/^curl /);
      expect(f.message).not.toMatch(/\{\{/);
    }
    const bola = result.findings.find((f) => f.ruleId === 'graphql-bola' && f.message.includes('Query.order(id:)'));
    expect(bola?.message).toBe(
      'bob read alice\'s Order "1" through Query.order(id:): the resolver finds the object by id without checking that it belongs to the caller. Check ownership (or filter by the caller) in the resolver.',
    );
    expect(bola?.evidence?.identities).toEqual(['alice', 'bob']);
    // bob's bearer token is masked in the evidence and a shell variable in the curl command.
    expect(bola?.evidence?.request).toMatch(/authorization: Bearer eyJh…\(\d+ chars\)/);
    expect(bola?.evidence?.curl).toContain('"$BOB_TOKEN"');
    const sqli = result.findings.find((f) => f.ruleId === 'graphql-injection');
    expect(sqli?.severity).toBe('critical');
    expect(sqli?.message).toContain('Argument "search" of Query.products reaches a SQL statement unescaped');
  }, 60_000);

  it('reports nothing on the hardened build and exits 0', async () => {
    const r = await cli([
      'probe',
      '--graphql',
      `${hardened.url}/graphql`,
      '--config',
      'examples/demo-api/rampart.yaml',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.json().findings.map(label)).toEqual([]);
  }, 60_000);

  it('runs only the checks named with --rule', async () => {
    const r = await cli([
      'probe',
      '--graphql',
      `${vulnerable.url}/graphql`,
      '--rule',
      'graphql-batching-unlimited',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(r.json().findings.map(label)).toEqual(['graphql-batching-unlimited POST /graphql']);
  }, 60_000);
});

describe('rampart probe --graphql on other servers', () => {
  it('reads the schema as a user logged in through a GraphQL login mutation when it is closed to anonymous callers', async () => {
    const srv = await startTestServer({ introspection: 'users', suggestions: false });
    try {
      const { probeGraphql } = await import('../../src/engines/graphql/probe.ts');
      const login = {
        request: { method: 'POST', path: '/graphql', json: { query: 'mutation { login(username: "{{u}}", password: "{{p}}") }' } },
        token: { from: 'json' as const, pointer: '/data/login' },
      };
      const r = await probeGraphql({
        target: srv.url,
        config: {},
        cwd: REPO,
        identities: [{ name: 'alice', login, vars: { u: 'alice', p: 'alice-pw' } }],
        run: {},
      });
      expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      const intro = r.findings.find((f) => f.ruleId === 'graphql-introspection-enabled');
      expect(intro?.severity).toBe('low');
      expect(intro?.message).toContain('answers the introspection query to logged-in users (alice)');
      expect(intro?.evidence?.request).not.toContain('tok-alice-5f1e2d');
      expect(r.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity)).map(label)).toEqual([]);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('reports field suggestions at medium when introspection is off (the schema still leaks)', async () => {
    const srv = await startTestServer({ introspection: 'off', suggestions: true });
    try {
      const r = await cli(['probe', '--graphql', srv.url, '--format', 'json', '--quiet']);
      const found = r.json().findings;
      expect(found.map(label)).toEqual(['graphql-field-suggestions POST /graphql']);
      expect(found[0]?.severity).toBe('medium');
      expect(found[0]?.message).toMatch(/^Introspection is off, but a misspelled field gets "Did you mean …\?"/);
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('exits 2 with one line for an unreachable endpoint or a non-HTTP URL', async () => {
    const down = await cli(['probe', '--graphql', 'http://127.0.0.1:9/graphql', '--quiet']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^rampart: target http:\/\/127\.0\.0\.1:9\/ is unreachable: connection refused\n$/);
    const ftp = await cli(['probe', '--graphql', 'ftp://example.com/graphql', '--quiet']);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toBe('rampart: --graphql "ftp://example.com/graphql": only http and https endpoints\n');
  }, 30_000);
});
