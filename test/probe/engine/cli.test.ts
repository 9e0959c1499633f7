/** `rampart probe` on the command line: flags, config, exit codes, reports. The target is on 127.0.0.1. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, sendJson } from '../../../src/checks/probe/_kit/app.ts';
import { type CliIO, main } from '../../../src/cli/main.ts';
import { probe } from '../../../src/engines/probe/engine.ts';
import { startFixtureServer } from '../../../src/engines/probe/testing.ts';
import { testCheck } from './helpers.ts';

const TOKEN = 'alice-cli-token-1234567890';
let srv: Awaited<ReturnType<typeof startFixtureServer>>;
let dir: string;

/** Reports every 2xx anonymous answer of the crawl on an endpoint the definition says needs auth. */
const anon = testCheck('anon-ok', async (ctx) => {
  for (const ex of ctx.exchanges()) {
    if (!ex.identity && ex.endpoint?.auth === 'required' && ex.response?.status === 200) {
      ctx.report({ endpoint: ex.endpoint, messageId: 'hit', data: { what: 'answers without credentials' }, exchanges: [ex] });
    }
  }
  const me = ctx.endpoints.find((e) => e.path === '/me');
  if (me) {
    const ex = await ctx.send({ method: 'GET', path: '/me' }, 'alice', me);
    ctx.report({ endpoint: me, messageId: 'hit', data: { what: 'alice' }, exchanges: [ex], identities: ['alice'], fingerprintKey: 'me' });
  }
});

async function rampart(argv: string[], io: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: dir,
    env: { ALICE_TOKEN: TOKEN },
    probe: (o) => probe({ ...o, checks: [anon] }),
    ...io,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  srv = await startFixtureServer(
    app([
      { method: 'GET', path: '/reports', handler: (_req, res) => sendJson(res, 200, { total: 1 }) },
      {
        method: 'GET',
        path: '/me',
        handler: (req, res) =>
          req.headers.authorization === `Bearer ${TOKEN}` ? sendJson(res, 200, { me: 'alice' }) : sendJson(res, 401, {}),
      },
    ]),
  );
  dir = mkdtempSync(join(tmpdir(), 'rampart-probe-cli-'));
  writeFileSync(
    join(dir, 'openapi.json'),
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      security: [{ bearer: [] }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      paths: {
        '/reports': { get: { responses: { 200: { description: 'ok' } } } },
        '/me': { get: { responses: { 200: { description: 'ok' } } } },
      },
    }),
  );
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${ENV} is the config syntax under test
  writeFileSync(join(dir, 'rampart.yaml'), 'probe:\n  identities:\n    - { name: alice, role: user, bearer: "${ALICE_TOKEN}" }\n');
  writeFileSync(join(dir, 'bad.yaml'), 'probe:\n  identities:\n    - name: alice\n      role: user\n');
  writeFileSync(join(dir, 'typo.yaml'), 'probe:\n  identities:\n    - { name: alice, bearr: x }\n');
});

afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ['probe', '--target', srv.url, '--openapi', 'openapi.json', '--config', 'rampart.yaml'];

