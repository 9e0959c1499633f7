/** The engine's orchestration: crawl, passive and active checks, isolation, dedupe, config, exclude. */
import { describe, expect, it } from 'vitest';
import { app, sendJson } from '../../../src/checks/probe/_kit/app.ts';
import { globOnTemplate, probe } from '../../../src/engines/probe/engine.ts';
import { probePositions, runProbeFixture } from '../../../src/engines/probe/testing.ts';
import { reportExchange, testCheck } from './helpers.ts';

/** A small API: orders owned by their creator; everything it receives is logged. */
function ordersApi() {
  const log: string[] = [];
  const orders = new Map<string, { id: number; owner: string; item: string }>();
  let next = 1;
  const handler = app([
    {
      method: 'POST',
      path: '/orders',
      handler: (req, res) => {
        if (!req.user) return sendJson(res, 401, {});
        const o = { id: next++, owner: req.user, item: String((req.json as { item?: string })?.item ?? '') };
        orders.set(String(o.id), o);
        sendJson(res, 201, o);
      },
    },
    {
      method: 'GET',
      path: '/orders/{orderId}',
      handler: (req, res) => {
        const o = orders.get(req.params.orderId);
        return o ? sendJson(res, 200, o) : sendJson(res, 404, {});
      },
    },
    {
      method: 'PUT',
      path: '/orders/{orderId}',
      handler: (req, res) => {
        const o = orders.get(req.params.orderId);
        return o ? sendJson(res, 200, o) : sendJson(res, 404, {});
      },
    },
    { method: 'DELETE', path: '/orders/{orderId}', handler: (_req, res) => sendJson(res, 204, {}) },
    { method: 'GET', path: '/admin/stats', handler: (_req, res) => sendJson(res, 200, { n: orders.size }) },
  ]);
  const logged: typeof handler = (req, res) => {
    log.push(`${req.method} ${req.url} ${/Bearer (\w+)-token/.exec(req.headers.authorization ?? '')?.[1] ?? '-'}`);
    handler(req, res);
  };
  return { handler: logged, log, orders };
}

const order = {
  type: 'object',
  properties: { id: { type: 'integer', readOnly: true }, item: { type: 'string', example: 'book' } },
};
const openapi = {
  openapi: '3.0.3',
  info: { title: 'orders', version: '1' },
  security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/orders': {
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: order } } },
        responses: { 201: { description: 'created', content: { 'application/json': { schema: order } } } },
      },
    },
    '/orders/{orderId}': {
      parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'integer' } }],
      get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: order } } } } },
      put: {
        requestBody: { required: true, content: { 'application/json': { schema: order } } },
        responses: { 200: { description: 'ok' } },
      },
      delete: { responses: { 204: { description: 'gone' } } },
    },
    '/admin/stats': { get: { responses: { 200: { description: 'ok' } } } },
  },
};

