/**
 * Evidence: request and response as HTTP text with every credential redacted in every report format,
 * and a curl command that really replays the request with the credentials as shell variables.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { app, sendJson } from '../../../src/checks/probe/_kit/app.ts';
import { probe } from '../../../src/engines/probe/engine.ts';
import { curlCommand, EMPTY_REDACTOR, mask, redactHeader, redactText, redactUrl, shellQuote } from '../../../src/engines/probe/evidence.ts';
import { runProbeFixture, startFixtureServer } from '../../../src/engines/probe/testing.ts';
import type { Exchange, IdentityConfig } from '../../../src/engines/probe/types.ts';
import { REPORTERS, render } from '../../../src/reporters/index.ts';
import { validateSarif } from '../../../src/reporters/sarif-validator.ts';
import { reportExchange, testCheck } from './helpers.ts';

const run = promisify(execFile);

const BOB_JWT = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{"sub":"bob","role":"user"}').toString('base64url')}.ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz`;
const SECRETS = {
  alice: 'alice-secret-token-0123456789',
  carolKey: 'carol-api-key-abcdefghijkl',
  davePassword: 'dave-pass-word-42',
  eveSession: 'eve-session-zyxwvutsrqpo',
  bobPassword: 'b0b-l0gin-passw0rd',
  serverSession: 'server-issued-session-998877',
};

const identities: IdentityConfig[] = [
  { name: 'alice', bearer: SECRETS.alice },
  {
    name: 'bob',
    vars: { username: 'bob', password: SECRETS.bobPassword },
    login: {
      request: { method: 'POST', path: '/login', json: { username: '{{username}}', password: '{{password}}' } },
      token: { from: 'json', pointer: '/access_token' },
    },
  },
  { name: 'carol', apiKey: { in: 'header', name: 'X-Api-Key', value: SECRETS.carolKey } },
  { name: 'dave', basic: { username: 'dave', password: SECRETS.davePassword } },
  { name: 'eve', cookie: `sid=${SECRETS.eveSession}` },
  { name: 'frank', apiKey: { in: 'query', name: 'key', value: 'frank-query-key-555666' } },
];

/** Echoes the credentials it got, sets a session cookie, and hands out bob's JWT at login. */
const handler = app([
  {
    method: 'POST',
    path: '/login',
    handler: (req, res) =>
      (req.json as { password?: string })?.password === SECRETS.bobPassword
        ? sendJson(res, 200, { access_token: BOB_JWT, token_type: 'bearer' })
        : sendJson(res, 401, {}),
  },
  {
    method: 'GET',
    path: '/echo',
    handler: (req, res) =>
      sendJson(
        res,
        200,
        { authorization: req.headers.authorization, cookie: req.headers.cookie, key: req.headers['x-api-key'], url: req.query.toString() },
        { 'set-cookie': `session=${SECRETS.serverSession}; HttpOnly; Path=/` },
      ),
  },
]);

