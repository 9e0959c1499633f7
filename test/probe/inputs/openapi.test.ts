import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEndpoints } from '../../../src/engines/probe/inputs/index.ts';
import { basePath, linksOf, loadOpenApiText } from '../../../src/engines/probe/inputs/openapi.ts';
import type { Endpoint } from '../../../src/engines/probe/types.ts';

const HERE = join(import.meta.dirname, 'fixtures');
const CWD = join(import.meta.dirname, '..', '..', '..');
const CORPUS = join(CWD, '..', 'shared', 'corpus', 'openapi');
const TARGET = new URL('http://127.0.0.1:8080/');

async function load(file: string, target = TARGET) {
  return loadEndpoints({ openapi: join(HERE, file) }, target, CWD);
}

const by = (eps: Endpoint[], method: string, path: string) => {
  const e = eps.find((x) => x.method === method && x.path === path);
  if (!e) throw new Error(`no ${method} ${path} in ${eps.map((x) => `${x.method} ${x.path}`).join(', ')}`);
  return e;
};

describe('OpenAPI 3.0', () => {
  it('full paths, parameters, bodies, responses', async () => {
    const r = await load('shop-3.0.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual(['test/probe/inputs/fixtures/shop-3.0.yaml']);
    expect(r.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual([
      'GET /api/v2/orders',
      'POST /api/v2/orders',
      'GET /api/v2/orders/{orderId}',
      'DELETE /api/v2/orders/{orderId}',
      'POST /api/v2/admin/products',
      'GET /api/v2/health',
      'GET /api/v2/reports/{year}/sales',
      'GET /api/v2/tree',
    ]);
    const list = by(r.endpoints, 'GET', '/api/v2/orders');
    expect(list.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', maximum: 100 }, example: 10 },
      { name: 'status', in: 'query', required: false, schema: { type: ['string', 'null'], enum: ['open', 'paid', null] } },
    ]);
    // allOf of a $ref and an inline object: merged.
    expect(list.responses[0]?.schema).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: {
          productId: { type: 'integer' },
          quantity: { type: 'integer', minimum: 1, default: 1 },
          id: { type: 'integer', readOnly: true },
          total: { type: 'number' },
        },
        required: ['productId', 'id'],
      },
    });
    const create = by(r.endpoints, 'POST', '/api/v2/orders');
    expect(create.body).toMatchObject({ mediaType: 'application/json', required: true, example: { productId: 3, quantity: 2 } });
    expect(create.body?.schema).toMatchObject({ type: 'object', required: ['productId'] });
    expect(linksOf(create)).toEqual([{ status: '201', operationId: 'getOrder', parameters: { orderId: '$response.body#/id' } }]);
    const read = by(r.endpoints, 'GET', '/api/v2/orders/{orderId}');
    expect(read.operationId).toBe('getOrder');
    expect(read.operation?.operationId).toBe('getOrder');
    // Boolean exclusiveMinimum of 3.0 rewritten the JSON Schema way.
    expect(read.parameters).toEqual([
      { name: 'orderId', in: 'path', required: true, schema: { type: 'integer', exclusiveMinimum: 1 }, example: 12 },
    ]);
    expect(by(r.endpoints, 'DELETE', '/api/v2/orders/{orderId}').deprecated).toBe(true);
    const form = by(r.endpoints, 'POST', '/api/v2/admin/products');
    expect(form.body?.mediaType).toBe('application/x-www-form-urlencoded');
    // An undeclared path parameter still gets one.
    expect(by(r.endpoints, 'GET', '/api/v2/reports/{year}/sales').parameters).toEqual([
      { name: 'year', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('auth, scopes and admin', async () => {
    const r = await load('shop-3.0.yaml');
    const e = (m: string, p: string) => by(r.endpoints, m, p);
    expect(e('GET', '/api/v2/orders')).toMatchObject({ auth: 'required', scopes: [], admin: false, tags: ['orders'] });
    expect(e('POST', '/api/v2/admin/products')).toMatchObject({ auth: 'required', scopes: ['admin', 'products:write'], admin: true });
    expect(e('GET', '/api/v2/health')).toMatchObject({ auth: 'none', admin: false });
    // An empty alternative makes credentials optional; x-admin marks it for administrators.
    expect(e('GET', '/api/v2/reports/{year}/sales')).toMatchObject({ auth: 'none', admin: true });
  });

  it('recursive schemas are cut, not infinite', async () => {
    const r = await load('shop-3.0.yaml');
    const tree = by(r.endpoints, 'GET', '/api/v2/tree').responses[0]?.schema as Record<string, unknown>;
    let depth = 0;
    let node: Record<string, unknown> | undefined = tree;
    while (node && Object.keys(node).length) {
      depth++;
      node = ((node.properties as Record<string, Record<string, unknown>>)?.children?.items ?? undefined) as
        | Record<string, unknown>
        | undefined;
    }
    expect(depth).toBe(8);
    expect(() => JSON.stringify(r.endpoints.map(({ operation: _o, ...rest }) => rest))).not.toThrow();
  });

  it('the target path replaces the server path', async () => {
    const r = await load('shop-3.0.yaml', new URL('http://127.0.0.1:8080/staging/v2/'));
    expect(r.endpoints[0]?.path).toBe('/staging/v2/orders');
  });
});

describe('server base paths', () => {
  it('the path of the server that is on the target origin, else of the first', () => {
    const cases: [string[], string][] = [
      [['{scheme}://api.x.com/{basePath}/v1'], '/v1'],
      [['https://api.x.com/'], ''],
      [['/api/'], '/api'],
      [['api/v1'], '/api/v1'],
      [['//h/base'], '/base'],
      [['https://{region}.x.com/v2?x=1'], '/v2'],
      [['https://prod.x.com/prod', 'http://127.0.0.1:8080/local'], '/local'],
    ];
    for (const [urls, want] of cases)
      expect(
        basePath(
          urls.map((url) => ({ url, ref: undefined as never })),
          TARGET,
        ),
        urls.join(),
      ).toBe(want);
    expect(basePath([], TARGET)).toBe('');
    expect(basePath([{ url: '/api', ref: undefined as never }], new URL('http://h/base/'))).toBe('/base');
  });
});

describe('Swagger 2.0', () => {
  it('basePath, body and formData parameters, apiKey auth', async () => {
    const r = await load('petstore-2.0.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.endpoints.map((e) => `${e.method} ${e.path} ${e.auth}`)).toEqual([
      'GET /v1/pets unknown',
      'POST /v1/pets required',
      'POST /v1/pets/{petId}/photo unknown',
    ]);
    const post = by(r.endpoints, 'POST', '/v1/pets');
    expect(post.parameters).toEqual([]);
    expect(post.body?.mediaType).toBe('application/json');
    expect(post.body?.schema).toMatchObject({
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', example: 'Rex' } },
    });
    const get = by(r.endpoints, 'GET', '/v1/pets');
    expect(get.parameters).toEqual([
      { name: 'tags', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } }, example: 'dog' },
      { name: 'limit', in: 'query', required: true, schema: { type: 'integer', exclusiveMaximum: 50 } },
    ]);
    const photo = by(r.endpoints, 'POST', '/v1/pets/{petId}/photo');
    expect(photo.parameters).toEqual([{ name: 'petId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]);
    expect(photo.body).toEqual({
      mediaType: 'multipart/form-data',
      required: true,
      schema: {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary' }, caption: { type: ['string', 'null'] } },
        required: ['file'],
      },
    });
  });
});

describe('OpenAPI 3.1', () => {
  it('relative server, type arrays, examples, JSON-like media types, webhooks left out', async () => {
    const r = await load('museum-3.1.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /museum/events', 'GET /museum/events/{eventId}']);
    const post = r.endpoints[0] as Endpoint;
    expect(post).toMatchObject({ admin: true, auth: 'unknown', tags: ['Admin'] });
    expect(post.body?.schema).toEqual({
      type: 'object',
      required: ['name', 'price'],
      properties: { name: { type: 'string', examples: ['Night at the museum'] }, price: { type: ['number', 'null'], exclusiveMinimum: 0 } },
    });
    const get = r.endpoints[1] as Endpoint;
    expect(get.parameters[0]?.example).toBe('3fa85f64-5717-4562-b3fc-2c963f66afa6');
    expect(get.responses).toEqual([{ status: '200', mediaTypes: ['application/problem+json', 'text/plain'], schema: { type: 'object' } }]);
  });
});

describe('bad input gives diagnostics with positions', () => {
  it('broken YAML', async () => {
    const r = await load('broken.yaml');
    expect(r.endpoints).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      level: 'error',
      file: 'test/probe/inputs/fixtures/broken.yaml',
      line: expect.any(Number),
      column: expect.any(Number),
    });
  });

  it('unknown version', async () => {
    const r = await load('unknown-version.json');
    expect(r.diagnostics).toEqual([
      {
        level: 'error',
        message: expect.stringContaining('not an OpenAPI 2.0 or 3.x definition'),
        file: 'test/probe/inputs/fixtures/unknown-version.json',
        line: 1,
        column: 1,
      },
    ]);
  });

  it('an unresolved $ref is a warning at its position; the endpoint stays', async () => {
    const r = await load('bad-ref.yaml');
    expect(r.endpoints.map((e) => e.path)).toEqual(['/a']);
    expect(r.diagnostics).toEqual([
      {
        level: 'warning',
        message: 'cannot resolve $ref "#/components/schemas/Missing": nothing at that pointer',
        file: 'test/probe/inputs/fixtures/bad-ref.yaml',
        line: 9,
        column: 27,
      },
    ]);
  });

  it('a missing file', async () => {
    const r = await loadEndpoints({ openapi: 'nope.yaml' }, TARGET, CWD);
    expect(r.diagnostics).toEqual([{ level: 'error', message: 'cannot read the OpenAPI definition (ENOENT)', file: 'nope.yaml' }]);
  });

  it('text that is not even YAML', () => {
    const r = loadOpenApiText('\u0000\u0001', '/tmp/x.yaml', 'x.yaml', TARGET, '/tmp');
    expect(r.endpoints).toEqual([]);
    expect(r.diagnostics[0]?.level).toBe('error');
  });
});