describe('crawl', () => {
  it('creates first, reads and updates own objects, never deletes; passive checks see every exchange', async () => {
    const api = ordersApi();
    const seen: string[] = [];
    const passive = testCheck('passive', async () => {}, {
      run: undefined,
      observe: (ex) => {
        seen.push(`${ex.request.method} ${ex.identity ?? '-'}`);
      },
    });
    await runProbeFixture(passive, { handler: api.handler, openapi });
    expect(api.log.some((l) => l.startsWith('DELETE'))).toBe(false);
    // Every identity created its own order, before any read.
    const posts = api.log.filter((l) => l.startsWith('POST /orders'));
    expect(posts.map((l) => l.split(' ')[2]).sort()).toEqual(['-', 'alice', 'bob', 'carol']);
    const firstGet = api.log.findIndex((l) => l.startsWith('GET /orders/'));
    expect(firstGet).toBeGreaterThan(api.log.findIndex((l) => l.startsWith('POST /orders')));
    // PUT only by the owner of the object.
    for (const l of api.log.filter((x) => x.startsWith('PUT'))) {
      const [, path, who] = l.split(' ');
      expect(api.orders.get(path.split('/')[2])?.owner).toBe(who);
    }
    expect(seen.length).toBe(api.log.length);
  });

  it('leaves out excluded templates, with or without a method', async () => {
    const api = ordersApi();
    await runProbeFixture(
      testCheck('noop', async () => {}),
      {
        handler: api.handler,
        openapi,
        options: {},
      },
      { engine: { exclude: ['/admin/**', 'PUT /orders/*'] } },
    );
    expect(api.log.some((l) => l.includes('/admin'))).toBe(false);
    expect(api.log.some((l) => l.startsWith('PUT'))).toBe(false);
    expect(api.log.some((l) => l.startsWith('GET /orders/'))).toBe(true);
  });

  it('matches exclude globs on templates', () => {
    expect(globOnTemplate('/admin/**')('GET', '/admin/users/{id}')).toBe(true);
    expect(globOnTemplate('/admin/*')('GET', '/admin/users/{id}')).toBe(false);
    expect(globOnTemplate('delete /orders/*')('DELETE', '/orders/{id}')).toBe(true);
    expect(globOnTemplate('DELETE /orders/*')('GET', '/orders/{id}')).toBe(false);
    expect(globOnTemplate('/v?/x')('GET', '/v1/x')).toBe(true);
  });
});

describe('checks', () => {
  it('isolates a check that throws: a diagnostic naming it, the others still report', async () => {
    const api = ordersApi();
    const bad = testCheck('bad', async () => {
      throw new Error('boom');
    });
    const badObserver = testCheck('bad-observer', async () => {}, {
      run: undefined,
      observe: () => {
        throw new Error('observe boom');
      },
    });
    const good = testCheck('good', async (ctx) => {
      reportExchange(ctx, await ctx.send({ method: 'GET', path: '/admin/stats' }, 'alice'));
    });
    const result = await runProbeFixture([bad, badObserver, good], { handler: api.handler, openapi }, { allowErrors: true });
    expect(result.diagnostics.filter((d) => d.level === 'error').map((d) => `${d.ruleId}: ${d.message}`)).toEqual([
      'bad-observer: check "bad-observer" failed in observe: observe boom',
      'bad: check "bad" failed in run: boom',
    ]);
    expect(probePositions(result.findings)).toEqual(['GET /admin/stats']);
  });

  it('runs phase normal, then phase last, then done; deduplicates findings by fingerprint', async () => {
    const api = ordersApi();
    const order: string[] = [];
    const last = testCheck(
      'last',
      async () => {
        order.push('last');
      },
      { phase: 'last' },
    );
    const normal = testCheck(
      'normal',
      async (ctx) => {
        order.push('normal');
        const ex = await ctx.send({ method: 'GET', path: '/admin/stats' }, 'alice');
        reportExchange(ctx, ex, 'same');
        reportExchange(ctx, ex, 'same');
        reportExchange(ctx, ex, 'other');
      },
      {
        done: () => {
          order.push('done');
        },
      },
    );
    const result = await runProbeFixture([last, normal], { handler: api.handler, openapi });
    expect(order).toEqual(['normal', 'last', 'done']);
    expect(result.findings.map((f) => f.message).sort()).toEqual(['other', 'same']);
    const f = result.findings[0];
    expect(f.stage).toBe('probe');
    expect(f.location).toMatchObject({ kind: 'http', method: 'GET', path: '/admin/stats' });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports on the endpoint template, with config severity and options', async () => {
    const api = ordersApi();
    let got: unknown;
    const check = testCheck(
      'templ',
      async (ctx) => {
        got = ctx.options;
        const e = ctx.endpoints.find((x) => x.method === 'GET' && x.path === '/orders/{orderId}');
        if (!e) throw new Error('no endpoint');
        const req = await ctx.build(e, 'alice');
        if (!req) throw new Error('no request');
        const ex = await ctx.send(req, 'bob', e);
        ctx.report({
          endpoint: e,
          messageId: 'hit',
          data: { what: `bob got ${ex.response?.status}` },
          exchanges: [ex],
          identities: ['alice', 'bob'],
        });
      },
      { defaultOptions: { limit: 3, deep: false } },
    );
    const result = await runProbeFixture(
      check,
      { handler: api.handler, openapi },
      { checkOptions: { limit: 7 }, engine: { config: { rules: { templ: { severity: 'low', options: { limit: 7 } } } } } },
    );
    expect(got).toEqual({ limit: 7, deep: false });
    expect(probePositions(result.findings)).toEqual(['GET /orders/{orderId}']);
    expect(result.findings[0]).toMatchObject({ severity: 'low', message: 'bob got 200' });
    expect(result.findings[0].location).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/orders\/\d+$/) });
    expect(result.findings[0].evidence?.identities).toEqual(['alice', 'bob']);
  });

  it('a baseline leaves out known findings', async () => {
    const api = ordersApi();
    const check = testCheck('b', async (ctx) => reportExchange(ctx, await ctx.send({ method: 'GET', path: '/admin/stats' }, null)));
    const first = await runProbeFixture(check, { handler: api.handler, openapi });
    const second = await runProbeFixture(
      check,
      { handler: api.handler, openapi },
      { engine: { baseline: new Set([first.findings[0].fingerprint]) } },
    );
    expect(second.findings).toEqual([]);
    expect(second.suppressed.baseline).toBe(1);
  });
});