describe('redaction', () => {
  it('masks values: a prefix and the length, less of short ones', () => {
    expect(mask('abcdefghijklmnopqrstuvwxyz')).toBe('abcd…(26 chars)');
    expect(mask('s3cret')).toBe('s…(6 chars)');
    expect(redactHeader('authorization', 'Bearer abcdefghijklmnop', EMPTY_REDACTOR)).toBe('Bearer abcd…(16 chars)');
    expect(redactHeader('cookie', 'a=1234567890; b=', EMPTY_REDACTOR)).toBe('a=12…(10 chars); b=');
    expect(redactHeader('set-cookie', 'sid=abcdefghijkl; HttpOnly', EMPTY_REDACTOR)).toBe('sid=abc…(12 chars); HttpOnly');
    expect(redactUrl('/x?api_key=abcdefghijkl&q=1', EMPTY_REDACTOR)).toBe('/x?api_key=abc%E2%80%A6(12%20chars)&q=1');
    expect(redactText('{"password":"hunter22hunter","name":"n"}', EMPTY_REDACTOR)).toBe('{"password":"hun…(14 chars)","name":"n"}');
    expect(redactText(`token ${BOB_JWT}.`, EMPTY_REDACTOR)).not.toContain(BOB_JWT);
    // A known secret is found percent-encoded too.
    const r = { secrets: ['k+y/Secret=='], headerNames: [], queryNames: [] };
    expect(
      redactText(`/x?c=${encodeURIComponent('k+y/Secret==')}&d=${new URLSearchParams({ s: 'k+y/Secret==' }).toString().slice(2)}`, r),
    ).not.toMatch(/Secret/);
  });

  it('no credential appears in any report format', async () => {
    const check = testCheck('leaky', async (ctx) => {
      for (const who of ['alice', 'bob', 'carol', 'dave', 'eve', 'frank']) {
        reportExchange(ctx, await ctx.send({ method: 'GET', path: '/echo?x=1' }, who), `as ${who}`, [who]);
      }
      // The login exchange itself: password in the request, token in the response.
      const login = ctx.exchanges().find((e) => e.request.path === '/login');
      if (login) reportExchange(ctx, login, 'login');
    });
    const result = await runProbeFixture(check, { handler, identities }, { engine: { crawl: false } });
    expect(result.findings.length).toBe(7);
    const texts = Object.keys(REPORTERS).map((f) => render(f, result, { verbose: true }));
    const all = [...texts, JSON.stringify(result)].join('\n');
    for (const secret of [
      ...Object.values(SECRETS),
      BOB_JWT,
      'frank-query-key-555666',
      Buffer.from(`dave:${SECRETS.davePassword}`).toString('base64'),
    ]) {
      expect(all.includes(secret), secret).toBe(false);
    }
    const alice = result.findings.find((f) => f.message === 'as alice');
    expect(alice?.evidence?.request).toMatch(/^GET \/echo\?x=1 HTTP\/1\.1\nhost: 127\.0\.0\.1:\d+\n/);
    expect(alice?.evidence?.request).toContain('authorization: Bearer alic…(29 chars)');
    expect(alice?.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(alice?.evidence?.response).toContain('set-cookie: session=serv…(28 chars); HttpOnly; Path=/');
    expect(alice?.evidence?.identities).toEqual(['alice']);
    expect(alice?.evidence?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('shows the evidence in the console, markdown and SARIF reports', async () => {
    const check = testCheck('shown-evidence', async (ctx) => {
      reportExchange(ctx, await ctx.send({ method: 'GET', path: '/echo' }, 'alice'), 'as alice', ['alice', 'bob']);
    });
    const result = await runProbeFixture(check, { handler, identities }, { engine: { crawl: false } });
    const console = render('console', result);
    expect(console).toContain('GET /echo → 200 OK  (identities: alice, bob)');
    expect(console).toMatch(/\$ curl -i -sS 'http:\/\/127\.0\.0\.1:\d+\/echo' .*"\$ALICE_TOKEN"/);
    expect(console).toMatch(/probed http:\/\/127\.0\.0\.1:\d+\//);
    const md = render('markdown', result);
    expect(md).toContain('```http\n  GET /echo HTTP/1.1');
    expect(md).toContain('```sh\n  curl');
    const sarif = JSON.parse(render('sarif', result));
    const r = sarif.runs[0].results[0];
    expect(r.locations[0].logicalLocations[0]).toEqual({ name: 'GET /echo', fullyQualifiedName: 'GET /echo', kind: 'function' });
    expect(r.webRequest).toMatchObject({ protocol: 'HTTP', version: '1.1', method: 'GET' });
    expect(r.webRequest.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/echo$/);
    expect(r.webRequest.headers.authorization).toBe('Bearer alic…(29 chars)');
    expect(r.webResponse).toMatchObject({ statusCode: 200, reasonPhrase: 'OK' });
    expect(r.properties.identities).toEqual(['alice', 'bob']);
    const report = validateSarif(render('sarif', result));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  }, 60_000);
});

describe('curl', () => {
  it("shellQuote's word is read back by a real shell as the text itself (the gRPC and WebSocket reproducers use it too)", async () => {
    const text = `it's a "quote" $HOME \`id\` \\ ; | & \n end`;
    const { stdout } = await run('sh', ['-c', `printf %s ${shellQuote(text)}`]);
    expect(stdout).toBe(text);
  });

  it('quotes everything and puts credentials in shell variables', () => {
    const ex: Exchange = {
      seq: 1,
      request: {
        method: 'POST',
        path: "/a?q=it's",
        url: "http://127.0.0.1:1/a?q=it's",
        json: { token: 'tok-123456', n: 1 },
        sentHeaders: { authorization: 'Bearer tok-123456', 'content-type': 'application/json', 'user-agent': 'x' },
      },
    };
    expect(curlCommand(ex, { secrets: ['tok-123456'], headerNames: [], queryNames: [] }, new Map([['tok-123456', 'ALICE_TOKEN']]))).toBe(
      `curl -i -sS -X POST 'http://127.0.0.1:1/a?q=it'\\''s' -H 'authorization: Bearer '"$ALICE_TOKEN" -H 'content-type: application/json' --data-raw '{"token":"'"$ALICE_TOKEN"'","n":1}'`,
    );
  });

  it('replays the request it comes from', async () => {
    const srv = await startFixtureServer(handler);
    try {
      const check = testCheck('replay', async (ctx) => {
        reportExchange(ctx, await ctx.send({ method: 'GET', path: '/echo?x=1' }, 'alice'), 'a', ['alice']);
        reportExchange(ctx, await ctx.send({ method: 'GET', path: '/echo?x=2' }, 'carol'), 'c', ['carol']);
      });
      const result = await probe({ target: srv.url, identities, checks: [check], crawl: false });
      const env = { PATH: process.env.PATH, ALICE_TOKEN: SECRETS.alice, CAROL_API_KEY: SECRETS.carolKey };
      for (const [msg, expected] of [
        ['a', `"authorization":"Bearer ${SECRETS.alice}"`],
        ['c', `"key":"${SECRETS.carolKey}"`],
      ]) {
        const curl = result.findings.find((f) => f.message === msg)?.evidence?.curl ?? '';
        expect(curl).not.toContain(SECRETS.alice);
        const { stdout } = await run('sh', ['-c', curl], { env, timeout: 10_000 });
        expect(stdout).toMatch(/^HTTP\/1\.1 200 OK/);
        expect(stdout).toContain(expected);
      }
    } finally {
      await srv.close();
    }
  });
});