describe.skipIf(!existsSync(CORPUS))('real definitions (../shared/corpus/openapi; skipped when absent)', () => {
  it('petstore 3.0', async () => {
    const r = await loadEndpoints({ openapi: join(CORPUS, 'oai__petstore.yaml') }, TARGET, CWD);
    expect(r.diagnostics).toEqual([]);
    expect(r.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v1/pets', 'POST /v1/pets', 'GET /v1/pets/{petId}']);
  });

  it('stripe (4 MB, thousands of cross-references): fast, bounded schemas', async () => {
    const started = Date.now();
    const r = await loadEndpoints({ openapi: join(CORPUS, 'stripe__spec3.yaml') }, TARGET, CWD);
    const ms = Date.now() - started;
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(r.endpoints.length).toBe(454);
    expect(r.endpoints.every((e) => e.path.startsWith('/v1/'))).toBe(true);
    expect(r.endpoints.filter((e) => e.auth === 'required').length).toBeGreaterThan(400);
    expect(ms).toBeLessThan(20_000);
  });

  it('every corpus definition loads without throwing', async () => {
    for (const f of [
      'oai__link-example.yaml',
      'oai__uber.json',
      'oai__uspto.yaml',
      'redocly-museum__openapi.yaml',
      'twilio__twilio_numbers_v2.json',
    ]) {
      const r = await loadEndpoints({ openapi: join(CORPUS, f) }, TARGET, CWD);
      expect(r.endpoints.length, f).toBeGreaterThan(0);
      expect(
        r.diagnostics.filter((d) => d.level === 'error'),
        f,
      ).toEqual([]);
    }
  });
});
