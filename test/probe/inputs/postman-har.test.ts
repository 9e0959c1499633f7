import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatize } from '../../../src/engines/probe/inputs/har.ts';
import { loadEndpoints, mergeEndpoints } from '../../../src/engines/probe/inputs/index.ts';
import type { Endpoint } from '../../../src/engines/probe/types.ts';

const HERE = join(import.meta.dirname, 'fixtures');
const CWD = join(import.meta.dirname, '..', '..', '..');
const HAR_CORPUS = join(CWD, '..', 'shared', 'corpus', 'traffic', 'har');
const TARGET = new URL('http://127.0.0.1:8080/');
const F = (f: string) => join(HERE, f);
const rel = (f: string) => `test/probe/inputs/fixtures/${f}`;

const summary = (e: Endpoint) => `${e.method} ${e.path} ${e.auth}`;

describe('Postman collections', () => {
  it('folders, variables from the collection and the environment, bodies, auth blocks', async () => {
    const r = await loadEndpoints(
      { postman: F('shop.postman_collection.json'), environment: F('shop.postman_environment.json') },
      TARGET,
      CWD,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual([rel('shop.postman_collection.json'), rel('shop.postman_environment.json')]);
    expect(r.endpoints.map(summary)).toEqual([
      'POST /api/v2/auth/login none',
      'POST /api/v2/orders required',
      'GET /api/v2/orders/{orderId} required',
      'PATCH /api/v2/orders/{orderId} required',
      'GET /api/v2/users/{id}/orders/{id2} required',
      'POST /api/v2/admin/uploads required',
      'GET /api/v2/health unknown',
      'DELETE /api/v2/things/{thingId} required',
    ]);
    const [login, create, read, patch, nested, upload] = r.endpoints as Endpoint[];
    // The environment's variables win over the collection's; a disabled one does not count.
    expect(login?.body).toMatchObject({ mediaType: 'application/json', example: { username: 'alice', password: 'secret' } });
    expect(create?.body?.example).toEqual({ productId: 3, quantity: 1, note: 'from env' });
    expect(create?.body?.schema).toEqual({
      type: 'object',
      properties: { productId: { type: 'integer' }, quantity: { type: 'integer' }, note: { type: 'string' } },
    });
    expect(create?.parameters).toEqual([
      { name: 'x-request-id', in: 'header', required: false, schema: { type: 'string' }, example: 'abc' },
    ]);
    expect(create?.responses).toEqual([{ status: '201', mediaTypes: ['application/json'] }]);
    expect(create?.tags).toEqual(['Orders']);
    expect(read?.parameters.map((p) => [p.in, p.name, p.example])).toEqual([
      ['path', 'orderId', '41'],
      ['query', 'expand', 'items'],
    ]);
    expect(patch?.parameters[0]?.example).toBe('77');
    expect(patch?.body).toMatchObject({ mediaType: 'application/x-www-form-urlencoded', example: { status: 'paid' } });
    expect(nested?.parameters.map((p) => [p.in, p.name, p.example])).toEqual([
      ['path', 'id', '12'],
      ['path', 'id2', '9f8e7d6c-1a2b-4c3d-8e9f-0a1b2c3d4e5f'],
      ['query', 'page', '2'],
    ]);
    expect(nested?.tags).toEqual(['Orders', 'Nested folder']);
    expect(upload).toMatchObject({
      admin: true,
      body: { mediaType: 'multipart/form-data', example: { file: 'rampart.txt', title: 'hello' } },
    });
  });

  it('without the environment: the base URL of the collection; a target path replaces it', async () => {
    const a = await loadEndpoints({ postman: F('shop.postman_collection.json') }, TARGET, CWD);
    expect(a.endpoints[1]?.path).toBe('/api/v2/orders');
    const b = await loadEndpoints({ postman: F('shop.postman_collection.json') }, new URL('http://127.0.0.1:8080/staging/'), CWD);
    expect(b.endpoints[1]?.path).toBe('/staging/orders');
  });

  it('a BOM is tolerated; broken JSON is a diagnostic with its position', async () => {
    const bom = await loadEndpoints({ postman: F('bom.postman_collection.json') }, TARGET, CWD);
    expect(bom.endpoints.map(summary)).toEqual(['GET /a unknown']);
    const broken = await loadEndpoints({ postman: F('broken.postman_collection.json') }, TARGET, CWD);
    expect(broken.endpoints).toEqual([]);
    expect(broken.diagnostics).toEqual([
      {
        level: 'error',
        message: 'invalid JSON in the Postman collection: comma expected',
        file: rel('broken.postman_collection.json'),
        line: 3,
        column: 32,
      },
    ]);
    const notCollection = await loadEndpoints({ postman: F('shop.postman_environment.json') }, TARGET, CWD);
    expect(notCollection.diagnostics[0]?.message).toBe('not a Postman collection v2.0/v2.1 (no "item" array)');
  });
});

describe('HAR captures', () => {
  it('same-origin entries as templates with examples', async () => {
    const r = await loadEndpoints({ har: F('api.har') }, TARGET, CWD);
    expect(r.endpoints.map(summary)).toEqual([
      'GET /api/v2/orders/{id} unknown',
      'POST /api/v2/orders unknown',
      'GET /api/v2/users/{id}/files/{id2} unknown',
      'POST /login unknown',
    ]);
    expect(r.diagnostics).toEqual([
      { level: 'note', message: '2 entries of other origins than http://127.0.0.1:8080 left out', file: rel('api.har') },
    ]);
    const [read, create, nested, login] = r.endpoints as Endpoint[];
    expect(read?.parameters.map((p) => [p.in, p.name, p.example])).toEqual([
      ['path', 'id', '12'],
      ['query', 'expand', 'items'],
      ['header', 'x-tenant', 'acme'],
    ]);
    expect(read?.responses).toEqual([
      { status: '200', mediaTypes: ['application/json'] },
      { status: '404', mediaTypes: ['application/json'] },
    ]);
    expect(create?.body).toMatchObject({ mediaType: 'application/json', example: { productId: 3, quantity: 1 } });
    expect(nested?.parameters.map((p) => p.example)).toEqual(['7', '3fa85f64-5717-4562-b3fc-2c963f66afa6']);
    expect(login?.body).toMatchObject({ mediaType: 'application/x-www-form-urlencoded', example: { user: 'a', pass: 'b' } });
  });

  it('a BOM is tolerated; broken JSON is a diagnostic with its position', async () => {
    expect((await loadEndpoints({ har: F('bom.har') }, TARGET, CWD)).endpoints.map(summary)).toEqual(['GET /x unknown']);
    const broken = await loadEndpoints({ har: F('broken.har') }, TARGET, CWD);
    expect(broken.diagnostics).toEqual([
      { level: 'error', message: 'invalid JSON in the HAR file: comma expected', file: rel('broken.har'), line: 5, column: 3 },
    ]);
  });

  it('templates', () => {
    expect(templatize('/a/12/b/0d9f6c1e8a7b4c3d2e1f0a9b/c/x1')).toEqual({
      template: '/a/{id}/b/{id2}/c/x1',
      values: { id: '12', id2: '0d9f6c1e8a7b4c3d2e1f0a9b' },
    });
    expect(templatize('/users/me').template).toBe('/users/me');
  });

  it.skipIf(!existsSync(HAR_CORPUS))('every corpus HAR loads without throwing; the broken one is a diagnostic', async () => {
    let files = 0;
    for (const dir of readdirSync(HAR_CORPUS)) {
      for (const f of readdirSync(join(HAR_CORPUS, dir))) {
        if (!f.endsWith('.har')) continue;
        files++;
        const started = Date.now();
        const r = await loadEndpoints({ har: join(HAR_CORPUS, dir, f) }, new URL('https://mitmproxy.org/'), CWD);
        expect(Date.now() - started, f).toBeLessThan(5000);
        if (f === 'corrupted_har__brokenfile.har') {
          expect(r.diagnostics).toMatchObject([
            { level: 'error', message: 'invalid JSON in the HAR file: comma expected', line: 5, column: 1 },
          ]);
        } else
          expect(
            r.diagnostics.filter((d) => d.level === 'error'),
            f,
          ).toEqual([]);
      }
    }
    expect(files).toBeGreaterThan(40);
    const chrome = await loadEndpoints(
      { har: join(HAR_CORPUS, 'mitmproxy', 'har_files__with-bom.har') },
      new URL('https://signal-beacon.s-onetag.com/'),
      CWD,
    );
    expect(chrome.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });
});

describe('several sources', () => {
  it('OpenAPI first; Postman and HAR add examples to the same endpoints and new ones', async () => {
    const r = await loadEndpoints(
      {
        openapi: F('shop-3.0.yaml'),
        postman: F('shop.postman_collection.json'),
        environment: F('shop.postman_environment.json'),
        har: F('api.har'),
      },
      TARGET,
      CWD,
    );
    expect(r.diagnostics.filter((d) => d.level !== 'note')).toEqual([]);
    const orders = r.endpoints.filter((e) => e.path.startsWith('/api/v2/orders'));
    expect(orders.map((e) => `${e.method} ${e.path} ${e.source}`)).toEqual([
      'GET /api/v2/orders openapi',
      'POST /api/v2/orders openapi',
      'GET /api/v2/orders/{orderId} openapi',
      'DELETE /api/v2/orders/{orderId} openapi',
      'PATCH /api/v2/orders/{orderId} postman',
    ]);
    // The definition's example stays; a new endpoint from Postman keeps its own.
    expect(orders[2]?.parameters[0]?.example).toBe(12);
    expect(r.endpoints.some((e) => e.path === '/login' && e.source === 'har')).toBe(true);
  });

  it('merge fills missing examples by position for path parameters', () => {
    const base: Endpoint = {
      method: 'GET',
      path: '/o/{orderId}',
      source: 'openapi',
      parameters: [
        { name: 'orderId', in: 'path', required: true },
        { name: 'q', in: 'query', required: false },
      ],
      responses: [],
      auth: 'unknown',
      scopes: [],
      admin: false,
      deprecated: false,
      tags: [],
    };
    const extra: Endpoint = {
      ...base,
      path: '/o/{id}',
      source: 'har',
      parameters: [
        { name: 'id', in: 'path', required: true, example: '5' },
        { name: 'q', in: 'query', required: false, example: 'x' },
      ],
    };
    const merged = mergeEndpoints([base], [extra]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.parameters.map((p) => p.example)).toEqual(['5', 'x']);
  });
});
