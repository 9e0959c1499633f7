// Captures of the demo API (examples/demo-api): a scripted client session against the vulnerable build
// and its hardened twin, recorded as a HAR and as an nginx combined access log, then read by
// `rampart inventory` against the demo's openapi.yaml. The inventory flaws planted in the demo
// (ground-truth.json: an undocumented DELETE, /.env, the v1 user endpoint, loyalty points documented but
// not shipped) must be found in the vulnerable capture, and none in the hardened one.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../../examples/demo-api/index.ts';
import { inventory } from '../../../src/engines/runtime/inventory/engine.ts';
import type { InventoryResult } from '../../../src/engines/runtime/inventory/types.ts';
import { REPO } from '../../cli/helpers.ts';

const OPENAPI = join(REPO, 'examples', 'demo-api', 'openapi.yaml');

interface Exchange {
  started: Date;
  ms: number;
  method: string;
  url: string;
  reqHeaders: [string, string][];
  reqBody?: string;
  status: number;
  resHeaders: [string, string][];
  resBody: string;
}

/** A client session: log in as alice and carol, browse, order, and touch the leftovers. */
async function session(base: string): Promise<Exchange[]> {
  const log: Exchange[] = [];
  const call = async (method: string, path: string, opts: { token?: string; json?: unknown } = {}) => {
    const reqHeaders: [string, string][] = [['accept', 'application/json']];
    if (opts.token) reqHeaders.push(['authorization', `Bearer ${opts.token}`]);
    if (opts.json !== undefined) reqHeaders.push(['content-type', 'application/json']);
    const started = new Date();
    const t = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: Object.fromEntries(reqHeaders),
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      redirect: 'manual',
    });
    const resBody = await res.text();
    log.push({
      started,
      ms: performance.now() - t,
      method,
      url: `${base}${path}`,
      reqHeaders,
      reqBody: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      status: res.status,
      resHeaders: [...res.headers.entries()],
      resBody,
    });
    try {
      return JSON.parse(resBody);
    } catch {
      return undefined;
    }
  };
  const login = async (username: string) =>
    (await call('POST', '/api/v2/auth/login', { json: { username, password: `${username}-demo-password` } }))?.access_token as string;
  const alice = await login('alice');
  const carol = await login('carol');
  await call('GET', '/api/v2/health');
  const products = (await call('GET', '/api/v2/products', { token: alice })) as
    | { id?: number | string }[]
    | { items?: { id: number | string }[] };
  const list = Array.isArray(products) ? products : (products?.items ?? []);
  for (const p of list.slice(0, 3)) await call('GET', `/api/v2/products/${p.id}`, { token: alice });
  await call('GET', '/api/v2/users/me', { token: alice });
  await call('GET', '/api/v2/orders', { token: alice });
  await call('GET', '/api/v2/notifications', { token: alice });
  await call('GET', '/api/v2/loyalty/points', { token: alice });
  await call('GET', '/api/v2/loyalty/points', { token: alice });
  await call('GET', '/api/v2/admin/users', { token: carol });
  // The leftovers a forgotten client (or an attacker) still calls.
  await call('GET', '/api/v1/users/2', { token: alice });
  await call('GET', '/api/v1/users/3', { token: alice });
  await call('GET', '/.env');
  const last = list[list.length - 1];
  if (last) await call('DELETE', `/api/v2/products/${last.id}`, { token: alice });
  for (let i = 0; i < 6; i++) await call('GET', '/api/v2/products', { token: alice });
  return log;
}

function toHar(x: Exchange[]): string {
  const h = (list: [string, string][]) => list.map(([name, value]) => ({ name, value }));
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'rampart test', version: '1' },
      entries: x.map((e) => ({
        startedDateTime: e.started.toISOString(),
        time: e.ms,
        request: {
          method: e.method,
          url: e.url,
          httpVersion: 'HTTP/1.1',
          headers: h(e.reqHeaders),
          cookies: [],
          queryString: [],
          ...(e.reqBody ? { postData: { mimeType: 'application/json', text: e.reqBody } } : {}),
          headersSize: -1,
          bodySize: e.reqBody?.length ?? 0,
        },
        response: {
          status: e.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: h(e.resHeaders),
          cookies: [],
          content: { size: e.resBody.length, mimeType: e.resHeaders.find(([n]) => n === 'content-type')?.[1] ?? '', text: e.resBody },
          redirectURL: '',
          headersSize: -1,
          bodySize: e.resBody.length,
        },
        cache: {},
        timings: { send: 0, wait: e.ms, receive: 0 },
      })),
    },
  });
}