describe('target', () => {
  it('an unreachable target is one clear error', async () => {
    const result = await probe({ target: 'http://127.0.0.1:1/', checks: [testCheck('x', async () => {})] });
    expect(result.diagnostics).toEqual([{ level: 'error', message: 'target http://127.0.0.1:1/ is unreachable: connection refused' }]);
    expect(result.scanned).toEqual([]);
  });

  it('a bad target is one clear error', async () => {
    const result = await probe({ target: 'ftp://x', checks: [] });
    expect(result.diagnostics[0].message).toBe('bad target "ftp://x": only http and https targets');
  });
});

describe('canary and deadline', () => {
  it('the canary sees requests the target makes to its URL, and is closed after the run', async () => {
    let canaryUrl = '';
    let hits: unknown[] = [];
    const handler = app([
      {
        method: 'POST',
        path: '/fetch',
        handler: async (req, res) => {
          const r = await fetch(String((req.json as { url?: string }).url));
          sendJson(res, 200, { status: r.status });
        },
      },
    ]);
    const check = testCheck('ssrf-like', async (ctx) => {
      canaryUrl = ctx.canary.url('m1');
      expect(canaryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\//);
      await ctx.send({ method: 'POST', path: '/fetch', json: { url: `${canaryUrl}/x?y=1` } }, 'alice');
      hits = await ctx.canary.hits('m1', 1000);
      expect(await ctx.canary.hits('other', 50)).toEqual([]);
    });
    await runProbeFixture(check, { handler }, { engine: { crawl: false } });
    expect(hits).toEqual([expect.objectContaining({ method: 'GET', path: expect.stringMatching(/\/x\?y=1$/) })]);
    await expect(fetch(canaryUrl)).rejects.toThrow();
  });

  it('a deadline aborts the signal; the run ends with a warning and keeps its findings', async () => {
    const api = ordersApi();
    const check = testCheck('long', async (ctx) => {
      reportExchange(ctx, await ctx.send({ method: 'GET', path: '/admin/stats' }, null));
      while (!ctx.signal.aborted) await ctx.send({ method: 'GET', path: '/admin/stats' }, null);
    });
    const started = Date.now();
    const result = await runProbeFixture(check, { handler: api.handler, openapi }, { engine: { deadlineMs: 300, crawl: false } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.findings.length).toBe(1);
    expect(result.diagnostics).toEqual([
      { level: 'warning', message: 'the probe stopped early (deadline reached): some checks did not finish' },
    ]);
  });
});
