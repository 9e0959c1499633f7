import { describe, expect, it } from 'vitest';
import { probeFixture, runWsProbeCheck } from '../_kit/run.ts';
import openConfigured from './fixtures/open-configured.ts';
import safe from './fixtures/safe.ts';
import safeConfigured from './fixtures/safe-configured.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeConfigured from './fixtures/unsafe-configured.ts';

const id = 'websocket-token-in-query-accepted';

describe(id, () => {
  it("flags bob's bearer token accepted as ?access_token= with no header", async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'The socket accepted bob\'s token in the query parameter "access_token" of the upgrade URL, with no header or cookie: the URL, token included, is written to access logs of every proxy and server on the way.',
    );
    expect(f.evidence?.request).toMatch(/^GET \/socket\?access_token=bob-%E2%80%A6\(26%20chars\) HTTP\/1\.1/);
    expect(f.evidence?.request).not.toMatch(/authorization/i);
    expect(JSON.stringify(f.evidence)).not.toContain('bob-token-4e8d1a6c93f27b50');
    expect(f.evidence?.curl).toContain('access_token=\'"$BOB_TOKEN"');
    expect(f.evidence?.response).toMatch(
      /\n--- compare: GET \/socket \(no credentials, Origin: http:\/\/127\.0\.0\.1:\d+\)\nHTTP\/1\.1 401 Unauthorized\n/,
    );
  });

  it('does not flag a server that takes tokens from the Authorization header only, having offered it in both parameters', async () => {
    const r = await probeFixture(safe, [id]);
    expect(r.findings).toEqual([]);
    expect(r.upgrades.filter((u) => u.url.includes('bob-token')).map((u) => `${u.status} ${u.url.split('=')[0]}`)).toEqual([
      '401 /socket?access_token',
      '401 /socket?token',
    ]);
  });

  it("flags carol's configured query key when the server refuses the same upgrade without it", async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafeConfigured);
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'Identity carol authenticates the socket with a credential in the query string of the upgrade URL, and the server accepts it: the URL, credential included, is written to access logs of every proxy and server on the way.',
    );
    expect(f.evidence?.request).toMatch(/^GET \/socket\?token=caro%E2%80%A6\(26%20chars\) HTTP\/1\.1/);
    expect(JSON.stringify(f.evidence)).not.toContain('carol-key-9b1e5d7a20c4f863');
    expect(f.evidence?.response).toMatch(/\n--- compare: GET \/socket \(no credentials, [^)]*\)\nHTTP\/1\.1 401 Unauthorized\n/);
  });

  it('leaves a socket that opens for anyone, key or no key, to websocket-unauthenticated-upgrade', async () => {
    const r = await probeFixture(openConfigured, [id, 'websocket-unauthenticated-upgrade']);
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['websocket-unauthenticated-upgrade']);
  });

  it("does not flag carol's configured query key when the server refuses it", async () => {
    const r = await probeFixture(safeConfigured, [id]);
    expect(r.findings).toEqual([]);
    // The check did send carol's key in the query (after the anonymous comparison), and the server refused it.
    expect(r.upgrades.filter((u) => u.url.includes('carol-key'))).toEqual([
      { url: '/socket?token=carol-key-9b1e5d7a20c4f863', status: 401 },
    ]);
    // Carol's key was refused; with no bearer identity beside her there is nothing else to put in the query.
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'no identity in probe.identities has a bearer or login token: tokens in the query string were not tested',
    ]);
  });
});