function toAccessLog(x: Exchange[]): string {
  const clf = (d: Date) => {
    const m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getUTCDate())}/${m}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  };
  return x
    .map((e) => {
      const u = new URL(e.url);
      return `${u.host} 127.0.0.1 - - [${clf(e.started)}] "${e.method} ${u.pathname}${u.search} HTTP/1.1" ${e.status} ${e.resBody.length} "-" "demo-client/1.0"`;
    })
    .join('\n');
}

const pos = (r: InventoryResult, rule: string) =>
  r.findings
    .filter((f) => f.ruleId === rule)
    .map((f) => (f.location.kind === 'http' ? `${f.location.method} ${f.location.path}` : ''))
    .sort();

describe('captures of the demo API', () => {
  let vulnerable: DemoApi;
  let hardened: DemoApi;
  const files: Record<string, { har: string; log: string }> = {};
  const dir = mkdtempSync(join(tmpdir(), 'rampart-demo-capture-'));

  beforeAll(async () => {
    vulnerable = await createDemoApi({ hardened: false });
    hardened = await createDemoApi({ hardened: true });
    for (const [name, api] of [
      ['vulnerable', vulnerable],
      ['hardened', hardened],
    ] as const) {
      const x = await session(api.url);
      files[name] = { har: join(dir, `${name}.har`), log: join(dir, `${name}.log`) };
      writeFileSync(files[name].har, toHar(x));
      writeFileSync(files[name].log, toAccessLog(x));
    }
  });
  afterAll(async () => {
    await vulnerable?.close();
    await hardened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ['har', 'log'] as const) {
    it(`finds the planted inventory flaws in the vulnerable build (${kind})`, async () => {
      const r = await inventory({ [kind === 'har' ? 'har' : 'accessLog']: [files.vulnerable[kind]], openapi: [OPENAPI], cwd: REPO });
      expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      expect(pos(r, 'shadow-endpoint')).toEqual(['DELETE /api/v2/products/{productId}', 'GET /.env']);
      expect(pos(r, 'zombie-endpoint')).toEqual(['GET /api/v1/users/{userId}']);
      expect(pos(r, 'unused-documented-endpoint')).toContain('GET /api/v2/loyalty/points');
      const loyalty = r.findings.find(
        (f) => f.ruleId === 'unused-documented-endpoint' && f.location.kind === 'http' && f.location.path === '/api/v2/loyalty/points',
      );
      expect(loyalty?.message).toContain('every request to it (2 requests) got 404, 405, 410 or 501');
      const zombie = r.findings.find((f) => f.ruleId === 'zombie-endpoint');
      expect(zombie?.message).toContain('its successor is GET /api/v2/users/{userId}');
      // Documented endpoints take the definition's templates; bearer tokens never reach the report.
      const me = r.inventory.find((e) => e.path === '/api/v2/users/me' && e.method === 'GET');
      expect(me).toMatchObject({ templateFrom: 'definition', documented: { deprecated: false } });
      expect(JSON.stringify(r)).not.toMatch(/Bearer eyJ/);
      if (kind === 'har') {
        expect(me?.credentials.kinds).toEqual(['bearer JWT']);
        // The v1 endpoint returns the full user row.
        const v1 = r.inventory.find((e) => e.path === '/api/v1/users/{userId}');
        expect(v1?.sensitive.response).toContain('email');
      }
    });

    it(`finds none of them in the hardened build (${kind})`, async () => {
      const r = await inventory({ [kind === 'har' ? 'har' : 'accessLog']: [files.hardened[kind]], openapi: [OPENAPI], cwd: REPO });
      expect(pos(r, 'shadow-endpoint')).toEqual([]);
      expect(pos(r, 'zombie-endpoint')).toEqual([]);
      expect(pos(r, 'unused-documented-endpoint')).not.toContain('GET /api/v2/loyalty/points');
    });
  }

  it('writes an OpenAPI draft of the capture with the bearer JWT scheme and observed schemas', async () => {
    const r = await inventory({ har: [files.vulnerable.har], emitOpenApi: true, cwd: REPO });
    const doc = r.openapi as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v2/products/{productId}', '/api/v2/users/me', '/api/v1/users/{userId}']),
    );
    expect(doc.components.securitySchemes.bearerJwt).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/api/v2/users/me'].get.security).toEqual([{ bearerJwt: [] }]);
    expect(JSON.stringify(doc.paths['/api/v2/users/me'].get.responses['200'])).toContain('"type":"object"');
  });
});
