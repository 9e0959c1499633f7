/** Identities: static credentials of every kind, login flows as data, expiry and one re-login on 401. */
import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { app, sendJson } from '../../../src/checks/probe/_kit/app.ts';
import { extractToken, fill, jwtExp, staticCredentials } from '../../../src/engines/probe/identities.ts';
import { runProbeFixture } from '../../../src/engines/probe/testing.ts';
import type { Exchange, IdentityConfig } from '../../../src/engines/probe/types.ts';
import { testCheck } from './helpers.ts';

function jwt(payload: Record<string, unknown>): string {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'HS256', typ: 'JWT' })}.${b(payload)}.c2ln`;
}

async function sendAs(handler: RequestListener, identities: IdentityConfig[], as: string, paths: string[], options = {}) {
  const out: Exchange[] = [];
  const check = testCheck('as', async (ctx) => {
    for (const p of paths) out.push(await ctx.send({ method: 'GET', path: p }, as));
  });
  const result = await runProbeFixture(check, { handler, identities, options }, { engine: { crawl: false }, allowErrors: true });
  return { out, result, all: result };
}

describe('static credentials', () => {
  it('bearer, basic, API key (header, query, cookie), cookie and headers', () => {
    expect(staticCredentials({ name: 'a', bearer: 't0k3n' })).toEqual({
      headers: { authorization: 'Bearer t0k3n' },
      query: {},
      token: 't0k3n',
      tokenPlacement: { in: 'header', name: 'authorization', prefix: 'Bearer ' },
    });
    expect(staticCredentials({ name: 'a', basic: { username: 'u', password: 'p' } }).headers.authorization).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
    expect(staticCredentials({ name: 'a', apiKey: { in: 'header', name: 'X-Api-Key', value: 'k' } }).headers).toEqual({ 'x-api-key': 'k' });
    expect(staticCredentials({ name: 'a', apiKey: { in: 'query', name: 'api_key', value: 'k' } }).query).toEqual({ api_key: 'k' });
    expect(staticCredentials({ name: 'a', cookie: 'sid=1', apiKey: { in: 'cookie', name: 'key', value: 'k' } }).headers.cookie).toBe(
      'sid=1; key=k',
    );
    expect(staticCredentials({ name: 'a', headers: { 'X-Tenant': 't1', Authorization: 'Bearer h' } })).toMatchObject({
      headers: { 'x-tenant': 't1', authorization: 'Bearer h' },
      token: 'h',
    });
  });

  it('sends an API key in the query string', async () => {
    const seen: string[] = [];
    const { out } = await sendAs(
      (req, res) => {
        seen.push(req.url ?? '');
        sendJson(res, 200, {});
      },
      [{ name: 'k', apiKey: { in: 'query', name: 'api_key', value: 'key-123' } }],
      'k',
      ['/x?a=1'],
    );
    expect(out[0].response?.status).toBe(200);
    expect(seen).toContain('/x?a=1&api_key=key-123');
  });
});

describe('login flows', () => {
  it('fills {{vars}} everywhere and reads tokens from JSON, headers, cookies and regexes', () => {
    expect(fill({ path: '/l/{{u}}', json: { a: ['{{p}}', 1], b: '{{missing}}' } }, { u: 'al', p: 'pw' })).toEqual({
      path: '/l/al',
      json: { a: ['pw', 1], b: '{{missing}}' },
    });
    const req = { method: 'POST', path: '/login' };
    expect(
      extractToken({ request: req, token: { from: 'json', pointer: '/data/access_token' } }, '{"data":{"access_token":"T1"}}', {}),
    ).toBe('T1');
    expect(extractToken({ request: req, token: { from: 'header', name: 'X-Token' } }, '', { 'x-token': 'T2' })).toBe('T2');
    expect(
      extractToken({ request: req, token: { from: 'cookie', name: 'sid' } }, '', { 'set-cookie': 'a=1; Path=/\nsid=T3; HttpOnly' }),
    ).toBe('T3');
    expect(extractToken({ request: req, token: { from: 'regex', pattern: 'token=(\\w+)' } }, 'ok token=T4 end', {})).toBe('T4');
    expect(extractToken({ request: req, token: { from: 'json', pointer: '/nope' } }, '{}', {})).toBeUndefined();
    expect(jwtExp(jwt({ exp: 2000000000 }))).toBe(2000000000 * 1000);
    expect(jwtExp('not-a-jwt')).toBeUndefined();
  });

  /** A server issuing numbered tokens; `revokeAfter` uses of a token, it answers 401 for it. */
  function authServer(opts: { revokeAfter?: number; use?: 'header' | 'cookie' | 'query'; failLogin?: boolean; expSeconds?: number } = {}) {
    const logins: unknown[] = [];
    const uses = new Map<string, number>();
    let n = 0;
    const handler = app([
      {
        method: 'POST',
        path: '/api/auth/login',
        handler: (req, res) => {
          logins.push(req.json);
          const body = req.json as { username?: string; password?: string };
          if (opts.failLogin || body?.password !== 's3cret') return sendJson(res, 401, { error: 'bad credentials' });
          const token =
            opts.expSeconds !== undefined
              ? jwt({ sub: body.username, n: ++n, exp: Math.floor(Date.now() / 1000) + opts.expSeconds })
              : `tok-${++n}`;
          sendJson(res, 200, { access_token: token });
        },
      },
      {
        method: 'GET',
        path: '/api/me',
        handler: (req, res) => {
          const token =
            opts.use === 'cookie'
              ? /sid=([^;]+)/.exec(String(req.headers.cookie))?.[1]
              : opts.use === 'query'
                ? (req.query.get('t') ?? undefined)
                : /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1];
          if (!token) return sendJson(res, 401, { error: 'no token' });
          const u = (uses.get(token) ?? 0) + 1;
          uses.set(token, u);
          if (opts.revokeAfter !== undefined && u > opts.revokeAfter) return sendJson(res, 401, { error: 'expired' });
          sendJson(res, 200, { token });
        },
      },
    ]);
    return { handler, logins };
  }

  const alice = (use?: IdentityConfig['login'] extends infer L ? (L extends { use?: infer U } ? U : never) : never): IdentityConfig => ({
    name: 'alice',
    vars: { username: 'alice', password: 's3cret' },
    login: {
      request: { method: 'POST', path: '/api/auth/login', json: { username: '{{username}}', password: '{{password}}' } },
      token: { from: 'json', pointer: '/access_token' },
      use,
    },
  });

  it('logs in once, and places the token in a header, a cookie or the query', async () => {
    for (const [use, placement] of [
      [undefined, undefined],
      ['cookie', { in: 'cookie' as const, name: 'sid' }],
      ['query', { in: 'query' as const, name: 't' }],
    ] as const) {
      const s = authServer({ use: use ?? 'header' });
      const { out } = await sendAs(s.handler, [alice(placement)], 'alice', ['/api/me', '/api/me']);
      expect(out.map((e) => e.response?.status)).toEqual([200, 200]);
      expect(JSON.parse(out[0].response?.body ?? '{}').token).toBe('tok-1');
      expect(s.logins).toEqual([{ username: 'alice', password: 's3cret' }]);
    }
  });

  it('logs in again once on 401, and retries the request', async () => {
    const s = authServer({ revokeAfter: 1 });
    const { out, result } = await sendAs(s.handler, [alice()], 'alice', ['/api/me', '/api/me', '/api/me']);
    expect(out.map((e) => e.response?.status)).toEqual([200, 200, 200]);
    expect(out.map((e) => JSON.parse(e.response?.body ?? '{}').token)).toEqual(['tok-1', 'tok-2', 'tok-3']);
    expect(s.logins.length).toBe(3);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('a 401 from a login request (a wrong password) is no reason to log in again', async () => {
    const s = authServer();
    const out: Exchange[] = [];
    const check = testCheck('wrong', async (ctx) => {
      out.push(await ctx.send({ method: 'POST', path: '/api/auth/login', json: { username: 'x', password: 'nope' } }, 'alice'));
    });
    await runProbeFixture(check, { handler: s.handler, identities: [alice()] }, { engine: { crawl: false } });
    expect(out[0].response?.status).toBe(401);
    // alice's own login, then the wrong one: no re-login.
    expect(s.logins).toEqual([
      { username: 'alice', password: 's3cret' },
      { username: 'x', password: 'nope' },
    ]);
  });

  it('does not loop when a fresh token is refused too (one re-login per token)', async () => {
    const s = authServer({ revokeAfter: 0 });
    const { out } = await sendAs(s.handler, [alice()], 'alice', ['/api/me']);
    expect(out[0].response?.status).toBe(401);
    // The initial login and one re-login.
    expect(s.logins.length).toBe(2);
  });

  it('logs in again when the token expires (JWT exp, or expiresIn)', async () => {
    const s = authServer({ expSeconds: 1 });
    const out: Exchange[] = [];
    const check = testCheck('slow', async (ctx) => {
      out.push(await ctx.send({ method: 'GET', path: '/api/me' }, 'alice'));
      out.push(await ctx.send({ method: 'GET', path: '/api/me' }, 'alice'));
      await new Promise((r) => setTimeout(r, 1100));
      out.push(await ctx.send({ method: 'GET', path: '/api/me' }, 'alice'));
    });
    await runProbeFixture(check, { handler: s.handler, identities: [alice()] }, { engine: { crawl: false } });
    expect(out.map((e) => e.response?.status)).toEqual([200, 200, 200]);
    expect(s.logins.length).toBe(2);

    const t = authServer();
    const short = alice();
    if (short.login) short.login.expiresIn = 0.2;
    const out2: Exchange[] = [];
    const check2 = testCheck('slow2', async (ctx) => {
      out2.push(await ctx.send({ method: 'GET', path: '/api/me' }, 'alice'));
      await new Promise((r) => setTimeout(r, 250));
      out2.push(await ctx.send({ method: 'GET', path: '/api/me' }, 'alice'));
    });
    await runProbeFixture(check2, { handler: t.handler, identities: [short] }, { engine: { crawl: false } });
    expect(out2.map((e) => JSON.parse(e.response?.body ?? '{}').token)).toEqual(['tok-1', 'tok-2']);
  });

  it('a failed login is a clear error and nothing else runs', async () => {
    const s = authServer({ failLogin: true });
    let ran = false;
    const check = testCheck('never', async () => {
      ran = true;
    });
    const result = await runProbeFixture(
      check,
      { handler: s.handler, identities: [alice()] },
      { allowErrors: true, engine: { crawl: false } },
    );
    expect(result.diagnostics.filter((d) => d.level === 'error').map((d) => d.message)).toEqual([
      'identity alice: login POST /api/auth/login answered 401',
    ]);
    expect(ran).toBe(false);
    expect(result.scanned.some((x) => x.startsWith('http'))).toBe(false);
  });

  it('says where it looked when the token is not in the answer', async () => {
    const handler = app([{ method: 'POST', path: '/api/auth/login', handler: (_req, res) => sendJson(res, 200, { token: 'x' }) }]);
    const result = await runProbeFixture(
      testCheck('never', async () => {}),
      { handler, identities: [alice()] },
      { allowErrors: true, engine: { crawl: false } },
    );
    expect(result.diagnostics.map((d) => d.message)).toContain(
      'identity alice: login POST /api/auth/login answered 200 but the token was not found (JSON pointer /access_token)',
    );
  });
});
