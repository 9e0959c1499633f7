import { describe, expect, it } from 'vitest';
import { probeFixture, runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-cross-site-hijacking';

describe(id, () => {
  it("flags an upgrade from a foreign Origin that rides alice's session cookie", async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.location).toMatchObject({ kind: 'http', method: 'GET', path: '/socket' });
    expect(f.message).toMatch(
      /^The socket accepted an upgrade from Origin https:\/\/evil\.example carrying only alice's session cookie and answered with alice's data \(\{"type":"pong","user":"alice"/,
    );
    expect(f.evidence?.identities).toEqual(['alice']);
    // The cookie is redacted in the request and a shell variable in the reproducer.
    expect(f.evidence?.request).toContain('origin: https://evil.example');
    expect(f.evidence?.request).toMatch(/cookie: session=alic…\(\d+ chars\)/);
    expect(JSON.stringify(f.evidence)).not.toContain('alice-session-7f3a9c2e51b8d406');
    expect(f.evidence?.curl).toMatch(
      /^websocat -H 'origin: https:\/\/evil\.example' -H 'cookie: session='"\$ALICE_COOKIE_?\w*"|^websocat -H 'origin: https:\/\/evil\.example' -H 'cookie: '"\$ALICE_COOKIE"/,
    );
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 101/);
    // The same upgrade without the cookie was refused: the cookie is what opened the socket.
    expect(f.evidence?.response).toMatch(
      /\n--- compare: GET \/socket \(no credentials, Origin: https:\/\/evil\.example\)\nHTTP\/1\.1 401 Unauthorized\n/,
    );
  });

  it('does not flag a server that checks Origin, which refused the foreign-origin upgrades', async () => {
    const r = await probeFixture(safe, [id]);
    expect(r.findings).toEqual([]);
    expect(r.upgrades.filter((u) => u.status === 403).length).toBeGreaterThan(0);
  });
});
