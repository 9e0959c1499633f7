/**
 * The probe's own safety against a misbehaving target: scope (redirects, absolute URLs), budget, rate,
 * concurrency, timeouts, resets, 5xx everywhere and an endless body. Every server binds 127.0.0.1.
 */
import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BUDGET_EXHAUSTED, inScope } from '../../../src/engines/probe/http.ts';
import { runProbeFixture, startFixtureServer } from '../../../src/engines/probe/testing.ts';
import type { Exchange } from '../../../src/engines/probe/types.ts';
import { testCheck } from './helpers.ts';

const ok: RequestListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
};

/** Runs one check function against a handler without crawl, and returns what it collected. */
async function collect(
  handler: RequestListener,
  fn: (ctx: Parameters<Parameters<typeof testCheck>[1]>[0], out: Exchange[]) => Promise<void>,
  options = {},
) {
  const out: Exchange[] = [];
  let aborted = false;
  const check = testCheck('collect', async (ctx) => {
    await fn(ctx, out);
    aborted = ctx.signal.aborted;
  });
  const result = await runProbeFixture(check, { handler, options }, { engine: { crawl: false }, allowErrors: true });
  return { out, result, aborted };
}

describe('scope', () => {
  it('accepts paths on the origin only', () => {
    const o = new URL('http://127.0.0.1:8080/api/');
    expect(inScope(o, '/api/x?y=1')?.href).toBe('http://127.0.0.1:8080/api/x?y=1');
    for (const p of ['http://evil.example/', '//evil.example/x', '/\\evil.example', 'x', '', 'https://127.0.0.1:8080/', '/a\r\nHost: x']) {
      expect(inScope(o, p), p).toBeUndefined();
    }
  });

  it('never follows a redirect, not even to its own origin, and never sends credentials elsewhere', async () => {
    const hits: string[] = [];
    const other = await startFixtureServer((req, res) => {
      hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.end('stolen');
    });
    try {
      const { out } = await collect(
        (req, res) => {
          if (req.url === '/away') res.writeHead(302, { location: `${other.url}steal` }).end();
          else if (req.url === '/here') res.writeHead(301, { location: '/elsewhere' }).end();
          else ok(req, res);
        },
        async (ctx, o) => {
          o.push(await ctx.send({ method: 'GET', path: '/away' }, 'alice'));
          o.push(await ctx.send({ method: 'GET', path: '/here' }, 'alice'));
          o.push(await ctx.send({ method: 'GET', path: `${other.url}direct` }, 'alice'));
          o.push(await ctx.send({ method: 'GET', path: `//${new URL(other.url).host}/x` }, null));
        },
      );
      expect(out.map((e) => e.response?.status ?? e.error?.split(':')[0])).toEqual([302, 301, 'refused', 'refused']);
      expect(out[0].response?.headers.location).toBe(`${other.url}steal`);
      expect(out[2].error).toContain('outside the target origin');
      expect(hits).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('limits', () => {
  it('stops at the budget: later requests fail without being sent and the signal aborts', async () => {
    let served = 0;
    const { out, aborted, result } = await collect(
      (req, res) => {
        served++;
        ok(req, res);
      },
      async (ctx, o) => {
        for (let i = 0; i < 10; i++) o.push(await ctx.send({ method: 'GET', path: `/n/${i}` }, null));
      },
      { budget: 5 },
    );
    // The reachability request took one of the five.
    expect(served).toBe(5);
    expect(out.filter((e) => e.response).length).toBe(4);
    expect(out.filter((e) => e.error === BUDGET_EXHAUSTED).length).toBe(6);
    expect(aborted).toBe(true);
    expect(result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('request budget exhausted'));
  });

  it('keeps to the rate', async () => {
    const started = Date.now();
    const { out } = await collect(
      ok,
      async (ctx, o) => {
        o.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => ctx.send({ method: 'GET', path: `/r/${i}` }, null)))));
      },
      { rate: 20, concurrency: 1 },
    );
    expect(out.every((e) => e.response?.status === 200)).toBe(true);
    // 11 requests (with the reachability one) at 20/s with no burst: at least 0.5 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('keeps to the concurrency', async () => {
    let inFlight = 0;
    let max = 0;
    const { out } = await collect(
      (req, res) => {
        inFlight++;
        max = Math.max(max, inFlight);
        setTimeout(() => {
          inFlight--;
          ok(req, res);
        }, 30);
      },
      async (ctx, o) => {
        o.push(...(await Promise.all(Array.from({ length: 12 }, (_, i) => ctx.send({ method: 'GET', path: `/c/${i}` }, null)))));
      },
      { concurrency: 3 },
    );
    expect(out.length).toBe(12);
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThan(1);
  });
});

describe('a misbehaving target', () => {
  it('times out a hanging server (no headers) and one that stalls mid-body', async () => {
    const started = Date.now();
    const { out } = await collect(
      (req, res) => {
        if (req.url === '/hang') return; // never answers
        if (req.url === '/stall') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.write('partial');
          return; // never ends
        }
        ok(req, res);
      },
      async (ctx, o) => {
        o.push(await ctx.send({ method: 'GET', path: '/hang' }, null));
        o.push(await ctx.send({ method: 'GET', path: '/stall' }, null));
        o.push(await ctx.send({ method: 'GET', path: '/fine' }, null));
      },
      { timeoutMs: 300 },
    );
    expect(out[0].error).toBe('timeout after 300 ms');
    expect(out[0].response).toBeUndefined();
    expect(out[1].error).toBe('timeout after 300 ms');
    expect(out[1].response?.body).toBe('partial');
    expect(out[2].response?.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports a reset connection as an error and goes on', async () => {
    const { out } = await collect(
      (req, res) => {
        if (req.url === '/reset') req.socket.destroy();
        else ok(req, res);
      },
      async (ctx, o) => {
        o.push(await ctx.send({ method: 'GET', path: '/reset' }, null));
        o.push(await ctx.send({ method: 'GET', path: '/after' }, null));
      },
    );
    expect(out[0].error).toBe('connection reset');
    expect(out[1].response?.status).toBe(200);
  });

  it('runs to the end when everything answers 500', async () => {
    const check = testCheck('all', async (ctx) => {
      for (const e of ctx.endpoints) {
        const req = await ctx.build(e, 'alice');
        if (req) await ctx.send(req, 'alice', e);
      }
    });
    const result = await runProbeFixture(check, {
      handler: (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
      },
      openapi: {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/items': {
            post: {
              requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
              responses: { 201: { description: 'x' } },
            },
          },
          '/items/{id}': {
            get: {
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
              responses: { 200: { description: 'x' } },
            },
          },
        },
      },
    });
    expect(result.findings).toEqual([]);
    expect(result.scanned.some((s) => s.startsWith('http://127.0.0.1:'))).toBe(true);
  });

  it('cuts a 1 GB body at the limit quickly, with flat memory', async () => {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const { out } = await collect(
      (req, res) => {
        if (req.url !== '/big') return ok(req, res);
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(1024 ** 3) });
        let closed = false;
        res.on('close', () => {
          closed = true;
        });
        const pump = () => {
          while (!closed && written < 1024 ** 3) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!closed) res.end();
        };
        pump();
      },
      async (ctx, o) => {
        o.push(await ctx.send({ method: 'GET', path: '/big' }, null));
      },
      { maxBodyBytes: 256 * 1024 },
    );
    const ex = out[0];
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.truncated).toBe(true);
    expect(ex.response?.body.length).toBe(256 * 1024);
    expect(Date.now() - started).toBeLessThan(5000);
    // The server stopped long before a gigabyte: the client closed the connection.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
});