describe('rampart probe', () => {
  it('reports findings with the request, status and curl (credentials as variables), exit 1', async () => {
    const r = await rampart(base());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('GET /reports');
    expect(r.stdout).toMatch(/ GET \/reports → 200 OK\n/);
    expect(r.stdout).toContain('GET /me → 200 OK  (identities: alice)');
    expect(r.stdout).toContain(`-H 'authorization: Bearer '"$ALICE_TOKEN"`);
    expect(r.stdout).toMatch(/probed http:\/\/127\.0\.0\.1:\d+\/ \(1 definition\)/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('writes SARIF to a file with a summary line on stderr; --fail-on none exits 0', async () => {
    const r = await rampart([...base(), '--output', 'out/probe.sarif', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^rampart: 2 findings \(2 high\) on http:\/\/127\.0\.0\.1:\d+\/ \(\d+ requests, [\d.]+ s\); report written to out\/probe.sarif\n$/,
    );
    const sarif = readFileSync(join(dir, 'out/probe.sarif'), 'utf8');
    expect(sarif).not.toContain(TOKEN);
    expect(JSON.parse(sarif).runs[0].results[0].webRequest.method).toBe('GET');
  });

  it.each([
    [['probe', '--openapi', 'openapi.json'], 'rampart: probe needs --target URL, the running API, e.g. --target http://127.0.0.1:8080\n'],
    [
      ['probe', '--target', 'http://127.0.0.1:9'],
      'rampart: probe needs the API description: --openapi FILE, --postman FILE or --har FILE (or --graphql URL, --grpc HOST:PORT, --websocket URL, --wsdl FILE|URL)\n',
    ],
    [
      ['probe', '-t', 'http://127.0.0.1:9', '--openapi', 'a', '--har', 'b'],
      'rampart: give one of --openapi, --postman or --har (got --openapi and --har)\n',
    ],
    [
      ['probe', '-t', 'nope', '--openapi', 'a'],
      "rampart: --target nope: not a URL; give the API's base URL, e.g. http://127.0.0.1:8080/api\n",
    ],
    [
      ['probe', '-t', 'http://u:p@127.0.0.1:9', '--openapi', 'a'],
      'rampart: --target: credentials in the URL are not sent; declare identities under probe.identities in the config\n',
    ],
    [
      ['probe', '-t', 'http://127.0.0.1:9', '--openapi', 'a', '--concurrency', '0'],
      'rampart: --concurrency 0: must be a whole number from 1 to 256, e.g. 8\n',
    ],
    [
      ['probe', '-t', 'http://127.0.0.1:9', '--openapi', 'a', '--rate', 'fast'],
      'rampart: --rate fast: must be requests per second, e.g. 20 (0: unlimited)\n',
    ],
    [
      ['probe', '-t', 'http://127.0.0.1:9', '--openapi', 'a', '--rule', 'no-such-check'],
      expect.stringMatching(/^rampart: --rule no-such-check: unknown check/),
    ],
    [['probe', '-t', 'http://127.0.0.1:9', '--postman', 'a', '--environment', ''], 'rampart: --environment: give a file name\n'],
    [
      ['probe', '-t', 'http://127.0.0.1:9', '--openapi', 'a', '--environment', 'e.json'],
      'rampart: --environment goes with --postman (a Postman environment for the collection)\n',
    ],
  ])('usage error %j: one line, exit 2', async (argv, message) => {
    const r = await rampart(argv as string[]);
    expect(r.stderr).toEqual(message);
    expect(r.code).toBe(2);
  });

  it('an unreachable target: one line, exit 2', async () => {
    const r = await rampart(['probe', '--target', 'http://127.0.0.1:1', '--openapi', 'openapi.json', '--config', 'rampart.yaml']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'rampart: target http://127.0.0.1:1/ is unreachable: connection refused\n' });
  });

  it('a missing definition: file named, exit 2', async () => {
    const r = await rampart(['probe', '--target', srv.url, '--openapi', 'nope.yaml', '--config', 'rampart.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rampart: nope\.yaml: /);
  });

  it('config errors name file:line:col', async () => {
    expect((await rampart([...base().slice(0, 5), '--config', 'bad.yaml'])).stderr).toBe(
      'rampart: bad.yaml:3:7: probe.identities.0: identity "alice" has no credentials: give one of bearer, basic, apiKey, cookie, headers or login\n',
    );
    expect((await rampart([...base().slice(0, 5), '--config', 'typo.yaml'])).stderr).toMatch(
      /^rampart: typo\.yaml:3:22: probe\.identities\.0\.bearr: unknown key \(did you mean "bearer"\?\)/,
    );
    const r = await rampart(base(), { env: {} });
    expect(r.stderr).toBe('rampart: rampart.yaml:3:34: probe.identities.0.bearer: environment variable ALICE_TOKEN is not set\n');
    expect(r.code).toBe(2);
  });

  it('--help has examples and the identities config', async () => {
    const r = await rampart(['probe', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rampart probe --target http://127.0.0.1:8080 --openapi openapi.yaml --config rampart.yaml');
    expect(r.stdout).toContain('token: { from: json, pointer: /access_token }');
    expect(r.stdout).toContain('--budget <n>');
  });

  it('rules --stage probe lists probe checks only', async () => {
    const r = await rampart(['rules', '--stage', 'probe', '--format', 'json']);
    expect(r.code).toBe(0);
    for (const c of JSON.parse(r.stdout)) expect(c.stage).toBe('probe');
  });

  it('does not leave a report behind on a usage error', async () => {
    await rampart(['probe', '--openapi', 'openapi.json', '--output', 'never.sarif']);
    expect(existsSync(join(dir, 'never.sarif'))).toBe(false);
  });
});
