import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO, rampart, tempDir } from '../../cli/helpers.ts';

const SHADOW = 'src/checks/runtime/shadow-endpoint/fixtures';
const ZOMBIE = 'src/checks/runtime/zombie-endpoint/fixtures';
const io = { cwd: REPO };
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

describe('rampart inventory', () => {
  it('prints the inventory table and the findings; exit 0 below --fail-on, 1 at it', async () => {
    const args = ['inventory', '--access-log', `${SHADOW}/unsafe.log`, '--openapi', `${SHADOW}/openapi.yaml`, '--no-color'];
    const r = await rampart(args, io);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Endpoint inventory (9 endpoints)');
    expect(r.stdout).toMatch(/GET\s+\/v2\/admin\/debug\s+1\s+2xx:1\s+no auth\s+undocumented/);
    expect(r.stdout).toMatch(/GET\s+\/v2\/users\/\{userId\}\s+1\s+2xx:1\s+auth 1\/1\s+documented/);
    expect(r.stdout).toContain('3 findings');
    expect((await rampart([...args, '--fail-on', 'medium'], io)).code).toBe(1);
  });

  it('JSON carries the inventory and the findings with OWASP API9 and HTTP locations', async () => {
    const r = await rampart(['inventory', '--access-log', `${ZOMBIE}/unsafe.log`, '--openapi', `${ZOMBIE}/openapi.yaml`, '-f', 'json'], io);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.command).toBe('inventory');
    expect(out.inventory.map((e: { method: string; path: string }) => `${e.method} ${e.path}`)).toEqual([
      'GET /api/v1/gone',
      'POST /api/v1/legacy-export',
      'GET /api/v1/reports',
      'GET /api/v1/users/{userId}',
      'GET /api/v2/orders',
      'GET /api/v2/users/{id}',
    ]);
    expect(out.inventory[5]).toMatchObject({
      templateFrom: 'definition',
      count: 1,
      documented: { operationId: 'getUserV2', deprecated: false },
    });
    expect(
      out.findings.map((f: { ruleId: string; owasp: string[]; location: { kind: string } }) => [f.ruleId, f.owasp, f.location.kind]),
    ).toEqual([
      ['zombie-endpoint', ['API9:2023'], 'http'],
      ['zombie-endpoint', ['API9:2023'], 'http'],
      ['zombie-endpoint', ['API9:2023'], 'http'],
    ]);
    expect(out.openapi).toBeUndefined();
    expect(out.trafficFiles).toBeUndefined();
    expect(r.stderr).toContain('rampart: 3 findings (1 high, 2 medium); 6 endpoints from 6 requests');
  });

  it('SARIF and JUnit and Markdown work, and no reporter prints a token or a cookie', async () => {
    const base = ['inventory', '--har', `${SHADOW}/unsafe-sensitive.har`, '--openapi', `${SHADOW}/openapi.yaml`, '--fail-on', 'none'];
    for (const format of ['console', 'json', 'sarif', 'junit', 'markdown']) {
      const r = await rampart([...base, '-f', format, '-v'], io);
      expect(r.code, format).toBe(0);
      expect(r.stdout + r.stderr, format).not.toContain(TOKEN);
      expect(r.stdout + r.stderr, format).not.toContain('4111 1111');
      expect(r.stdout + r.stderr, format).not.toContain('jane.doe');
      if (format === 'sarif') {
        const s = JSON.parse(r.stdout);
        expect(s.runs[0].results).toHaveLength(1);
        expect(JSON.stringify(s.runs[0].results[0])).toContain('GET /v2/customers/export');
      }
      if (format === 'markdown') expect(r.stdout).toContain('## Endpoint inventory');
    }
  });

  it('--emit-openapi writes an OpenAPI 3.1 draft: paths, parameters, observed schemas, security seen', async () => {
    const dir = tempDir();
    const out = join(dir, 'observed.yaml');
    const r = await rampart(
      ['inventory', '--har', `${SHADOW}/unsafe-sensitive.har`, '--access-log', `${SHADOW}/unsafe.log`, '--emit-openapi', out],
      io,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/OpenAPI 3\.1 draft with \d+ paths written to /);
    const doc = parse(readFileSync(out, 'utf8'));
    expect(doc.openapi).toBe('3.1.0');
    const get = doc.paths['/v2/orders/{orderId}'].get;
    expect(get.parameters).toEqual([{ name: 'orderId', in: 'path', required: true, schema: { type: 'integer' } }]);
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' }, total: { type: 'number' } },
      required: ['id', 'total'],
    });
    expect(get.security).toEqual([{ bearerJwt: [] }, {}]);
    expect(doc.components.securitySchemes.bearerJwt).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/v2/internal/export'].get.parameters).toEqual([
      { name: 'format', in: 'query', required: true, schema: { type: 'string' } },
    ]);
    // What was seen stays out of the draft: no sample value of a response.
    expect(readFileSync(out, 'utf8')).not.toContain('jane.doe');
  });

  it('hints and log fields from the command line', async () => {
    const dir = tempDir();
    const log = join(dir, 'app.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(log, ['/post/hello', '/post/world', '/post/again'].map((u) => JSON.stringify({ r: { m: 'GET', u }, s: 200 })).join('\n'));
    const r = await rampart(
      ['inventory', '--access-log', log, '--log-fields', 'method=r.m,url=r.u,status=s', '--hint', '/post/{slug}', '-f', 'json'],
      io,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inventory.map((e: { path: string; count: number }) => [e.path, e.count])).toEqual([['/post/{slug}', 3]]);
  });

  it('usage and input errors exit 2 with one line', async () => {
    const cases: [string[], string][] = [
      [['inventory'], 'rampart: inventory needs traffic: --har FILE, --access-log FILE or --otlp FILE\n'],
      [
        ['inventory', '--har', 'nope.har'],
        'rampart: nope.har: cannot read the file (no such file)\nrampart: no traffic could be read from nope.har\n',
      ],
      [
        ['inventory', '--har', `${SHADOW}/unsafe-sensitive.har`, '--hint', 'post/{id}'],
        'rampart: --hint: hint "post/{id}" must start with / (e.g. /post/{id} or /post/^)\n',
      ],
      [
        ['inventory', '--access-log', `${SHADOW}/unsafe.log`, '--log-fields', 'verb=x'],
        'rampart: --log-fields verb=x: unknown field "verb" (fields: method, url, path, query, status, host, time, client, user, userAgent, referer, duration)\n',
      ],
      [
        ['inventory', '--access-log', `${SHADOW}/unsafe.log`, '--log-format', 'apache'],
        'rampart: --log-format apache: must be auto or one of combined, w3c, zeek, alb, caddy, cloudflare, jsonl, request-line\n',
      ],
      [
        ['inventory', '--access-log', `${SHADOW}/unsafe.log`, '--rule', 'shadow-endpont'],
        'rampart: --rule shadow-endpont: unknown check (did you mean "shadow-endpoint"?); `rampart rules` lists them\n',
      ],
      [
        ['inventory', '--access-log', `${SHADOW}/unsafe.log`, '--openapi', `${SHADOW}/unsafe.log`],
        `rampart: ${SHADOW}/unsafe.log:1:1: not an OpenAPI 2.0 or 3.x definition (the "openapi" or "swagger" field is missing or has an unknown version)\n`,
      ],
    ];
    for (const [argv, err] of cases) {
      const r = await rampart(argv, io);
      expect([r.code, r.stderr], argv.join(' ')).toEqual([2, err]);
    }
  });

  it('the config sets severities and options of inventory checks, and names a wrong option', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    const cfg = join(dir, 'rampart.config.yaml');
    const args = ['inventory', '--access-log', `${SHADOW}/unsafe.log`, '--openapi', `${SHADOW}/openapi.yaml`, '-f', 'json', '-c', cfg];
    writeFileSync(cfg, 'rules:\n  shadow-endpoint: high\n');
    const high = await rampart(args, io);
    expect(high.code).toBe(1);
    expect(JSON.parse(high.stdout).findings.map((f: { severity: string }) => f.severity)).toEqual(['high', 'high', 'high']);
    writeFileSync(cfg, 'rules:\n  shadow-endpoint:\n    options:\n      minAnswered: 2\n');
    expect(JSON.parse((await rampart(args, io)).stdout).findings).toEqual([]);
    writeFileSync(cfg, 'rules:\n  shadow-endpoint:\n    options:\n      minAnswerd: 2\n');
    const bad = await rampart(args, io);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rules.shadow-endpoint.options.minAnswerd: unknown option (did you mean "minAnswered"?)');
  });

  // The corpus sits next to the repository (../shared); a checkout elsewhere (a git worktree) has none.
  it.skipIf(!existsSync(join(REPO, '..', 'shared', 'corpus')))(
    'a broken file among good ones is reported and the rest is still read',
    async () => {
      const r = await rampart(
        [
          'inventory',
          '--har',
          '../shared/corpus/traffic/har/mitmproxy/corrupted_har__brokenfile.har',
          `${SHADOW}/unsafe-sensitive.har`,
          '-f',
          'json',
        ],
        {
          cwd: REPO,
        },
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        "corrupted_har__brokenfile.har:5:1: error: invalid JSON: expected ',' or '}' after the value of \"log\", found '\"'",
      );
      expect(JSON.parse(r.stdout).inventory).toHaveLength(2);
    },
  );
});
